/**
 * Pure helpers for compliance figures: shares of bigint øre, sums, ranking, URL parameters and the
 * Copenhagen day boundaries of a quarter. No I/O, usable from server and client components.
 */

/** A share: the part (numerator) of the whole (denominator), both øre excluding VAT. */
export type Share = { numeratorOre: bigint; denominatorOre: bigint };

export const ZERO_SHARE: Share = { numeratorOre: 0n, denominatorOre: 0n };

export function addShares(a: Share, b: Share): Share {
  return { numeratorOre: a.numeratorOre + b.numeratorOre, denominatorOre: a.denominatorOre + b.denominatorOre };
}

export function sumShares(shares: Iterable<Share>): Share {
  let total = ZERO_SHARE;
  for (const share of shares) total = addShares(total, share);
  return total;
}

/** The leakage of a compliance share: the denominator's spend outside the agreement. */
export function leakageOre(share: Share): bigint {
  return share.denominatorOre - share.numeratorOre;
}

/**
 * The share as a fraction in [0, 1] rounded to 1/10,000 (exact integer division first), for drawing
 * bars and for spreadsheet percentages; null when there is no denominator. Never used for sums.
 */
export function shareFraction(share: Share): number | null {
  if (share.denominatorOre <= 0n) return null;
  const basisPoints = (share.numeratorOre * 10_000n + share.denominatorOre / 2n) / share.denominatorOre;
  return Number(basisPoints) / 10_000;
}

/**
 * Orders by share, highest first; equal shares by the larger denominator, then by name (Danish).
 * Rows without a denominator come last.
 */
export function rankByShare<T extends Share & { name: string }>(rows: readonly T[]): T[] {
  const collator = new Intl.Collator("da");
  return [...rows].sort((a, b) => {
    const fa = a.denominatorOre > 0n;
    const fb = b.denominatorOre > 0n;
    if (fa !== fb) return fa ? -1 : 1;
    if (fa && fb) {
      // a.num/a.den vs b.num/b.den, exactly: cross-multiply.
      const left = a.numeratorOre * b.denominatorOre;
      const right = b.numeratorOre * a.denominatorOre;
      if (left !== right) return left > right ? -1 : 1;
      if (a.denominatorOre !== b.denominatorOre) return a.denominatorOre > b.denominatorOre ? -1 : 1;
    }
    return collator.compare(a.name, b.name);
  });
}

// ---------------------------------------------------------------------------------------------
// Quarters and URL parameters
// ---------------------------------------------------------------------------------------------

const QUARTER = /^(\d{4})Q([1-4])$/;

export function isQuarterCode(value: unknown): value is string {
  return typeof value === "string" && QUARTER.test(value);
}

/** The first value of a search parameter. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The quarter asked for when it has data; else the latest quarter with data; null without data. */
export function pickQuarter(asked: string | undefined, available: readonly string[]): string | null {
  if (asked && available.includes(asked)) return asked;
  return available.length ? available[available.length - 1]! : null;
}

/** The last `count` quarters up to and including `quarter`, of those available (oldest first). */
export function trendQuarters(available: readonly string[], quarter: string, count = 8): string[] {
  const upTo = available.filter((q) => q <= quarter);
  return upTo.slice(Math.max(0, upTo.length - count));
}

/** A page number from the URL: 1 for anything that is not a positive integer below 100,000. */
export function parsePage(value: string | undefined): number {
  return value && /^[1-9]\d{0,4}$/.test(value) ? Number(value) : 1;
}

/** "2026Q3" -> "3. kvartal 2026". */
export function quarterName(quarter: string): string {
  const m = QUARTER.exec(quarter);
  return m ? `${m[2]}. kvartal ${m[1]}` : quarter;
}

/** "2026Q3" -> "3. kv. 2026" (chart labels, table headers). */
export function quarterShortName(quarter: string): string {
  const m = QUARTER.exec(quarter);
  return m ? `${m[2]}. kv. ${m[1]}` : quarter;
}

/** First and last day of a quarter, ISO. */
export function quarterDays(quarter: string): { start: string; end: string } {
  const m = QUARTER.exec(quarter);
  if (!m) throw new Error(`Not a quarter: ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const startMonth = (q - 1) * 3 + 1;
  const lastDay = new Date(Date.UTC(year, startMonth + 2, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return { start: `${year}-${pad(startMonth)}-01`, end: `${year}-${pad(startMonth + 2)}-${pad(lastDay)}` };
}

const copenhagen = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Copenhagen",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  hourCycle: "h23",
});

/** The instant a day begins in Copenhagen (CET or CEST). */
export function copenhagenMidnight(isoDay: string): Date {
  const utcMidnight = Date.parse(`${isoDay}T00:00:00Z`);
  for (const offsetHours of [1, 2, 0]) {
    const candidate = new Date(utcMidnight - offsetHours * 3_600_000);
    const parts = Object.fromEntries(copenhagen.formatToParts(candidate).map((p) => [p.type, p.value]));
    if (`${parts.year}-${parts.month}-${parts.day}` === isoDay && parts.hour === "00") return candidate;
  }
  throw new Error(`No Copenhagen midnight found for ${isoDay}`);
}

/** The instants a quarter begins and the next begins, in Copenhagen: [start, end). */
export function quarterInstants(quarter: string): { from: Date; until: Date } {
  const { start, end } = quarterDays(quarter);
  const next = new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: copenhagenMidnight(start), until: copenhagenMidnight(next) };
}

/** Builds a query string from the parameters that have a value. */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
