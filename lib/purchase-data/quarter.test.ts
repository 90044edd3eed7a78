import { describe, expect, it } from "vitest";
import { copenhagenToday, parseQuarter, quarterFromCode, quarterLabel, quarterOfDate, recentQuarters, shiftQuarter } from "./quarter";

describe("quarters", () => {
  it("knows a quarter's days", () => {
    expect(quarterFromCode("2016Q4")).toEqual({ code: "2016Q4", year: 2016, q: 4, start: "2016-10-01", end: "2016-12-31" });
    expect(quarterFromCode("2024Q1")?.end).toBe("2024-03-31");
    expect(quarterFromCode("2016Q5")).toBeNull();
    expect(quarterFromCode("16Q1")).toBeNull();
  });

  it("reads what people type", () => {
    for (const text of ["2016Q4", "2016q4", "2016K4", "2016-Q4", "2016 k4", "4. kvartal 2016", "Q4 2016", "4 kvartal 2016"]) {
      expect(parseQuarter(text)?.code, text).toBe("2016Q4");
    }
    expect(parseQuarter("2016")).toBeNull();
  });

  it("steps and labels", () => {
    expect(shiftQuarter(quarterFromCode("2016Q4")!, 1).code).toBe("2017Q1");
    expect(shiftQuarter(quarterFromCode("2016Q1")!, -1).code).toBe("2015Q4");
    expect(quarterOfDate("2026-11-22").code).toBe("2026Q4");
    expect(quarterLabel("2016Q4")).toBe("4. kvartal 2016");
    expect(recentQuarters("2026-11-22", 3).map((q) => q.code)).toEqual(["2026Q4", "2026Q3", "2026Q2"]);
  });

  it("takes today in Copenhagen, not UTC", () => {
    expect(copenhagenToday(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(copenhagenToday(new Date("2026-06-30T21:59:00Z"))).toBe("2026-06-30");
  });
});
