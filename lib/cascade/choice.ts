import type { Candidate, CascadeDecision } from "@/lib/cascade/engine";
import type { ActionResult } from "@/lib/action-result";
import { JUSTIFICATION_MIN_LENGTH } from "@/lib/cascade/labels";

/**
 * Judges a buyer's choice against the cascade decision (pure, no I/O):
 * - the choice must be an agreement usable by the institution (any tier) or own procurement;
 * - it deviates from the cascade when it is not one of the usable agreements of the winning tier
 *   (a lower tier, or own procurement while an agreement is usable);
 * - a written justification is required when the choice is not the recommendation, and when
 *   several agreements are usable in the winning tier (the agency's rule: take the one that fits the
 *   need best and document why).
 */
export type JudgedChoice =
  | { ok: true; chosen: Candidate | null; deviates: boolean; justificationRequired: boolean }
  | { ok: false; errors: { choice?: string[]; justification?: string[] } };

export function usableCandidates(decision: CascadeDecision): Candidate[] {
  return decision.tiers.flatMap((tier) => tier.candidates.filter((candidate) => candidate.usable));
}

/** Whether choosing `agreementId` (null: own procurement) needs a written justification. */
export function justificationRequired(decision: CascadeDecision, agreementId: number | null): boolean {
  const recommendedId = decision.recommended?.agreementId ?? null;
  return agreementId !== recommendedId || decision.usableInWinningTier.length > 1;
}

export function judgeChoice(decision: CascadeDecision, agreementId: number | null, justification: string): JudgedChoice {
  const chosen = agreementId === null ? null : (usableCandidates(decision).find((c) => c.agreementId === agreementId) ?? null);
  if (agreementId !== null && !chosen) {
    return { ok: false, errors: { choice: ["Vælg en af de anvendelige aftaler på listen eller eget indkøb."] } };
  }
  const required = justificationRequired(decision, agreementId);
  if (required && justification.trim().length < JUSTIFICATION_MIN_LENGTH) {
    const inWinningTier = decision.usableInWinningTier.some((c) => c.agreementId === agreementId);
    const why =
      inWinningTier && decision.usableInWinningTier.length > 1
        ? `der er ${decision.usableInWinningTier.length} anvendelige aftaler på trin ${decision.winningTier}, så du skal begrunde, hvorfor den valgte passer bedst til behovet`
        : "du har valgt noget andet end anbefalingen";
    return {
      ok: false,
      errors: { justification: [`Skriv en begrundelse på mindst ${JUSTIFICATION_MIN_LENGTH} tegn: ${why}.`] },
    };
  }
  const deviates =
    decision.outcome === "AGREEMENT" && !decision.usableInWinningTier.some((c) => c.agreementId === agreementId);
  return { ok: true, chosen, deviates, justificationRequired: required };
}

/** What the decision form's server action returns: the stored decision's id on success. */
export type DecisionActionResult = ActionResult & { decisionId?: number };
