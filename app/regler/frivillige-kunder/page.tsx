import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { PageHeader } from "@/components/PageHeader";
import {
  AgreementList,
  CascadeTiers,
  EcommerceText,
  PublishedListLinks,
  RulesPageLinks,
  RulesSection,
} from "@/components/RulesSections";
import { ENROLMENT_PHASES } from "@/lib/domain/agreement-status";
import { agreementsByEnrolment, publishedListLinks } from "@/lib/rules/public";

export const metadata: Metadata = { title: "Regler for frivillige kunder" };
export const dynamic = "force-dynamic";

const VOLUNTARY_CUSTOMERS = [
  "Kommuner",
  "Regioner",
  "Folketinget",
  "Danmarks Nationalbank",
  "Dansk Institut for Internationale Studier",
  "Institut for Menneskerettigheder",
  "Grønlands Selvstyre",
  "Færøernes Hjemmestyre",
  "Selvejende institutioner",
];

/** Public: the voluntary customers' rules (source page "Frivillige kunder"), written for the portal. */
export default async function VoluntaryCustomersPage() {
  const { enrolment, noEnrolment } = await agreementsByEnrolment();
  const lists = publishedListLinks(["aftaleparter.xlsx", "aftaler-og-faser.xlsx"]);
  const phases = `${ENROLMENT_PHASES.first}.-${ENROLMENT_PHASES.last}. fase`;
  return (
    <>
      <p className="mb-4">
        <Link href="/regler">Regler for indkøb</Link>
      </p>
      <PageHeader
        title="Regler for frivillige kunder"
        lead="Som frivillig kunde kan du købe ind på en aftale i Statens Indkøbsprogram, når din institution er part på aftalen."
      />

      <section aria-labelledby="hvem" className="max-w-text space-y-4">
        <h2 id="hvem">Hvem er frivillige kunder?</h2>
        <p>Disse offentlige institutioner er frivillige kunder:</p>
        <ul className="list-disc space-y-1 pl-6">
          {VOLUNTARY_CUSTOMERS.map((customer) => (
            <li key={customer}>{customer}</li>
          ))}
        </ul>
        <p>
          Statslige institutioner er forpligtede kunder og følger{" "}
          <Link href="/regler/forpligtede-kunder">reglerne for forpligtede kunder</Link>.
        </p>
      </section>

      <RulesSection id="part" title="Du skal være part på aftalen">
        <p>
          Du kan kun købe ind på en aftale, som din institution er part på. Det gælder også de aftaler, der er forpligtende
          for staten: for en frivillig kunde er de ikke forpligtende. Men er du part på en sådan aftale, kommer den først,
          når du dækker et behov:
        </p>
        <CascadeTiers />
        <p>
          På listen over aftaleparter (se nedenfor) kan du se, hvilke offentlige institutioner der er part på hvilke
          aftaler.
        </p>
      </RulesSection>

      <RulesSection id="faser" title="Faser: sådan bliver du part">
        <p>
          Aftalerne i Statens Indkøbsprogram bliver udbudt i faser. En fase er en udbudsrunde. 11. fase blev for eksempel
          udbudt i 2016, og de aftaler, der blev indgået, trådte i kraft 1. januar 2017.
        </p>
        <p>
          Man bliver part på aftalerne fase for fase. Det er ikke muligt at blive part på en udbudsrunde, der er afsluttet.
          Vil du være part i den næste udbudsrunde, skal du kontakte din koncernindkøber.
        </p>
        <p>
          <Link href="/koncernindkoebere" className="font-semibold">
            Find din koncernindkøber
          </Link>
        </p>
      </RulesSection>

      <RulesSection id="tilmelding" title="Tilmelding til aftaler fra 8.-10. fase">
        <p>
          Er du part på en aftale fra {phases}, skal du også tilmelde dig aftalen, før du kan købe ind på den. Tilmelding
          blev afskaffet fra og med {ENROLMENT_PHASES.last + 1}. fase, så aftaler fra senere faser kræver ingen tilmelding.
        </p>
        <h3 className="pt-4">Sådan tilmelder du dig</h3>
        <ol className="list-decimal space-y-2 pl-6">
          <li>Udfyld skemaet i aftalens Bilag 7 og det tilhørende Excel-ark, «Skema». Skemaet hentes på aftalens side.</li>
          <li>Indsend begge dele i portalen: log ind, åbn aftalen, og vælg «Tilmeld jer aftalen».</li>
          <li>Din koncernindkøber godkender tilmeldingen, og du får en bekræftelse på, at du er tilmeldt aftalen.</li>
          <li>
            Vil du derefter købe noget konkret på aftalen, beder du om adgang (log-ind) til aftalen til det konkrete køb.
          </li>
        </ol>
        <p>
          <strong>Tilmeldingen forpligter ikke.</strong> Du bestemmer selv, om du vil købe ind på aftalen.
        </p>
        <h3 className="pt-4">Gældende aftaler, der kræver tilmelding</h3>
        <AgreementList agreements={enrolment} empty={`Der er ingen gældende aftaler fra ${phases}.`} />
        <h3 className="pt-4">Gældende aftaler uden tilmelding</h3>
        <p>Disse centralt koordinerede aftaler er fra en senere fase. Er du part på dem, kan du købe ind uden at tilmelde dig:</p>
        <AgreementList agreements={noEnrolment} empty="Der er ingen gældende aftaler fra senere faser." />
      </RulesSection>

      <RulesSection id="e-handel" title="E-handel">
        <EcommerceText obligated={false} />
      </RulesSection>

      <RulesSection id="lister" title="Lister til download">
        <PublishedListLinks lists={lists} />
      </RulesSection>

      <RulesSection id="se-ogsaa" title="Se også">
        <RulesPageLinks current="/regler/frivillige-kunder" />
      </RulesSection>
    </>
  );
}
