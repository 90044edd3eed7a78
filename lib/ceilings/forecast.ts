import { quarterOfDate, shiftQuarter, type Quarter } from "@/lib/purchase-data/quarter";

/**
 * When will an agreement reach its maximum value? Pure. The pace is the use of the last four
 * complete quarters before today's (fewer when the agreement is younger: only quarters from its
 * first one on), as kroner per day; from today, the remaining room at that pace gives the date.
 * Flagged when the date falls on or before the agreement's last valid day. The page says the same
 * in words (FORECAST_METHOD).
 */

export const FORECAST_QUARTERS = 4;

export const FORECAST_METHOD =
  "Prognosen bruger tempoet i de seneste fire afsluttede kvartaler (færre, hvis aftalen er yngre): forbruget i de kvartaler delt med deres antal dage. " +
  "Fra i dag regnes frem, hvornår det resterende beløb op til den maksimale værdi er brugt i det tempo. " +
  "Datoen markeres, hvis den falder, før aftalen udløber. Indberetninger, der kommer senere, og ændrede indkøbsmønstre flytter datoen.";

export type ForecastInput = {
  useOre: bigint;
  maximumOre: bigint | null;
  /** ISO dates. */
  validFrom: string;
  validTo: string;
  today: string;
  /** The use in the pace quarters (paceQuarters; paceWindowUse sums it from quarters). */
  paceUseOre: bigint;
};

export type Forecast =
  | { kind: "NO_MAXIMUM" }
  | { kind: "REACHED" }
  /** No complete quarter since the start yet, or no use in them: no pace to project. */
  | { kind: "NO_PACE"; quartersUsed: number }
  | { kind: "DATE"; date: string; beforeExpiry: boolean; quartersUsed: number; paceOrePerQuarter: bigint }
  /** At this pace more than FORECAST_HORIZON_DAYS away: no date worth showing. */
  | { kind: "DISTANT"; quartersUsed: number; paceOrePerQuarter: bigint };

/** About a hundred years: a date further away says nothing (and would leave the calendar). */
export const FORECAST_HORIZON_DAYS = 36_525n;

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The quarters the pace is taken from, oldest first: up to four complete ones before today's, from the agreement's first. */
export function paceQuarters(validFrom: string, today: string): Quarter[] {
  const first = quarterOfDate(validFrom);
  const quarters: Quarter[] = [];
  for (let step = 1; step <= FORECAST_QUARTERS; step++) {
    const quarter = shiftQuarter(quarterOfDate(today), -step);
    if (quarter.code < first.code) break;
    quarters.unshift(quarter);
  }
  return quarters;
}

/** The use in the pace quarters, from use per quarter ("2026Q3"; any order, quarters without use left out). */
export function paceWindowUse(quarters: readonly { quarter: string; useOre: bigint }[], validFrom: string, today: string): bigint {
  const codes = new Set(paceQuarters(validFrom, today).map((q) => q.code));
  let sum = 0n;
  for (const row of quarters) if (codes.has(row.quarter)) sum += row.useOre;
  return sum;
}

export function forecastCeiling(input: ForecastInput): Forecast {
  if (input.maximumOre === null) return { kind: "NO_MAXIMUM" };
  if (input.useOre >= input.maximumOre) return { kind: "REACHED" };
  const window = paceQuarters(input.validFrom, input.today);
  const windowUse = input.paceUseOre;
  if (window.length === 0 || windowUse <= 0n) return { kind: "NO_PACE", quartersUsed: window.length };
  // A quarter that began before the agreement counts only from its first day.
  const firstDay = Math.max(dayNumber(window[0]!.start), dayNumber(input.validFrom));
  const windowDays = BigInt(dayNumber(window.at(-1)!.end) - firstDay + 1);
  const remaining = input.maximumOre - input.useOre;
  // Whole days, rounded up: exact on bigints (no float on money).
  const days = (remaining * windowDays + windowUse - 1n) / windowUse;
  const paceOrePerQuarter = windowUse / BigInt(window.length);
  if (days > FORECAST_HORIZON_DAYS) return { kind: "DISTANT", quartersUsed: window.length, paceOrePerQuarter };
  const date = isoOfDay(dayNumber(input.today) + Number(days));
  return {
    kind: "DATE",
    date,
    beforeExpiry: date <= input.validTo,
    quartersUsed: window.length,
    paceOrePerQuarter,
  };
}
