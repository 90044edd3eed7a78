import type { Metadata } from "next";
import { PageHeader } from "@/components/PageHeader";
import { CascadeTiers, RulesPageLinks, RulesSection } from "@/components/RulesSections";

export const metadata: Metadata = { title: "Regler for indkøb" };

/** Public: the rules of the state purchasing programme, for everyone. */
export default function RulesIndexPage() {
  return (
    <>
      <PageHeader
        title="Regler for indkøb"
        lead="Hvilke regler du skal følge, afhænger af, om din institution er forpligtet kunde eller frivillig kunde i Statens Indkøbsprogram."
      />
      <RulesPageLinks />
      <RulesSection id="hvem" title="Er du forpligtet eller frivillig kunde?">
        <p>
          <strong>Forpligtede kunder</strong> er de statslige institutioner. De skal bruge aftalerne i Statens
          Indkøbsprogram, følge indkøbskaskaden, indberette indkøbsdata hvert kvartal og bruge e-handel, hvor det er muligt.
        </p>
        <p>
          <strong>Frivillige kunder</strong> er blandt andre kommuner, regioner, Folketinget og selvejende institutioner.
          De kan købe ind på en aftale, når de er part på den.
        </p>
      </RulesSection>
      <RulesSection id="kaskade" title="Indkøbskaskaden i korte træk">
        <p>Et indkøbsbehov dækkes i denne rækkefølge:</p>
        <CascadeTiers />
      </RulesSection>
    </>
  );
}
