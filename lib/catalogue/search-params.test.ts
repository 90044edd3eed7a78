import { describe, expect, it } from "vitest";
import { catalogueHref, parseCatalogueQuery, searchTerms } from "@/lib/catalogue/search-params";

describe("parseCatalogueQuery", () => {
  it("reads every filter from the URL", () => {
    const { query, ignored } = parseCatalogueQuery({
      q: " kontorstole ",
      kind: "VOLUNTARY_SKI",
      phase: "11",
      category: "1920",
      supplier: "Demo",
      activeOn: "2026-11-22",
      mine: "1",
      sort: "udloeb",
      page: "3",
    });
    expect(ignored).toEqual([]);
    expect(query).toEqual({
      q: "kontorstole",
      kind: "VOLUNTARY_SKI",
      phase: 11,
      category: "1920",
      supplier: "Demo",
      activeOn: "2026-11-22",
      mine: true,
      sort: "udloeb",
      page: 3,
    });
  });

  it("falls back to defaults for hostile or malformed values and names them", () => {
    const { query, ignored } = parseCatalogueQuery({
      kind: "DROP TABLE",
      phase: "1e9",
      category: "19'20",
      activeOn: "2026-02-30",
      page: "-1",
      sort: ["navn", "x"],
      q: "x".repeat(500),
    });
    expect(ignored.sort()).toEqual(["activeOn", "category", "kind", "page", "phase", "q"]);
    expect(query).toMatchObject({ kind: null, phase: null, category: null, activeOn: null, page: 1, sort: "navn", q: "" });
  });

  it("sorts by relevance when there is a search text, else by name", () => {
    expect(parseCatalogueQuery({ q: "stol" }).query.sort).toBe("relevans");
    expect(parseCatalogueQuery({}).query.sort).toBe("navn");
  });
});

describe("searchTerms", () => {
  it("splits, lower-cases, trims punctuation and drops one-letter and overlong words", () => {
    expect(searchTerms("Kontormøbel, STOL! a %_\\ " + "y".repeat(60))).toEqual(["kontormøbel", "stol"]);
  });

  it("keeps at most eight words", () => {
    expect(searchTerms("aa bb cc dd ee ff gg hh ii jj")).toHaveLength(8);
  });
});

describe("catalogueHref", () => {
  it("round-trips a query and leaves defaults out", () => {
    const { query } = parseCatalogueQuery({ q: "møbler", phase: "11", page: "2" });
    expect(catalogueHref(query)).toBe("/aftaler?q=m%C3%B8bler&phase=11&page=2");
    expect(parseCatalogueQuery(Object.fromEntries(new URL(catalogueHref(query), "http://x").searchParams)).query).toEqual(query);
    expect(catalogueHref(query, { page: 1, q: "" })).toBe("/aftaler?phase=11");
  });
});
