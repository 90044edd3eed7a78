import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forecastCeiling, paceQuarters, paceWindowUse, type Forecast, type ForecastInput } from "@/lib/ceilings/forecast";

/** The forecast from use per quarter, as the agreement's page computes it. */
function at({ quarters, ...input }: Omit<ForecastInput, "paceUseOre"> & { quarters: { quarter: string; useOre: bigint }[] }): Forecast {
  return forecastCeiling({ ...input, paceUseOre: paceWindowUse(quarters, input.validFrom, input.today) });
}

const base = { validFrom: "2024-01-01", validTo: "2027-12-31", today: "2026-12-04" };

describe("forecast of the date the maximum is reached", () => {
  it("takes the pace of the last four complete quarters", () => {
    expect(paceQuarters(base.validFrom, base.today).map((q) => q.code)).toEqual(["2025Q4", "2026Q1", "2026Q2", "2026Q3"]);
    // 365 days (2025-10-01..2026-09-30) with 365 kr.: 1 kr. a day; 100 kr. left: 100 days after today.
    const forecast = at({
      ...base,
      useOre: 900_00n,
      maximumOre: 1_000_00n,
      quarters: ["2025Q4", "2026Q1", "2026Q2", "2026Q3"].map((quarter, i) => ({ quarter, useOre: [92_00n, 90_00n, 91_00n, 92_00n][i]! })).concat([{ quarter: "2024Q1", useOre: 435_00n }]),
    });
    expect(forecast).toEqual({ kind: "DATE", date: "2027-03-14", beforeExpiry: true, quartersUsed: 4, paceOrePerQuarter: 91_25n });
  });

  it("uses fewer quarters when the agreement is younger, counting from its first day", () => {
    const young = { ...base, validFrom: "2026-08-01" };
    expect(paceQuarters(young.validFrom, young.today).map((q) => q.code)).toEqual(["2026Q3"]);
    // 2026-08-01..2026-09-30 is 61 days with 61 kr.: 1 kr. a day; 10 kr. left.
    const forecast = at({ ...young, useOre: 61_00n, maximumOre: 71_00n, quarters: [{ quarter: "2026Q3", useOre: 61_00n }] });
    expect(forecast).toMatchObject({ kind: "DATE", date: "2026-12-14", quartersUsed: 1 });
  });

  it("is not flagged when the date falls after the agreement expires", () => {
    const forecast = at({ ...base, validTo: "2027-01-31", useOre: 100n, maximumOre: 1_000n, quarters: [{ quarter: "2026Q3", useOre: 100n }] });
    expect(forecast).toMatchObject({ kind: "DATE", beforeExpiry: false });
    const distant = at({ ...base, useOre: 100n, maximumOre: 1_000_000_00n, quarters: [{ quarter: "2026Q3", useOre: 100n }] });
    expect(distant).toMatchObject({ kind: "DISTANT", quartersUsed: 4 });
  });

  it("says when there is nothing to forecast", () => {
    expect(at({ ...base, useOre: 5n, maximumOre: null, quarters: [] })).toEqual({ kind: "NO_MAXIMUM" });
    expect(at({ ...base, useOre: 500n, maximumOre: 500n, quarters: [] })).toEqual({ kind: "REACHED" });
    expect(at({ ...base, useOre: 0n, maximumOre: 500n, quarters: [] })).toEqual({ kind: "NO_PACE", quartersUsed: 4 });
    expect(at({ ...base, validFrom: "2026-11-01", useOre: 10n, maximumOre: 500n, quarters: [{ quarter: "2026Q4", useOre: 10n }] })).toEqual({
      kind: "NO_PACE",
      quartersUsed: 0,
    });
  });

  it("a faster pace never gives a later date", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 12n }), (pace, more, room) => {
        const withPace = (quarterUse: bigint) =>
          at({ ...base, useOre: 0n, maximumOre: room + 1n, quarters: [{ quarter: "2026Q3", useOre: quarterUse }] });
        const slow = withPace(pace);
        const fast = withPace(pace + more);
        if (fast.kind === "DISTANT") expect(slow.kind).toBe("DISTANT");
        if (slow.kind === "DATE" && fast.kind === "DATE") expect(fast.date <= slow.date).toBe(true);
      }),
    );
  });
});
