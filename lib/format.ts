/**
 * Danish formatting for the UI: money, percentages, numbers and dates.
 *
 * Pure functions (no I/O, no server-only), usable from server and client components.
 * Conventions, matching what Node's ICU gives for `da-DK` so that our own strings and Intl's agree:
 *   - thousands separator ".", decimal comma ",";
 *   - the unit is joined by a NO-BREAK SPACE (U+00A0): "1.234,50\u00a0kr.", "12,5\u00a0%";
 *   - negative numbers start with Intl's minus sign for da-DK (a hyphen-minus "-" in Node 20);
 *   - dates are shown in Europe/Copenhagen time, whatever the server's time zone.
 */

const LOCALE = "da-DK";
const TIME_ZONE = "Europe/Copenhagen";

/** NO-BREAK SPACE, placed between an amount and its unit ("kr.", "%"). */
export const NBSP = "\u00a0";

/** Shown where a value cannot be computed (e.g. a share of nothing). */
export const NOT_AVAILABLE = "–";

const integerFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0, useGrouping: true });
const MINUS =
  integerFormat.formatToParts(-1).find((part) => part.type === "minusSign")?.value ?? "-";

/** Groups an integer exactly ("1234567" -> "1.234.567"); BigInts are formatted without floats. */
function groupDigits(nonNegative: bigint): string {
  return integerFormat.format(nonNegative);
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

/** Integer division of magnitudes rounded half away from zero, sign applied afterwards. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = abs(numerator);
  const d = abs(denominator);
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/** Writes a scaled integer (value * 10^decimals) as a Danish decimal number, e.g. 12345n, 2 -> "123,45". */
function formatScaled(scaled: bigint, decimals: number): string {
  const sign = scaled < 0n ? MINUS : "";
  const magnitude = abs(scaled);
  if (decimals === 0) return sign + groupDigits(magnitude);
  const factor = 10n ** BigInt(decimals);
  const whole = magnitude / factor;
  const fraction = (magnitude % factor).toString().padStart(decimals, "0");
  return `${sign}${groupDigits(whole)},${fraction}`;
}

export type MoneyFormatOptions = {
  /** Append " kr." (default true). Leave it out in table columns whose header names the unit. */
  unit?: boolean;
  /** Round to whole kroner, half away from zero (default false: always two decimals). */
  wholeKroner?: boolean;
};

/**
 * Formats an amount given in øre (bigint) as Danish kroner, exactly, for any size:
 * `123450n` -> "1.234,50 kr.", `-5n` -> "-0,05 kr.", `0n` -> "0,00 kr." (space = U+00A0).
 */
export function formatMoneyOre(ore: bigint, options: MoneyFormatOptions = {}): string {
  const { unit = true, wholeKroner = false } = options;
  const text = wholeKroner ? formatScaled(divideRounded(ore, 100n), 0) : formatScaled(ore, 2);
  return unit ? `${text}${NBSP}kr.` : text;
}

const percentFormats = new Map<number, Intl.NumberFormat>();
function percentFormat(fractionDigits: number): Intl.NumberFormat {
  let format = percentFormats.get(fractionDigits);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, {
      style: "percent",
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
      signDisplay: "negative",
    });
    percentFormats.set(fractionDigits, format);
  }
  return format;
}

/**
 * Formats a FRACTION as a percentage: `0.125` -> "12,5 %" (U+00A0 before "%").
 * Always `fractionDigits` decimals (default 1) so that columns line up. Not finite -> "–".
 */
export function formatPercent(fraction: number, fractionDigits = 1): string {
  if (!Number.isFinite(fraction)) return NOT_AVAILABLE;
  return percentFormat(fractionDigits).format(fraction);
}

/**
 * Formats part / whole as a percentage computed exactly on bigints (e.g. spend in øre):
 * `formatPercentOf(1n, 8n)` -> "12,5 %". Rounds half away from zero. A zero whole -> "–".
 */
export function formatPercentOf(part: bigint, whole: bigint, fractionDigits = 1): string {
  if (whole === 0n) return NOT_AVAILABLE;
  const scaled = divideRounded(part * 10n ** BigInt(fractionDigits + 2), whole);
  return `${formatScaled(scaled, fractionDigits)}${NBSP}%`;
}

const defaultNumberFormat = new Intl.NumberFormat(LOCALE);

/**
 * Formats a number the Danish way: `1234567.891` -> "1.234.567,891", `12345n` -> "12.345".
 * Intl options (e.g. `{ maximumFractionDigits: 1 }`) are passed through.
 */
export function formatNumber(value: number | bigint, options?: Intl.NumberFormatOptions): string {
  if (typeof value === "number" && !Number.isFinite(value)) return NOT_AVAILABLE;
  const format = options ? new Intl.NumberFormat(LOCALE, options) : defaultNumberFormat;
  return format.format(value);
}

type DateInput = Date | string | number;

function toDate(value: DateInput): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Ugyldig dato: ${String(value)}`);
  return date;
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: "long", timeZone: TIME_ZONE });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: TIME_ZONE,
});
const shortDateFormat = new Intl.DateTimeFormat(LOCALE, {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  timeZone: TIME_ZONE,
});

/** The day in Copenhagen, written out: "5. marts 2026". */
export function formatDate(date: DateInput): string {
  return dateFormat.format(toDate(date));
}

/** Day and time in Copenhagen: "5. marts 2026 kl. 14.03". */
export function formatDateTime(date: DateInput): string {
  return dateTimeFormat.format(toDate(date));
}

/** The day in Copenhagen, numeric (for dense tables): "05.03.2026". */
export function formatDateShort(date: DateInput): string {
  return shortDateFormat.format(toDate(date));
}

/**
 * The day in Copenhagen as ISO 8601 "YYYY-MM-DD", for `<time dateTime>` and `<input type="date">`.
 */
export function toIsoDate(date: DateInput): string {
  const parts = shortDateFormat.formatToParts(toDate(date));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((part) => part.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}
