/**
 * Tender preparation's query (pure): a category, a range of quarters, obligated customers or all, and
 * (for the agency) optionally one ministry.
 *
 *   /compliance/udbud?kategori=1920&fra=2025Q4&til=2026Q3&kunder=alle&ministerium=3
 */
import { firstParam, isQuarterCode, queryString } from "./figures";

export type TenderQuery = {
  category: string | null;
  from: string;
  to: string;
  /** "forpligtede": obligated institutions at purchase time (as compliance); "alle": every customer. */
  customers: "forpligtede" | "alle";
  ministryId: number | null;
};

/** At most this many quarters side by side. */
export const TENDER_MAX_QUARTERS = 8;

type Raw = Record<string, string | string[] | undefined>;

export function parseTender(raw: Raw, available: readonly string[]): TenderQuery | null {
  if (available.length === 0) return null;
  const category = firstParam(raw.kategori)?.trim() ?? "";
  let to = firstParam(raw.til);
  if (!isQuarterCode(to) || !available.includes(to)) to = available[available.length - 1]!;
  const upTo = available.filter((q) => q <= to);
  let from = firstParam(raw.fra);
  const earliest = upTo[Math.max(0, upTo.length - TENDER_MAX_QUARTERS)]!;
  if (!isQuarterCode(from) || !available.includes(from) || from > to || from < earliest) {
    from = upTo[Math.max(0, upTo.length - 4)]!;
  }
  const ministry = firstParam(raw.ministerium);
  return {
    category: /^[0-9A-Za-z._-]{1,20}$/.test(category) ? category : null,
    from,
    to,
    customers: firstParam(raw.kunder) === "alle" ? "alle" : "forpligtede",
    ministryId: ministry && /^[1-9]\d{0,9}$/.test(ministry) && Number(ministry) <= 2_147_483_647 ? Number(ministry) : null,
  };
}

/** The quarters of the query, of those available, oldest first. */
export function tenderQuarters(query: TenderQuery, available: readonly string[]): string[] {
  return available.filter((q) => q >= query.from && q <= query.to);
}

export function tenderQuery(query: TenderQuery, extra: Record<string, string | null> = {}): string {
  return queryString({
    kategori: query.category,
    fra: query.from,
    til: query.to,
    kunder: query.customers === "alle" ? "alle" : null,
    ministerium: query.ministryId,
    ...extra,
  });
}
