import { z } from "zod";
import { CEILING_STATES, type CeilingState } from "@/lib/ceilings/state";

/**
 * The agency's overview of agreement ceilings: its filter and sort, from the URL (page, export). Pure.
 * Anything unknown falls back to the default rather than failing: a hand-edited URL still shows a page.
 */

export const OVERVIEW_SORTS = ["percent", "use", "maximum", "forecast", "reference", "name", "validTo"] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];

export const OVERVIEW_SORT_LABELS: Record<OverviewSort, string> = {
  percent: "Procent af maksimum",
  use: "Forbrug",
  maximum: "Maksimal værdi",
  forecast: "Prognosedato",
  reference: "Reference",
  name: "Navn",
  validTo: "Udløb",
};

export const overviewParamsSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  state: z.enum(CEILING_STATES).or(z.literal("WARNED")).optional().catch(undefined),
  sort: z.enum(OVERVIEW_SORTS).catch("percent"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  /** Include retired agreements (default: only those not retired). */
  retired: z.enum(["1"]).optional().catch(undefined),
  /** Only agreements whose forecast date falls before they expire. */
  early: z.enum(["1"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type OverviewParams = z.infer<typeof overviewParamsSchema>;

/** The state filter's "WARNED" covers both warning states. */
export function matchesStateFilter(state: CeilingState, filter: OverviewParams["state"]): boolean {
  if (filter === undefined) return true;
  if (filter === "WARNED") return state === "FIRST_WARNING" || state === "SECOND_WARNING";
  return state === filter;
}

export function parseOverviewParams(search: Record<string, string | string[] | undefined>): OverviewParams {
  const flat = Object.fromEntries(Object.entries(search).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  return overviewParamsSchema.parse({ q: "", sort: "percent", dir: "desc", page: 1, ...flat });
}
