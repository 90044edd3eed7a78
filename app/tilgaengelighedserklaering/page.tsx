import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Alert } from "@/components/Alert";
import { PageHeader } from "@/components/PageHeader";

export const metadata: Metadata = { title: "Tilgængelighedserklæring" };

const COMPLAINT_URL = "https://digst.dk/digital-inklusion/webtilgaengelighed/oplever-du-ikke-tilgaengeligt-indhold/";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-10 max-w-text space-y-4">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export default function AccessibilityStatementPage() {
  return (
    <>
      <PageHeader
        title="Tilgængelighedserklæring"
        lead="Statens Indkøb ønsker, at alle kan bruge portalen til Statens Indkøbsprogram, også brugere med handicap."
      />

      <Alert variant="warning" role="none" heading="Dette er en demoerklæring" className="max-w-text">
        <p>
          Portalen er en demonstrationsløsning, og erklæringen er et eksempel. En offentlig myndighed skal udfylde og
          offentliggøre sin tilgængelighedserklæring i Digitaliseringsstyrelsens WAS-Tool og linke til den fra sidefoden.
        </p>
      </Alert>

      <Section title="Hvad erklæringen omfatter">
        <p>
          Erklæringen gælder portalen til Statens Indkøbsprogram, hvor statslige og frivillige kunder finder aftaler,
          bruger indkøbskaskaden, indsender indkøbsdata og følger compliance.
        </p>
        <p>
          Statens Indkøb er som offentlig myndighed omfattet af lov om tilgængelighed af offentlige organers websteder og
          mobilapplikationer (webtilgængelighedsloven). Loven kræver, at portalen overholder den europæiske standard
          EN 301 549, som for websteder svarer til WCAG 2.1 på niveau AA.
        </p>
      </Section>

      <Section title="Overholdelsesstatus">
        <p>
          Portalen er <strong>delvist i overensstemmelse</strong> med WCAG 2.1 niveau AA på grund af de begrænsninger,
          der er nævnt nedenfor.
        </p>
        <p>Portalen er bygget på Det Fælles Designsystem og er blandt andet lavet, så</p>
        <ul className="list-disc space-y-1 pl-6">
          <li>alle funktioner kan bruges med tastatur, og fokus altid er synligt,</li>
          <li>et link øverst på hver side fører direkte til sidens indhold,</li>
          <li>formularfelter har synlige etiketter, og fejl vises både ved feltet og samlet øverst,</li>
          <li>tabeller har overskrifter og titler, og tal er læsbare i en skærmlæser,</li>
          <li>tekst og baggrund har tilstrækkelig kontrast, og siderne kan forstørres til 200 procent.</li>
        </ul>
      </Section>

      <Section title="Kendte begrænsninger">
        <ul className="list-disc space-y-2 pl-6">
          <li>
            Regneark (xlsx) med lister, skabeloner og compliance-rapporter er ikke fuldt tilgængelige. De samme
            oplysninger kan ses som tabeller på portalen, og compliance-rapporten findes også som side til udskrift.
          </li>
          <li>
            Diagrammer på oversigtssiderne kan være svære at aflæse. Tallene bag hvert diagram vises også i en tabel.
          </li>
          <li>
            Indsendelse af indkøbsdata kræver en fil i Statens Indkøbs skabelon. Kan du ikke udfylde filen, så kontakt
            os, så finder vi en anden løsning.
          </li>
          <li>
            Du bliver logget ud, når du ikke har været aktiv i en periode, uden at blive advaret først
            (WCAG 2.1, succeskriterium 2.2.1). Det du har skrevet i en formular, som ikke er sendt, går tabt.
          </li>
        </ul>
      </Section>

      <Section title="Sådan er erklæringen udarbejdet">
        <p>
          Erklæringen bygger på en selvevaluering foretaget af udviklingsholdet med tastatur, skærmlæser og automatiske
          test. Den blev senest opdateret 22. november 2026 og gennemgås mindst én gang om året.
        </p>
      </Section>

      <Section title="Kontakt os om tilgængelighed">
        <p>
          Oplever du problemer med tilgængeligheden, eller har du brug for oplysninger i et andet format, så kontakt
          Statens Indkøb (demo):
        </p>
        <ul className="list-disc space-y-1 pl-6">
          <li>
            E-mail: <a href="mailto:kontakt@statens-indkoeb.example">kontakt@statens-indkoeb.example</a>
          </li>
          <li>Telefon: 00 00 00 00 (hverdage kl. 9-15)</li>
        </ul>
        <p>Vi svarer normalt inden for 10 arbejdsdage.</p>
      </Section>

      <Section title="Klagemulighed">
        <p>
          Får du ikke et tilfredsstillende svar fra os, eller har du ikke fået svar inden for 10 arbejdsdage, kan du
          rette henvendelse til Digitaliseringsstyrelsen, som fører tilsyn med, at offentlige myndigheder overholder
          webtilgængelighedsloven.
        </p>
        <p>
          <a href={COMPLAINT_URL}>Læs hos Digitaliseringsstyrelsen, hvordan du klager over manglende tilgængelighed</a>
        </p>
      </Section>
    </>
  );
}
