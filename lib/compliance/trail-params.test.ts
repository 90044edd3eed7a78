import { describe, expect, it } from "vitest";
import { parseTrail, supplierFilter, trailHref, trailTitle, withoutMinistry } from "./trail-params";

describe("the line trail's URL", () => {
  it("reads a figure and writes it back the same", () => {
    const raw = { kvartal: "2026Q3", aftale: "14", del: "udenfor", institution: "3", cvr: "12345678", side: "2" };
    const parsed = parseTrail(7, raw)!;
    expect(parsed).toEqual({
      filter: { ministryId: 7, quarter: "2026Q3", figure: "aftale", agreementId: 14, institutionId: 3, part: "udenfor", supplierCvr: "12345678", supplierName: null },
      page: 2,
    });
    const href = trailHref(7, withoutMinistry(parsed.filter), parsed.page);
    expect(href).toBe("/compliance/7/linjer?kvartal=2026Q3&aftale=14&institution=3&del=udenfor&cvr=12345678&side=2");
    const again = parseTrail(7, Object.fromEntries(new URL(href, "http://x").searchParams))!;
    expect(again).toEqual(parsed);
  });

  it("falls back to safe defaults and refuses a figure without a quarter", () => {
    expect(parseTrail(1, { aftale: "2" })).toBeNull();
    expect(parseTrail(1, { kvartal: "2026Q5" })).toBeNull();
    const parsed = parseTrail(1, { kvartal: "2026Q1", figur: "ehandel", aftale: "2", del: "udenfor", cvr: "12" })!;
    expect(parsed.filter).toMatchObject({ figure: "ehandel", agreementId: null, part: "alle", supplierCvr: null });
    expect(parseTrail(1, { kvartal: "2026Q1" })!.filter).toMatchObject({ figure: "aftale", agreementId: null });
  });

  it("names a supplier by CVR, or by name when the lines have none", () => {
    expect(supplierFilter({ supplierCvr: "12345678", supplierName: "X" })).toEqual({ supplierCvr: "12345678", supplierName: null });
    expect(supplierFilter({ supplierCvr: null, supplierName: "Personligt udlæg" })).toEqual({ supplierCvr: null, supplierName: "Personligt udlæg" });
    const parsed = parseTrail(1, { kvartal: "2026Q1", aftale: "1", leverandoer: "Personligt udlæg" })!;
    expect(parsed.filter.supplierName).toBe("Personligt udlæg");
  });

  it("says in Danish what the lines are", () => {
    const { filter } = parseTrail(1, { kvartal: "2026Q1", aftale: "1", del: "aftale" })!;
    expect(trailTitle(filter, { agreement: "Kontorartikler (SIP 11.04)", ministry: "Finansministeriet" })).toBe(
      "Køb hos aftalens leverandører (tæller), Kontorartikler (SIP 11.04), Finansministeriet",
    );
  });
});
