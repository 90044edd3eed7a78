import { z } from "zod";

/**
 * The catalogue's search state, all of it in the URL so a link can be shared and the back button
 * works. Parsing never fails: a malformed or hostile value falls back to its default and is
 * reported in `ignored`, so the page can say so instead of answering 500.
 */
export const AGREEMENT_KINDS = ["MANDATORY_CENTRAL", "VOLUNTARY_CENTRAL", "VOLUNTARY_SKI", "OWN"] as const;
export const SORTS = ["relevans", "navn", "udloeb", "nummer"] as const;
export const PAGE_SIZE = 20;
const MAX_TERMS = 8;

export type CatalogueQuery = {
  q: string;
  kind: (typeof AGREEMENT_KINDS)[number] | null;
  phase: number | null;
  category: string | null;
  supplier: string | null;
  activeOn: string | null;
  mine: boolean;
  sort: (typeof SORTS)[number];
  page: number;
};

const FIELDS = {
  q: z.string().trim().max(200),
  kind: z.enum(AGREEMENT_KINDS),
  phase: z.coerce.number().int().min(1).max(99),
  category: z.string().regex(/^\d{4}$/),
  supplier: z.string().trim().min(1).max(100),
  activeOn: z.iso.date(),
  mine: z.literal("1"),
  sort: z.enum(SORTS),
  page: z.coerce.number().int().min(1).max(10_000),
};

type RawParams = Record<string, string | string[] | undefined>;

export function parseCatalogueQuery(raw: RawParams): { query: CatalogueQuery; ignored: string[] } {
  const ignored: string[] = [];
  const field = <K extends keyof typeof FIELDS>(name: K): z.infer<(typeof FIELDS)[K]> | null => {
    const value = raw[name];
    if (value === undefined || value === "") return null;
    const parsed = FIELDS[name].safeParse(Array.isArray(value) ? value[0] : value);
    if (!parsed.success) {
      ignored.push(name);
      return null;
    }
    return parsed.data as z.infer<(typeof FIELDS)[K]>;
  };
  // Control characters are never part of a search.
  const q = (field("q") ?? "").replace(/[\u0000-\u001f]/g, " ");
  const sort = field("sort");
  const query: CatalogueQuery = {
    q,
    kind: field("kind"),
    phase: field("phase"),
    category: field("category"),
    supplier: field("supplier"),
    activeOn: field("activeOn"),
    mine: field("mine") === "1",
    sort: sort && (sort !== "relevans" || q) ? sort : defaultSort(q),
    page: field("page") ?? 1,
  };
  return { query, ignored };
}

function defaultSort(q: string): CatalogueQuery["sort"] {
  return q ? "relevans" : "navn";
}

/** The search words: lower-case, at most eight, each of 2-50 characters. */
export function searchTerms(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[\s,;]+/)
    .map((term) => term.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((term) => term.length >= 2 && term.length <= 50)
    .slice(0, MAX_TERMS);
}

/** The URL of a query, with only the values that differ from the defaults. */
export function catalogueHref(query: CatalogueQuery, changes: Partial<CatalogueQuery> = {}): string {
  const next = { ...query, ...changes };
  if (next.sort === "relevans" && !next.q) next.sort = "navn";
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.kind) params.set("kind", next.kind);
  if (next.phase !== null) params.set("phase", String(next.phase));
  if (next.category) params.set("category", next.category);
  if (next.supplier) params.set("supplier", next.supplier);
  if (next.activeOn) params.set("activeOn", next.activeOn);
  if (next.mine) params.set("mine", "1");
  if (next.sort !== defaultSort(next.q)) params.set("sort", next.sort);
  if (next.page > 1) params.set("page", String(next.page));
  const search = params.toString();
  return search ? `/aftaler?${search}` : "/aftaler";
}
