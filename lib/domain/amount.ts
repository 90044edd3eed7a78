/**
 * Danish amount text read exactly into integer øre (bigint), never through a float: decimal comma,
 * optionally thousands grouped by dots ("1.234,50") or spaces ("1 234,50"), an optional minus. A
 * dot used as the decimal sign ("12345.67") is a problem of its own rather than a guess, since
 * "1.234" means one thousand two hundred and thirty-four in Danish. What counts as acceptable
 * (sign, size) and the words of each problem belong to the caller: the purchase-data files and the
 * cascade's need form.
 */

export type AmountProblem = "empty" | "dot-decimal" | "too-many-decimals" | "too-large" | "not-a-number";
export type AmountReading = { ok: true; ore: bigint } | { ok: false; problem: AmountProblem };

/** Larger than any real amount: 10^13 kroner. Guards against pasted garbage. */
const MAX_WHOLE_DIGITS = 13;

const PLAIN = /^(\d+)(?:,(\d{1,2}))?$/;
const GROUPED_DOT = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/;
const GROUPED_SPACE = /^(\d{1,3}(?: \d{3})+)(?:,(\d{1,2}))?$/;
const DOT_DECIMAL = /^\d+\.\d{1,2}$/;
const TOO_MANY_DECIMALS = /^[\d. ]+,\d{3,}$/;
const SPACES = /[\u00a0\u202f]/g;

const problem = (kind: AmountProblem): AmountReading => ({ ok: false, problem: kind });

function toOre(negative: boolean, wholeDigits: string, fraction: string | undefined): AmountReading {
  const whole = wholeDigits.replace(/^0+(?=\d)/, "");
  if (whole.length > MAX_WHOLE_DIGITS) return problem("too-large");
  const cents = fraction === undefined ? 0 : fraction.length === 1 ? Number(fraction) * 10 : Number(fraction);
  // Up to 15 digits fit a double exactly; BigInt only for the rare large amounts.
  let ore: bigint;
  if (whole.length <= 12) ore = BigInt(Number(whole) * 100 + cents);
  else ore = BigInt(whole) * 100n + BigInt(cents);
  return { ok: true, ore: negative ? -ore : ore };
}

/** Reads an amount written as text, e.g. "12345,67", "1.234,50", "-12,5", "1 000". */
export function readDanishAmount(input: string): AmountReading {
  return quickAmountText(input) ?? amountByPatterns(input);
}

/**
 * The usual forms in one pass over the characters (a million rows take a few tens of milliseconds
 * instead of a few hundred): an optional "-", 1 to 12 digits, optionally grouped by dots in threes,
 * optionally "," and one or two decimals. Null for anything else, which `amountByPatterns` reads or
 * names the problem of; where both read a text they agree (amount.test.ts).
 */
export function quickAmountText(s: string): AmountReading | null {
  const n = s.length;
  const negative = s.charCodeAt(0) === 45; // -
  let i = negative ? 1 : 0;
  let whole = 0;
  let digits = 0;
  let sinceDot = -1; // digits since the last thousands dot; -1 before the first dot
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48);
      digits++;
      if (sinceDot >= 0) sinceDot++;
    } else if (c === 46) {
      // A dot follows the first 1-3 digits, or exactly three digits after the previous dot.
      if (sinceDot >= 0 ? sinceDot !== 3 : digits === 0 || digits > 3) return null;
      sinceDot = 0;
    } else break;
  }
  if (digits === 0 || digits > 12 || (sinceDot >= 0 && sinceDot !== 3)) return null;
  let cents = 0;
  if (i < n) {
    const decimals = n - i - 1;
    if (s.charCodeAt(i) !== 44 || decimals < 1 || decimals > 2) return null; // ","
    const first = s.charCodeAt(i + 1) - 48;
    const second = decimals === 2 ? s.charCodeAt(i + 2) - 48 : 0;
    if (first < 0 || first > 9 || second < 0 || second > 9) return null;
    cents = first * 10 + second;
  }
  // At most 12 digits and 2 decimals: exact in a double.
  const ore = whole * 100 + cents;
  return { ok: true, ore: BigInt(negative ? -ore : ore) };
}

/** Any amount text, by regular expressions, naming the problem when it is not an amount. */
export function amountByPatterns(input: string): AmountReading {
  let s = input.trim();
  if (s === "") return problem("empty");
  let negative = false;
  const first = s.charCodeAt(0);
  if (first === 45 /* - */ || first === 0x2212 /* − */) {
    negative = true;
    s = s.slice(1).trimStart();
  }
  let m = PLAIN.exec(s);
  if (m) return toOre(negative, m[1]!, m[2]);
  if (s.includes(".")) {
    m = GROUPED_DOT.exec(s);
    if (m) return toOre(negative, m[1]!.replaceAll(".", ""), m[2]);
  }
  const spaced = s.replace(SPACES, " ");
  if (spaced.includes(" ")) {
    m = GROUPED_SPACE.exec(spaced);
    if (m) return toOre(negative, m[1]!.replaceAll(" ", ""), m[2]);
  }
  if (DOT_DECIMAL.test(s)) return problem("dot-decimal");
  if (TOO_MANY_DECIMALS.test(spaced)) return problem("too-many-decimals");
  return problem("not-a-number");
}
