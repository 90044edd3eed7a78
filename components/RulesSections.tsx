import { Link } from "@/components/Link";
import type { ReactNode } from "react";
import { cx } from "./cx";

/**
 * Text pieces shared by the rules pages (/regler): the cascade, e-commerce, the published lists
 * and the links between the pages. No data access: the pages pass what they read.
 */

export function RulesSection({ id, title, children, className }: { id: string; title: string; children: ReactNode; className?: string }) {
  return (
    <section aria-labelledby={id} className={cx("mt-12 max-w-text space-y-4", className)}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export const CASCADE_TIERS = [
  {
    title: "Forpligtende centralt koordinerede aftaler (Statens Indkøbsprogram)",
    text: "Findes der en forpligtende aftale, som dækker behovet, skal den bruges.",
  },
  {
    title: "Frivillige centralt koordinerede aftaler eller frivillige SKI-aftaler",
    text: "Dækker ingen forpligtende aftale behovet, bruger du en frivillig central aftale eller en aftale fra SKI (Staten og Kommunernes Indkøbsservice).",
  },
  {
    title: "Egne aftaler",
    text: "Først når trin 1 og 2 ikke dækker behovet, bruger du institutionens eller ministeriets egne aftaler. Findes der heller ingen egen aftale, skal du selv købe ind efter udbudsreglerne.",
  },
] as const;

/** The three tiers of the state's purchasing cascade, in order. */
export function CascadeTiers() {
  return (
    <ol className="space-y-3">
      {CASCADE_TIERS.map((tier, index) => (
        <li key={tier.title} className="flex gap-4">
          <span
            aria-hidden="true"
            className="flex size-8 shrink-0 items-center justify-center rounded-full bg-primary font-semibold text-white"
          >
            {index + 1}
          </span>
          <div>
            <p className="font-semibold">
              <span className="sr-only">Trin {index + 1}: </span>
              {tier.title}
            </p>
            <p>{tier.text}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}

/** E-commerce through IndFak, as both source pages put it. */
export function EcommerceText({ obligated }: { obligated: boolean }) {
  return (
    <>
      <p>
        {obligated
          ? "Du skal bruge e-handel ved alle indkøb, hvor det er muligt og økonomisk fordelagtigt."
          : "E-handel skal bruges ved alle indkøb, i det omfang det er muligt."}
      </p>
      <p>
        IndFak er statens fælles e-handelssystem, som Statens Indkøb stiller til rådighed for de statslige institutioner.
        IndFak dækker hele indkøbsprocessen, fra bestilling til håndtering af fakturaen. På en aftales side i portalen kan
        du se, om aftalen kan bruges via e-handel.
      </p>
      <p>Spørg din institutions økonomifunktion, hvis du ikke har adgang til IndFak.</p>
    </>
  );
}

export type ListLink = { href: string; title: string; description: string };

/** Links to the lists the agency publishes (served at /lister). */
export function PublishedListLinks({ lists }: { lists: readonly ListLink[] }) {
  return (
    <>
      <ul className="space-y-3">
        {lists.map((list) => (
          <li key={list.href}>
            <a href={list.href} className="font-semibold">
              {list.title}
            </a>{" "}
            <span className="text-ink-light">(Excel)</span>
            <p>{list.description}</p>
          </li>
        ))}
      </ul>
      <p>
        <Link href="/lister">Se alle lister til download</Link>
      </p>
    </>
  );
}

const PAGES = [
  { href: "/regler/forpligtede-kunder", title: "Forpligtede kunder", text: "Statslige institutioner: kaskaden, indkøbsdata og e-handel." },
  { href: "/regler/frivillige-kunder", title: "Frivillige kunder", text: "Kommuner, regioner og andre: part på aftaler, faser og tilmelding." },
] as const;

/** The rules pages, for the index and as "see also" at the foot of each page. */
export function RulesPageLinks({ current }: { current?: string }) {
  return (
    <ul className="grid gap-6 md:grid-cols-2">
      {PAGES.filter((page) => page.href !== current).map((page) => (
        <li key={page.href} className="rounded-md border border-border-low bg-white p-6">
          <h3 className="text-xl">
            <Link href={page.href}>{page.title}</Link>
          </h3>
          <p className="mt-2">{page.text}</p>
        </li>
      ))}
    </ul>
  );
}

export type AgreementLink = { id: number; reference: string; name: string; phase: { number: number } | null };

export function AgreementList({ agreements, empty }: { agreements: readonly AgreementLink[]; empty: string }) {
  if (agreements.length === 0) return <p>{empty}</p>;
  return (
    <ul className="list-disc space-y-1 pl-6">
      {agreements.map((agreement) => (
        <li key={agreement.id}>
          <Link href={`/aftaler/${agreement.id}`}>{agreement.name}</Link>{" "}
          <span className="text-ink-light">
            ({agreement.reference}
            {agreement.phase ? `, ${agreement.phase.number}. fase` : ""})
          </span>
        </li>
      ))}
    </ul>
  );
}
