import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { Alert } from "@/components/Alert";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { CascadeTiers, EcommerceText, PublishedListLinks, RulesPageLinks, RulesSection } from "@/components/RulesSections";
import { formatDate } from "@/lib/format";
import { publishedListLinks, quarterLabel, upcomingDeadlines } from "@/lib/rules/public";

export const metadata: Metadata = { title: "Regler for forpligtede kunder" };
export const dynamic = "force-dynamic";

const AGENCY_FORMAT_COLUMNS = ["År", "Kvartal", "Virk_CVR", "Virksomhedsnavn", "Kategorikode", "Indkøbskategori", "Kreditor_CVR", "Kreditor_Navn", "Beløb"];

/** Public: the obligated customers' duties (source page "Forpligtede kunder"), written for the portal. */
export default async function ObligatedCustomersPage() {
  const deadlines = await upcomingDeadlines();
  const lists = publishedListLinks(["indkoebskategorier.xlsx", "leverandoerer.xlsx"]);
  return (
    <>
      <p className="mb-4">
        <Link href="/regler">Regler for indkøb</Link>
      </p>
      <PageHeader
        title="Regler for forpligtede kunder"
        lead="Som forpligtet kunde skal du købe ind på aftalerne i Statens Indkøbsprogram. Det gælder alle statslige institutioner."
      />

      <section aria-labelledby="pligter" className="max-w-text space-y-4">
        <h2 id="pligter">Det skal du</h2>
        <p>Efter cirkulære om indkøb i staten skal alle, der køber ind for en statslig institution:</p>
        <ul className="list-disc space-y-2 pl-6">
          <li>
            bruge de centralt koordinerede aftaler i <Link href="/aftaler">Statens Indkøbsprogram</Link>,
          </li>
          <li>dække indkøbsbehovet efter den statslige indkøbskaskade (se nedenfor),</li>
          <li>sørge for, at Statens Indkøb får institutionens indkøbsdata hvert kvartal, og</li>
          <li>bruge e-handel, hvor det er muligt og økonomisk fordelagtigt.</li>
        </ul>
      </section>

      <RulesSection id="kaskade" title="Indkøbskaskaden">
        <p>
          Kaskaden skal gøre statens indkøb billigere og enklere. Du skal købe ind på de aftaler, der allerede findes, og i
          en bestemt rækkefølge. Dæk dit behov på det første trin, hvor en aftale dækker det:
        </p>
        <CascadeTiers />
        <h3 className="pt-4">Når flere aftaler kan bruges</h3>
        <p>
          Kan flere aftaler på samme trin dække behovet, vælger du den, der passer bedst til behovet, og skriver kort,
          hvorfor du valgte den. Portalens kaskade viser aftalerne trin for trin og gemmer dit valg og din begrundelse.
        </p>
        <h3 className="pt-4">Når ingen aftale dækker behovet</h3>
        <p>
          Findes der hverken en central aftale eller en egen aftale, skal institutionen selv købe ind. Overstiger beløbet
          EU&apos;s tærskelværdi, skal indkøbet i udbud efter udbudsreglerne.
        </p>
      </RulesSection>

      <RulesSection id="indkoebsdata" title="Indkøbsdata hvert kvartal">
        <p>
          Statens Indkøb skal hvert kvartal have adgang til institutionens indkøbsdata fra de centralt koordinerede aftaler.
          Indkøbsdata bruges til at:
        </p>
        <ul className="list-disc space-y-2 pl-6">
          <li>følge op på, hvordan aftalerne bliver brugt,</li>
          <li>beregne hvert ministeriums compliance, altså hvor stor en del af indkøbet der sker på aftalerne (opgørelsen sendes til ministerierne hvert kvartal), og</li>
          <li>forberede udbud af nye centralt koordinerede aftaler.</li>
        </ul>
        <h3 className="pt-4">Løbende data fra SKS</h3>
        <p>
          Leverer ministeriet løbende data via Statens Koncernsystem (SKS), behøver I ikke godkende trækket fra SKS hvert
          kvartal. Data fra SKS regnes som godkendt, når kvartalets regnskab er godkendt. Er der fejl eller mangler i data,
          kan ministeriet tage forbehold over for kvartalets data i SKS. Forbeholdet skal være indsendt inden fristen.
        </p>
        <h3 className="pt-4">Manuel indsendelse</h3>
        <p>
          Leverer institutionen ikke data via SKS, skal data indsendes manuelt inden kvartalets frist. Én række pr.
          institution, kategori og leverandør, med beløb uden moms, i kolonnerne:
        </p>
        <p className="font-mono text-sm">{AGENCY_FORMAT_COLUMNS.join("; ")}</p>
        <p>
          Sender du data for et kvartal igen, erstatter de nye data de gamle for det kvartal; de lægges ikke oveni. Efter
          fristen kan data og forbehold ikke længere indsendes for kvartalet.
        </p>
        <h3 className="pt-4">Frister for manuel indsendelse og forbehold</h3>
        {deadlines.length > 0 ? (
          <DataTable
            caption="Kommende frister for manuel indsendelse af data og forbehold over for data i SKS"
            captionHidden
            rows={deadlines}
            rowKey={(d) => d.quarter}
            columns={[
              { key: "quarter", header: "Data for", rowHeader: true, cell: (d) => quarterLabel(d.quarter) },
              { key: "deadline", header: "Frist", cell: (d) => <time dateTime={d.deadline.toISOString().slice(0, 10)}>{formatDate(d.deadline)}</time> },
            ]}
          />
        ) : (
          <Alert variant="info" role="none">
            <p>Statens Indkøb har ikke offentliggjort kommende frister endnu.</p>
          </Alert>
        )}
      </RulesSection>

      <RulesSection id="e-handel" title="E-handel">
        <EcommerceText obligated />
      </RulesSection>

      <RulesSection id="lister" title="Lister til download">
        <PublishedListLinks lists={lists} />
      </RulesSection>

      <RulesSection id="grundlag" title="Regelgrundlag">
        <p>
          Pligterne står i cirkulære om indkøb i staten og i cirkulæreskrivelsen om nye centralt koordinerede
          indkøbsaftaler (begge på retsinformation.dk). Regeringen fastlægger de overordnede linjer for statens indkøb
          sammen med Statens Indkøb og andre parter, blandt andet i Statens Indkøbspolitik.
        </p>
      </RulesSection>

      <RulesSection id="se-ogsaa" title="Se også">
        <RulesPageLinks current="/regler/forpligtede-kunder" />
      </RulesSection>
    </>
  );
}
