import { Link } from "@/components/Link";
import { ceilingRoomText, type Explanation } from "@/lib/cascade/explanation";
import { REASON_TEXT } from "@/lib/cascade/labels";
import { AGREEMENT_KIND_LABELS } from "@/lib/organisation/labels";
import { Alert } from "./Alert";
import { DataTable } from "./DataTable";

type Candidate = Explanation["decision"]["tiers"][number]["candidates"][number];

/**
 * The cascade's answer for a need: the recommendation with its notes, then the three tiers with every
 * candidate agreement and why it can or cannot be used. Renders an explanation as built by
 * lib/cascade/explanation.ts, so a stored decision shows the words it was decided with.
 */
export function CascadeExplanation({ explanation, headingLevel = 2 }: { explanation: Explanation; headingLevel?: 2 | 3 }) {
  const { decision } = explanation;
  const Heading = `h${headingLevel}` as const;
  const recommendedId = decision.recommended?.agreementId ?? null;
  const reasonText = (code: Candidate["reasons"][number]) => explanation.reasonTexts[code] ?? REASON_TEXT[code];
  return (
    <div className="space-y-8">
      <Alert variant={decision.recommended ? "success" : "warning"} heading={explanation.summary} role="none">
        <ul className="list-disc space-y-1 pl-5">
          {explanation.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      </Alert>

      {decision.tiers.map((tier) => (
        <section key={tier.tier} aria-labelledby={`tier-${tier.tier}`}>
          <Heading id={`tier-${tier.tier}`} className="mb-3">
            {explanation.tierHeadings[String(tier.tier) as "1" | "2" | "3"]}
          </Heading>
          <DataTable
            caption={`Aftaler på trin ${tier.tier}`}
            captionHidden
            compact
            rows={tier.candidates}
            rowKey={(candidate) => candidate.agreementId}
            emptyText={
              tier.tier === 3
                ? "Institutionen har ingen egne aftaler registreret."
                : "Ingen aftaler på dette trin dækker indkøbskategorien."
            }
            columns={[
              {
                key: "name",
                header: "Aftale",
                rowHeader: true,
                cell: (candidate) => (
                  <>
                    <Link href={`/aftaler/${candidate.agreementId}`}>{candidate.name}</Link>
                    <span className="block font-normal text-ink-light">
                      {candidate.reference} · {AGREEMENT_KIND_LABELS[candidate.kind]}
                    </span>
                  </>
                ),
              },
              {
                key: "usable",
                header: "Kan bruges",
                cell: (candidate) =>
                  candidate.agreementId === recommendedId ? (
                    <strong>Ja – anbefalet</strong>
                  ) : candidate.usable ? (
                    "Ja"
                  ) : (
                    "Nej"
                  ),
              },
              {
                key: "reasons",
                header: "Begrundelse",
                cell: (candidate) =>
                  candidate.usable ? (
                    "Institutionen kan købe på aftalen på datoen, og den dækker kategorien."
                  ) : (
                    <>
                      <ul className="list-disc space-y-1 pl-5">
                        {candidate.reasons.map((code) => (
                          <li key={code}>{reasonText(code)}</li>
                        ))}
                      </ul>
                      {candidate.ceiling ? <p className="mt-1">{ceilingRoomText(candidate)}</p> : null}
                    </>
                  ),
              },
            ]}
          />
        </section>
      ))}

      <p className="max-w-text">
        Kaskaden følger reglerne for <Link href="/regler/forpligtede-kunder">forpligtede kunder</Link>
        {explanation.institution.customerType === "VOLUNTARY" ? (
          <>
            {" "}
            og <Link href="/regler/frivillige-kunder">frivillige kunder</Link>
          </>
        ) : null}
        .
      </p>
    </div>
  );
}
