/**
 * Reporting quarters ("2016Q4"), pure. Dates are ISO "YYYY-MM-DD" strings: the portal's quarters and
 * deadlines are calendar days in Copenhagen, so no time of day or time zone enters these rules.
 */

export type Quarter = {
  /** Canonical form, as stored: "2016Q4". */
  code: string;
  year: number;
  /** 1-4. */
  q: number;
  /** First day, ISO. */
  start: string;
  /** Last day, ISO. */
  end: string;
};

const CANONICAL = /^(\d{4})Q([1-4])$/;
// What people type: 2016Q4, 2016K4, 2016-Q4, 2016 k4, "4. kvartal 2016", "Q4 2016".
const LOOSE_YEAR_FIRST = /^(\d{4})\s*[-/ ]?\s*[QK]\s*([1-4])$/i;
const LOOSE_QUARTER_FIRST = /^(?:[QK]\s*([1-4])|([1-4])\s*\.?\s*kvartal)\s*[-/ ]?\s*(\d{4})$/i;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function build(year: number, q: number): Quarter {
  const startMonth = (q - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  return {
    code: `${year}Q${q}`,
    year,
    q,
    start: `${year}-${pad2(startMonth)}-01`,
    end: `${year}-${pad2(endMonth)}-${pad2(lastDay)}`,
  };
}

/** The quarter for a canonical code ("2016Q4"), or null. */
export function quarterFromCode(code: string): Quarter | null {
  const m = CANONICAL.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2999) return null;
  return build(year, Number(m[2]));
}

/** Reads a quarter as typed (2016Q4, 2016K4, 4. kvartal 2016, Q4 2016); null when it is none. */
export function parseQuarter(input: string): Quarter | null {
  const text = input.trim();
  const exact = quarterFromCode(text.toUpperCase());
  if (exact) return exact;
  let m = LOOSE_YEAR_FIRST.exec(text);
  if (m) return quarterFromCode(`${m[1]}Q${m[2]}`);
  m = LOOSE_QUARTER_FIRST.exec(text);
  if (m) return quarterFromCode(`${m[3]}Q${m[1] ?? m[2]}`);
  return null;
}

/** The quarter a day (ISO) falls in. */
export function quarterOfDate(isoDate: string): Quarter {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return build(year, Math.floor((month - 1) / 3) + 1);
}

/** The quarter `steps` quarters after (negative: before) the given one. */
export function shiftQuarter(quarter: Quarter, steps: number): Quarter {
  const index = quarter.year * 4 + (quarter.q - 1) + steps;
  return build(Math.floor(index / 4), (index % 4) + 1);
}

/** Danish: "4. kvartal 2016". */
export function quarterLabel(quarter: Quarter | string): string {
  const q = typeof quarter === "string" ? quarterFromCode(quarter) : quarter;
  if (!q) return String(quarter);
  return `${q.q}. kvartal ${q.year}`;
}

/** Today's date in Copenhagen, ISO. */
export function copenhagenToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Copenhagen",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/**
 * The quarters a form offers, newest first: the current quarter and the `count - 1` before it.
 */
export function recentQuarters(today: string, count: number): Quarter[] {
  const current = quarterOfDate(today);
  return Array.from({ length: count }, (_, i) => shiftQuarter(current, -i));
}
