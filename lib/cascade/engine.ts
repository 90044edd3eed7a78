import type { AgreementKind, CustomerType, EnrolmentStatus, PartySource } from "@/lib/generated/prisma/enums";
import { agreementStatus, cascadeTier } from "@/lib/domain/agreement-status";

/**
 * The state purchasing cascade (DOMAIN.md "The cascade (kaskade) decision"): a purchase need is
 * covered by, in this order, 1. mandatory centrally coordinated agreements, 2. voluntary centrally
 * coordinated or SKI agreements, 3. the institution's own agreements. Pure and deterministic: the
 * same input and agreement data give the same decision, whatever order the data come in.
 */
export type CascadeAgreement = {
  id: number;
  reference: string;
  name: string;
  /** Danish sort key of the name (lib/domain/danish-sort.ts): the order within a tier. */
  sortKey: string;
  kind: AgreementKind;
  phase: { number: number; closed: boolean } | null;
  validFrom: string; // ISO date, first valid day
  validTo: string; // ISO date, last valid day
  retired: boolean;
  ownerInstitutionId: number | null;
  categoryCodes: readonly string[];
  /** The asking institution's party row and enrolments on this agreement. */
  party: { source: PartySource } | null;
  enrolments: readonly { status: EnrolmentStatus }[];
  /**
   * The agreement's maximum value and its use to date (lib/ceilings), read with the agreement;
   * null when no maximum is registered.
   */
  ceiling: { maximumOre: bigint; useOre: bigint } | null;
};

export type CascadeInput = {
  institution: { id: number; customerType: CustomerType };
  categoryCode: string;
  amountOre: bigint;
  date: string; // ISO date of the need
  /** The EU threshold for the institution, category and date (eu-threshold.ts); null when none is known. */
  euThresholdOre: bigint | null;
};

export type Reason =
  | "RETIRED"
  | "NOT_VALID_ON_DATE"
  | "CATEGORY_NOT_COVERED"
  | "NOT_PARTY"
  | "PHASE_CLOSED"
  | "ENROLMENT_MISSING"
  | "ENROLMENT_PENDING"
  /** The use has reached the maximum value: the agreement has no further effect (C-216/17, C-23/20). */
  | "CEILING_REACHED"
  /** The need's estimated amount would take the use past the maximum value. */
  | "CEILING_EXCEEDED";

export type Candidate = {
  agreementId: number;
  reference: string;
  name: string;
  kind: AgreementKind;
  tier: 1 | 2 | 3;
  usable: boolean;
  reasons: Reason[];
  /** With a ceiling reason: the maximum, the use and the room left, in øre (strings: JSON-safe). */
  ceiling?: { maximumOre: string; useOre: string; remainingOre: string };
};

export type TierResult = { tier: 1 | 2 | 3; candidates: Candidate[] };

export type CascadeDecision = {
  tiers: [TierResult, TierResult, TierResult];
  /** The first usable agreement in the highest tier that has one. */
  recommended: Candidate | null;
  /** The tier the recommendation comes from. */
  winningTier: 1 | 2 | 3 | null;
  /** All usable agreements of the winning tier: with more than one the buyer must justify the choice. */
  usableInWinningTier: Candidate[];
  outcome: "AGREEMENT" | "OWN_PROCUREMENT";
  /**
   * Own procurement above the EU threshold must be tendered under the EU procurement rules. Null
   * when own procurement is needed but no threshold is known for the date.
   */
  aboveEuThreshold: boolean | null;
};

function reasonsFor(agreement: CascadeAgreement, input: CascadeInput): Reason[] {
  const reasons: Reason[] = [];
  if (agreement.retired) reasons.push("RETIRED");
  if (agreement.validFrom > input.date || agreement.validTo < input.date) reasons.push("NOT_VALID_ON_DATE");
  if (!agreement.categoryCodes.includes(input.categoryCode)) reasons.push("CATEGORY_NOT_COVERED");
  switch (agreementStatus(agreement, { ...input.institution, party: agreement.party, enrolments: [...agreement.enrolments] })) {
    case "NOT_PARTY_PHASE_CLOSED":
      reasons.push("NOT_PARTY", "PHASE_CLOSED");
      break;
    case "NOT_PARTY":
      reasons.push("NOT_PARTY");
      break;
    case "MAY_ENROL":
      reasons.push("ENROLMENT_MISSING");
      break;
    case "ENROLMENT_PENDING":
      reasons.push("ENROLMENT_PENDING");
      break;
    case "PARTY":
    case "OTHER_INSTITUTIONS_OWN":
      break;
  }
  const { ceiling } = agreement;
  if (ceiling && ceiling.useOre >= ceiling.maximumOre) reasons.push("CEILING_REACHED");
  else if (ceiling && ceiling.useOre + input.amountOre > ceiling.maximumOre) reasons.push("CEILING_EXCEEDED");
  return reasons;
}

function ceilingOf(agreement: CascadeAgreement, reasons: readonly Reason[]): Candidate["ceiling"] {
  const { ceiling } = agreement;
  if (!ceiling || !(reasons.includes("CEILING_REACHED") || reasons.includes("CEILING_EXCEEDED"))) return undefined;
  const remaining = ceiling.maximumOre > ceiling.useOre ? ceiling.maximumOre - ceiling.useOre : 0n;
  return { maximumOre: ceiling.maximumOre.toString(), useOre: ceiling.useOre.toString(), remainingOre: remaining.toString() };
}

function byNameThenId(a: CascadeAgreement, b: CascadeAgreement): number {
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
  return a.id - b.id;
}

/**
 * Which agreements are considered: in tiers 1 and 2 those covering the category (others cannot
 * cover the need); in tier 3 every own agreement of the institution, so the buyer sees why none
 * fits. Another institution's own agreements are never considered.
 */
function considered(agreement: CascadeAgreement, input: CascadeInput): boolean {
  if (agreement.kind === "OWN") return agreement.ownerInstitutionId === input.institution.id;
  return agreement.categoryCodes.includes(input.categoryCode);
}

export function decideCascade(input: CascadeInput, agreements: readonly CascadeAgreement[]): CascadeDecision {
  const tiers: [TierResult, TierResult, TierResult] = [
    { tier: 1, candidates: [] },
    { tier: 2, candidates: [] },
    { tier: 3, candidates: [] },
  ];
  for (const agreement of [...agreements].filter((a) => considered(a, input)).sort(byNameThenId)) {
    const tier = cascadeTier(agreement.kind);
    const reasons = reasonsFor(agreement, input);
    const ceiling = ceilingOf(agreement, reasons);
    tiers[tier - 1]!.candidates.push({
      agreementId: agreement.id,
      reference: agreement.reference,
      name: agreement.name,
      kind: agreement.kind,
      tier,
      usable: reasons.length === 0,
      reasons,
      ...(ceiling ? { ceiling } : {}),
    });
  }
  const winning = tiers.find((t) => t.candidates.some((c) => c.usable)) ?? null;
  const usableInWinningTier = winning ? winning.candidates.filter((c) => c.usable) : [];
  return {
    tiers,
    recommended: usableInWinningTier[0] ?? null,
    winningTier: winning?.tier ?? null,
    usableInWinningTier,
    outcome: winning ? "AGREEMENT" : "OWN_PROCUREMENT",
    aboveEuThreshold: winning ? false : input.euThresholdOre === null ? null : input.amountOre > input.euThresholdOre,
  };
}
