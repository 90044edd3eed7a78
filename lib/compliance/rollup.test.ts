import { describe, expect, it } from "vitest";
import { refreshCompliance, type ComplianceSql } from "./rollup";

function recorder(results: Record<string, unknown[]>) {
  const calls: { text: string; values: unknown[] | undefined }[] = [];
  const db: ComplianceSql = {
    query: async <Row,>(text: string, values?: unknown[]) => {
      calls.push({ text, values });
      const key = Object.keys(results).find((k) => text.includes(k));
      return { rows: (key ? results[key] : []) as Row[] };
    },
  };
  return { db, calls };
}

describe("the rollup's entry points", () => {
  it("call compliance_refresh for a quarter, or for the given institutions (once each, sorted)", async () => {
    const { db, calls } = recorder({ compliance_refresh: [{ result: { quarter: "2026Q3", mode: "institutions", spendRows: 4, ms: 2 } }] });
    expect(await refreshCompliance(db, { quarter: "2026Q3", institutionIds: [5, 2, 5] })).toEqual({ quarter: "2026Q3", mode: "institutions", spendRows: 4, ms: 2 });
    expect(calls[0]!.values).toEqual(["2026Q3", "{2,5}"]);
    await refreshCompliance(db, { quarter: "2026Q3" });
    expect(calls[1]!.values).toEqual(["2026Q3"]);
    expect(await refreshCompliance(db, { quarter: "2026Q3", institutionIds: [] })).toEqual({ quarter: "2026Q3", mode: "fresh" });
    expect(calls).toHaveLength(2);
  });

  it("refuse what is not a quarter or an id before any SQL", async () => {
    const { db, calls } = recorder({});
    await expect(refreshCompliance(db, { quarter: "2026-Q3" })).rejects.toThrow(/Not a quarter/);
    await expect(refreshCompliance(db, { quarter: "2026Q3", institutionIds: [1.5] })).rejects.toThrow(/Not an id/);
    expect(calls).toHaveLength(0);
  });
});
