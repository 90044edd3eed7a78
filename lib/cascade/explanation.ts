import type { AuthorityType, ContractType, CustomerType } from "@/lib/generated/prisma/enums";
import type { CascadeDecision, Candidate, Reason } from "@/lib/cascade/engine";
import { describeThreshold, thresholdSubject, type EuThreshold } from "@/lib/cascade/eu-threshold";
import { REASON_TEXT, TIER_HEADING } from "@/lib/cascade/labels";
import { formatDate, formatMoneyOre } from "@/lib/format";

/**
 * The explanation of a cascade decision as the buyer sees it and as it is stored with the decision
 * (CascadeDecision.explanation): the inputs, the engine's full decision and the Danish texts it was
 * shown with. Plain JSON (amounts in øre as strings), so that the stored copy, the page and the API
 * say the same. Pure.
 */
// 2: the EU threshold by authority and contract type (euThreshold). The ceiling rule (candidate.ceiling,
// reasons CEILING_*) only adds optional parts, so version 2 explanations stored earlier still show.
export const EXPLANATION_VERSION = 2;

export type Explanation = {
  version: typeof EXPLANATION_VERSION;
  institution: { id: number; name: string; customerType: CustomerType };
  category: { code: string; name: string };
  /** The estimated amount excl. VAT, in øre. */
  amountOre: string;
  /** The date of the need, YYYY-MM-DD. */
  date: string;
  /** The EU threshold the decision was made with, in øre; null when none was known for the date. */
  euThresholdOre: string | null;
  /** Which threshold: the institution's authority type, the category's contract type and the period used. */
  euThreshold: {
    authorityType: AuthorityType;
    contractType: ContractType;
    validFrom: string | null;
    validTo: string | null;
  };
  decision: CascadeDecision;
  /** The one-sentence answer shown above the tiers. */
  summary: string;
  /** The notes shown with it (several usable agreements, EU threshold, voluntary customer). */
  notes: string[];
  tierHeadings: Record<"1" | "2" | "3", string>;
  /** The Danish text of every reason that occurs in the decision. */
  reasonTexts: Partial<Record<Reason, string>>;
};

export type ExplanationInput = {
  institution: Explanation["institution"];
  category: Explanation["category"];
  amountOre: bigint;
  date: string;
  authorityType: AuthorityType;
  contractType: ContractType;
  /** The threshold picked for the need (eu-threshold.ts pickEuThreshold), or null. */
  euThreshold: EuThreshold | null;
  decision: CascadeDecision;
};

function summaryOf(input: ExplanationInput): string {
  const { decision } = input;
  if (decision.recommended) {
    const { name, reference } = decision.recommended;
    return `Anbefaling: ${name} (${reference}), trin ${decision.winningTier} i kaskaden.`;
  }
  return "Ingen aftale kan dække behovet: eget indkøb er nødvendigt.";
}

function thresholdNote(input: ExplanationInput): string {
  const { euThreshold, authorityType, contractType } = input;
  if (!euThreshold) {
    return (
      `Portalen kender ikke EU's tærskelværdi for ${thresholdSubject(authorityType, contractType)} på behovets dato, ${formatDate(input.date)}. ` +
      "Find den gældende tærskelværdi hos Konkurrence- og Forbrugerstyrelsen, før indkøbet sættes i gang."
    );
  }
  const threshold = describeThreshold(euThreshold, authorityType);
  return input.decision.aboveEuThreshold
    ? `Det anslåede beløb (${formatMoneyOre(input.amountOre)}) overstiger ${threshold}: indkøbet skal i EU-udbud efter udbudsloven.`
    : `Det anslåede beløb er under ${threshold}. Følg udbudslovens regler for indkøb under tærskelværdien og institutionens egne indkøbsregler.`;
}

/** The room left under an agreement's maximum, in words: shown beside the reason and kept in the notes. */
export function ceilingRoomText(candidate: Candidate): string | null {
  if (!candidate.ceiling) return null;
  const maximum = formatMoneyOre(BigInt(candidate.ceiling.maximumOre));
  const use = formatMoneyOre(BigInt(candidate.ceiling.useOre));
  const remaining = BigInt(candidate.ceiling.remainingOre);
  return remaining > 0n
    ? `${candidate.name} (${candidate.reference}): maksimal værdi ${maximum}, forbrug til dato ${use}, der er ${formatMoneyOre(remaining)} tilbage.`
    : `${candidate.name} (${candidate.reference}): maksimal værdi ${maximum}, forbrug til dato ${use}, der er intet tilbage.`;
}

function notesOf(input: ExplanationInput): string[] {
  const { decision } = input;
  const notes: string[] = [];
  for (const tier of decision.tiers) {
    for (const candidate of tier.candidates) {
      const room = ceilingRoomText(candidate);
      if (room) notes.push(room);
    }
  }
  if (decision.usableInWinningTier.length > 1) {
    notes.push(
      `Der er ${decision.usableInWinningTier.length} anvendelige aftaler på trin ${decision.winningTier}. ` +
        "Brug den, der passer bedst til behovet, og skriv, hvorfor du har valgt den.",
    );
  }
  if (decision.outcome === "OWN_PROCUREMENT") notes.push(thresholdNote(input));
  if (input.institution.customerType === "VOLUNTARY") {
    notes.push(
      "Som frivillig kunde kan institutionen kun købe på aftaler, den er part på. En forpligtende aftale, institutionen er part på, kommer stadig først.",
    );
  }
  notes.push(`Vurderingen gælder behovets dato, ${formatDate(input.date)}.`);
  return notes;
}

export function buildExplanation(input: ExplanationInput): Explanation {
  const reasons = new Set(input.decision.tiers.flatMap((tier) => tier.candidates.flatMap((c) => c.reasons)));
  return {
    version: EXPLANATION_VERSION,
    institution: input.institution,
    category: input.category,
    amountOre: input.amountOre.toString(),
    date: input.date,
    euThresholdOre: input.euThreshold?.amountOre.toString() ?? null,
    euThreshold: {
      authorityType: input.authorityType,
      contractType: input.contractType,
      validFrom: input.euThreshold?.validFrom ?? null,
      validTo: input.euThreshold?.validTo ?? null,
    },
    decision: input.decision,
    summary: summaryOf(input),
    notes: notesOf(input),
    tierHeadings: { "1": TIER_HEADING[1], "2": TIER_HEADING[2], "3": TIER_HEADING[3] },
    reasonTexts: Object.fromEntries([...reasons].sort().map((reason) => [reason, REASON_TEXT[reason]])),
  };
}
