import { parseId } from "@/lib/parse-id";
import type { RowFilter } from "./queries";

/**
 * The reconciliation pages' URL parameters (Danish names, as the other pages'): quarter, which rows,
 * page; and the key of one row for the drill-down. Pure, so the page, the export and tests agree.
 */
const FILTERS: Record<string, RowFilter> = {
  fund: "findings",
  alle: "all",
  afvigelser: "differs",
  "kun-indkoeb": "purchases-only",
  "kun-salg": "supplier-only",
  "ikke-part": "non-party",
};

export const FILTER_PARAM: Record<RowFilter, string> = Object.fromEntries(Object.entries(FILTERS).map(([param, filter]) => [filter, param])) as Record<
  RowFilter,
  string
>;

type Raw = Record<string, string | string[] | undefined>;
const text = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

export type ListParams = { quarter: string | null; filter: RowFilter; agreementId: number | null; page: number };

/** The list's parameters; the quarter only when it is one of `quarters` (else the newest). */
export function parseListParams(raw: Raw, quarters: readonly string[]): ListParams {
  const wanted = text(raw.kvartal);
  const page = Number(text(raw.side));
  return {
    quarter: quarters.includes(wanted) ? wanted : (quarters[0] ?? null),
    filter: FILTERS[text(raw.vis)] ?? "findings",
    agreementId: parseId(text(raw.aftale)),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

export type RowKey = { quarter: string; agreementId: number; supplierId: number; institutionId: number };

/** One row's key from the drill-down's URL; null when any part is missing or malformed. */
export function parseRowKey(raw: Raw): RowKey | null {
  const quarter = text(raw.kvartal);
  const agreementId = parseId(text(raw.aftale));
  const supplierId = parseId(text(raw.leverandoer));
  const institutionId = parseId(text(raw.institution));
  if (!/^\d{4}Q[1-4]$/.test(quarter) || agreementId === null || supplierId === null || institutionId === null) return null;
  return { quarter, agreementId, supplierId, institutionId };
}

export function rowHref(key: RowKey): string {
  return `/afstemning/kunde?kvartal=${key.quarter}&aftale=${key.agreementId}&leverandoer=${key.supplierId}&institution=${key.institutionId}`;
}

export function listHref(params: { quarter: string; filter?: RowFilter; agreementId?: number | null; page?: number }, base = "/afstemning"): string {
  const search = new URLSearchParams({ kvartal: params.quarter });
  if (params.filter && params.filter !== "findings") search.set("vis", FILTER_PARAM[params.filter]);
  if (params.agreementId) search.set("aftale", String(params.agreementId));
  if (params.page && params.page > 1) search.set("side", String(params.page));
  return `${base}?${search.toString()}`;
}
