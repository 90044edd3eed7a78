import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellUse, sumUse, quartersOfUse, type UseCell } from "@/lib/ceilings/use";

const cell = (supplierId: number, quarter: string, reportedOre: bigint | null, estimatedOre: bigint): UseCell => ({ supplierId, quarter, reportedOre, estimatedOre });

describe("use to date", () => {
  it("counts the report where there is one, else the purchase data as an estimate", () => {
    const totals = sumUse([cell(1, "2026Q1", 500n, 900n), cell(2, "2026Q1", null, 300n), cell(1, "2026Q2", 0n, 400n)]);
    expect(totals).toEqual({ reportedOre: 500n, estimatedOre: 300n, useOre: 800n });
  });

  it("a no-sales report covers the quarter: the purchase data no longer count", () => {
    expect(cellUse({ reportedOre: 0n, estimatedOre: 12_345n })).toBe(0n);
  });

  it("per quarter, oldest first, with the running total", () => {
    const rows = quartersOfUse([cell(1, "2026Q2", 100n, 0n), cell(1, "2026Q1", null, 50n), cell(2, "2026Q2", null, 25n)]);
    expect(rows.map((r) => [r.quarter, r.totals.useOre, r.cumulativeOre])).toEqual([
      ["2026Q1", 50n, 50n],
      ["2026Q2", 125n, 175n],
    ]);
  });
});

const arbCell = fc.record({
  supplierId: fc.integer({ min: 1, max: 4 }),
  quarter: fc.constantFrom("2025Q4", "2026Q1", "2026Q2", "2026Q3"),
  reportedOre: fc.option(fc.bigInt({ min: 0n, max: 10_000_000n }), { nil: null }),
  estimatedOre: fc.bigInt({ min: 0n, max: 10_000_000n }),
});
/** One cell per supplier and quarter, as the table's key. */
const arbCells = fc.uniqueArray(arbCell, { selector: (c) => `${c.supplierId}/${c.quarter}`, maxLength: 16 });

describe("use: properties", () => {
  it("never decreases when a report is added where none was, at least what the purchase data show (the supplier's sales include them)", () => {
    fc.assert(
      fc.property(arbCells, arbCell, fc.bigInt({ min: 0n, max: 10_000_000n }), (cells, target, extra) => {
        const existing = cells.find((c) => c.supplierId === target.supplierId && c.quarter === target.quarter);
        const estimate = existing?.estimatedOre ?? 0n;
        fc.pre(!existing || existing.reportedOre === null);
        const report = { ...target, reportedOre: estimate + extra, estimatedOre: estimate };
        const after = [...cells.filter((c) => c !== existing), report];
        expect(sumUse(after).useOre).toBeGreaterThanOrEqual(sumUse(cells).useOre);
        expect(sumUse(after).reportedOre).toBeGreaterThanOrEqual(sumUse(cells).reportedOre);
      }),
    );
  });

  it("never decreases when a report gains a line (a correction adding sales)", () => {
    fc.assert(
      fc.property(arbCells, fc.nat(), fc.bigInt({ min: 0n, max: 10_000_000n }), (cells, index, line) => {
        const reported = cells.filter((c) => c.reportedOre !== null);
        fc.pre(reported.length > 0);
        const target = reported[index % reported.length]!;
        const after = cells.map((c) => (c === target ? { ...c, reportedOre: c.reportedOre! + line } : c));
        expect(sumUse(after).useOre).toBeGreaterThanOrEqual(sumUse(cells).useOre);
      }),
    );
  });

  it("the reported and estimated parts add up to the use, and the quarters' running total ends at it", () => {
    fc.assert(
      fc.property(arbCells, (cells) => {
        const totals = sumUse(cells);
        expect(totals.reportedOre + totals.estimatedOre).toBe(totals.useOre);
        expect(quartersOfUse(cells).at(-1)?.cumulativeOre ?? 0n).toBe(totals.useOre);
      }),
    );
  });
});
