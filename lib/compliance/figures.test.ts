import { describe, expect, it } from "vitest";
import {
  copenhagenMidnight,
  leakageOre,
  parsePage,
  pickQuarter,
  quarterDays,
  quarterInstants,
  quarterName,
  quarterShortName,
  queryString,
  rankByShare,
  shareFraction,
  sumShares,
  trendQuarters,
} from "./figures";

const share = (numeratorOre: bigint, denominatorOre: bigint) => ({ numeratorOre, denominatorOre });

describe("shares", () => {
  it("sum exactly and give the leakage as denominator minus numerator", () => {
    const total = sumShares([share(1n, 3n), share(9_007_199_254_740_993n, 9_007_199_254_740_995n)]);
    expect(total).toEqual(share(9_007_199_254_740_994n, 9_007_199_254_740_998n));
    expect(leakageOre(total)).toBe(4n);
  });

  it("give a fraction rounded to a basis point, null without a denominator", () => {
    expect(shareFraction(share(1n, 3n))).toBe(0.3333);
    expect(shareFraction(share(2n, 3n))).toBe(0.6667);
    expect(shareFraction(share(5n, 5n))).toBe(1);
    expect(shareFraction(share(0n, 0n))).toBeNull();
  });

  it("rank highest share first, exactly, then by size and name; no denominator last", () => {
    const rows = [
      { name: "Ø", ...share(1n, 3n) },
      { name: "A", ...share(0n, 0n) },
      { name: "B", ...share(333_333_333n, 1_000_000_000n) },
      { name: "Æ", ...share(2n, 6n) },
      { name: "C", ...share(9n, 10n) },
    ];
    expect(rankByShare(rows).map((r) => r.name)).toEqual(["C", "Æ", "Ø", "B", "A"]);
  });
});

describe("quarters and parameters", () => {
  const available = ["2025Q4", "2026Q1", "2026Q2", "2026Q3"];

  it("pick the asked quarter when it has data, else the latest", () => {
    expect(pickQuarter("2026Q1", available)).toBe("2026Q1");
    expect(pickQuarter("2024Q1", available)).toBe("2026Q3");
    expect(pickQuarter(undefined, available)).toBe("2026Q3");
    expect(pickQuarter("2026Q1", [])).toBeNull();
  });

  it("take the trend up to the quarter", () => {
    expect(trendQuarters(available, "2026Q2")).toEqual(["2025Q4", "2026Q1", "2026Q2"]);
    expect(trendQuarters(available, "2026Q3", 2)).toEqual(["2026Q2", "2026Q3"]);
  });

  it("name quarters in Danish and know their days", () => {
    expect(quarterName("2026Q3")).toBe("3. kvartal 2026");
    expect(quarterShortName("2026Q1")).toBe("1. kv. 2026");
    expect(quarterDays("2024Q1")).toEqual({ start: "2024-01-01", end: "2024-03-31" });
    expect(quarterDays("2026Q4")).toEqual({ start: "2026-10-01", end: "2026-12-31" });
  });

  it("find the quarter's first and next first instant in Copenhagen, summer and winter time", () => {
    expect(copenhagenMidnight("2026-01-01").toISOString()).toBe("2025-12-31T23:00:00.000Z");
    expect(copenhagenMidnight("2026-07-01").toISOString()).toBe("2026-06-30T22:00:00.000Z");
    const { from, until } = quarterInstants("2026Q1");
    expect(from.toISOString()).toBe("2025-12-31T23:00:00.000Z");
    expect(until.toISOString()).toBe("2026-03-31T22:00:00.000Z");
  });

  it("read page numbers and write query strings", () => {
    expect(parsePage("3")).toBe(3);
    expect(parsePage("0")).toBe(1);
    expect(parsePage("1e3")).toBe(1);
    expect(queryString({ kvartal: "2026Q1", side: null, tom: "" })).toBe("?kvartal=2026Q1");
    expect(queryString({})).toBe("");
  });
});
