import type { Candidate } from "@/lib/cascade/engine";
import type { Explanation } from "@/lib/cascade/explanation";
import { REASON_TEXT } from "@/lib/cascade/labels";
import { formatMoneyOre } from "@/lib/format";

/**
 * The API's JSON form of a cascade decision (GET/POST /api/kaskade, documented in the README):
 * the same decision and Danish texts the page shows, with amounts as strings of øre (exact, no
 * floats) and links relative to the portal. Pure.
 */
function agreementJson(candidate: Candidate) {
  return {
    agreementId: candidate.agreementId,
    reference: candidate.reference,
    name: candidate.name,
    kind: candidate.kind,
    tier: candidate.tier,
    url: `/aftaler/${candidate.agreementId}`,
  };
}

export function decisionJson(explanation: Explanation) {
  const { decision } = explanation;
  const record = new URLSearchParams({
    category: explanation.category.code,
    amount: formatMoneyOre(BigInt(explanation.amountOre), { unit: false }),
    date: explanation.date,
  });
  return {
    institution: explanation.institution,
    category: explanation.category,
    amountOre: explanation.amountOre,
    date: explanation.date,
    euThresholdOre: explanation.euThresholdOre,
    /** Which threshold: the institution's authority type, the category's contract type, the period (null: none known). */
    euThreshold: explanation.euThreshold,
    outcome: decision.outcome,
    recommended: decision.recommended ? agreementJson(decision.recommended) : null,
    winningTier: decision.winningTier,
    usableInWinningTier: decision.usableInWinningTier.map(agreementJson),
    /** Several usable agreements in the winning tier: the buyer must pick one and write why. */
    justificationRequired: decision.usableInWinningTier.length > 1,
    aboveEuThreshold: decision.aboveEuThreshold,
    summary: explanation.summary,
    notes: explanation.notes,
    tiers: decision.tiers.map((tier) => ({
      tier: tier.tier,
      heading: explanation.tierHeadings[String(tier.tier) as "1" | "2" | "3"],
      candidates: tier.candidates.map((candidate) => ({
        ...agreementJson(candidate),
        usable: candidate.usable,
        reasons: candidate.reasons.map((code) => ({ code, text: explanation.reasonTexts[code] ?? REASON_TEXT[code] })),
        /** With a ceiling reason: the maximum value, the use to date and the room left, in øre. */
        ceiling: candidate.ceiling ?? null,
      })),
    })),
    rulesUrl: "/regler/forpligtede-kunder",
    /** Where the buyer records the decision in the portal (institution from the log-in). */
    recordUrl: `/indkoebsbehov/ny?${record.toString()}`,
  };
}

export type DecisionJson = ReturnType<typeof decisionJson>;
