import { describe, expect, it } from "vitest";
import { listHref, parseListParams, parseRowKey, rowHref } from "./params";

describe("the reconciliation pages' parameters", () => {
  it("take a known quarter, else the newest, and a known filter, else the findings", () => {
    expect(parseListParams({ kvartal: "2026Q2", vis: "afvigelser", side: "3" }, ["2026Q3", "2026Q2"])).toEqual({
      quarter: "2026Q2",
      filter: "differs",
      agreementId: null,
      page: 3,
    });
    expect(parseListParams({ kvartal: "1999Q1", vis: "noget", side: "-1" }, ["2026Q3"])).toMatchObject({ quarter: "2026Q3", filter: "findings", page: 1 });
    expect(parseListParams({}, [])).toMatchObject({ quarter: null });
  });

  it("round-trip a list link and a row's key", () => {
    expect(parseListParams(Object.fromEntries(new URL(listHref({ quarter: "2026Q3", filter: "non-party", agreementId: 7, page: 2 }), "http://x").searchParams), ["2026Q3"])).toEqual({
      quarter: "2026Q3",
      filter: "non-party",
      agreementId: 7,
      page: 2,
    });
    const key = { quarter: "2026Q3", agreementId: 1, supplierId: 2, institutionId: 3 };
    expect(parseRowKey(Object.fromEntries(new URL(rowHref(key), "http://x").searchParams))).toEqual(key);
    expect(parseRowKey({ kvartal: "2026Q3", aftale: "1", leverandoer: "x", institution: "3" })).toBeNull();
  });
});
