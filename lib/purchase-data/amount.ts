/**
 * Amounts in purchase data, exactly in integer øre (bigint). Text is read by the shared Danish
 * amount reader (lib/domain/amount.ts); negative amounts (credit notes) are allowed. This module
 * words the problems for the error report, and reads spreadsheet numbers.
 */
import { readDanishAmount, type AmountProblem } from "@/lib/domain/amount";

export type AmountResult = { ok: true; ore: bigint } | { ok: false; reason: string };

/** Larger than any real purchase line: 10^15 øre, as the text reader's limit of 13 whole digits. */
const MAX_ABS_ORE = 10 ** 15;

function fail(reason: string): AmountResult {
  return { ok: false, reason };
}

function truncate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const REASONS: Record<AmountProblem, (text: string) => string> = {
  empty: () => "Beløb mangler.",
  "too-large": () => "Beløbet er urimeligt stort.",
  "dot-decimal": (text) => `Beløbet «${text}» har punktum som decimaltegn. Brug komma, fx ${text.replace(".", ",")}.`,
  "too-many-decimals": (text) => `Beløbet «${text}» har mere end to decimaler.`,
  "not-a-number": (text) => `«${truncate(text)}» er ikke et beløb. Skriv fx 12345,67 eller 1.234,50.`,
};

/** Reads an amount written as text, e.g. "12345,67", "1.234,50", "-12,5", "100". */
export function parseAmountText(input: string): AmountResult {
  const reading = readDanishAmount(input);
  return reading.ok ? reading : fail(REASONS[reading.problem](input.trim()));
}

/** Reads an amount from a spreadsheet number (kroner), refusing fractions of an øre. */
export function amountFromNumber(kroner: number): AmountResult {
  if (!Number.isFinite(kroner)) return fail("Beløbet er ikke et tal.");
  const scaled = kroner * 100;
  const ore = Math.round(scaled);
  if (!Number.isSafeInteger(ore) || Math.abs(ore) >= MAX_ABS_ORE) return fail("Beløbet er urimeligt stort.");
  if (Math.abs(scaled - ore) > 1e-6) return fail(`Beløbet ${String(kroner).replace(".", ",")} har mere end to decimaler.`);
  return { ok: true, ore: BigInt(ore) };
}
