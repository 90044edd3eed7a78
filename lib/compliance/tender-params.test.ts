import { describe, expect, it } from "vitest";
import { parseTender, tenderQuarters, tenderQuery } from "./tender-params";

const available = ["2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4", "2027Q1"];

describe("tender preparation's query", () => {
  it("defaults to the last four quarters with data, obligated customers, no category", () => {
    const query = parseTender({}, available)!;
    expect(query).toEqual({ category: null, from: "2026Q2", to: "2027Q1", customers: "forpligtede", ministryId: null });
    expect(tenderQuarters(query, available)).toEqual(["2026Q2", "2026Q3", "2026Q4", "2027Q1"]);
  });

  it("keeps a valid range of at most eight quarters", () => {
    expect(parseTender({ fra: "2025Q1", til: "2026Q4", kategori: "1920", kunder: "alle", ministerium: "3" }, available)).toEqual({
      category: "1920",
      from: "2025Q1",
      to: "2026Q4",
      customers: "alle",
      ministryId: 3,
    });
    // Nine quarters, or from after to: back to the default range ending at `til`.
    expect(parseTender({ fra: "2024Q4", til: "2026Q4" }, available)).toMatchObject({ from: "2026Q1", to: "2026Q4" });
    expect(parseTender({ fra: "2026Q4", til: "2026Q1" }, available)).toMatchObject({ from: "2025Q2", to: "2026Q1" });
    expect(parseTender({ kategori: "19 20", ministerium: "-1" }, available)).toMatchObject({ category: null, ministryId: null });
    expect(parseTender({}, [])).toBeNull();
  });

  it("writes the query back", () => {
    const query = parseTender({ kategori: "1920", fra: "2026Q1", til: "2026Q3" }, available)!;
    expect(tenderQuery(query, { pr: "institution" })).toBe("?kategori=1920&fra=2026Q1&til=2026Q3&pr=institution");
  });
});
