import { describe, expect, it } from "vitest";
import { quarterFromCode } from "@/lib/purchase-data/quarter";
import { defaultSupplierDeadline, lastReportingDay, mayReport } from "./deadline-rules";

const q = (code: string) => quarterFromCode(code)!;

describe("the suppliers' deadline", () => {
  it("defaults to the last day of the month after the quarter", () => {
    expect(defaultSupplierDeadline(q("2026Q1"))).toBe("2026-04-30");
    expect(defaultSupplierDeadline(q("2026Q2"))).toBe("2026-07-31");
    expect(defaultSupplierDeadline(q("2026Q3"))).toBe("2026-10-31");
    expect(defaultSupplierDeadline(q("2026Q4"))).toBe("2027-01-31");
  });

  it("is open on the deadline day and closed the day after, unless reopened", () => {
    const window = { deadline: "2026-10-31", reopenedUntil: null };
    expect(mayReport(q("2026Q3"), window, "2026-10-31")).toBe(true);
    expect(mayReport(q("2026Q3"), window, "2026-11-01")).toBe(false);
    const reopened = { deadline: "2026-10-31", reopenedUntil: "2026-11-15" };
    expect(lastReportingDay(reopened)).toBe("2026-11-15");
    expect(mayReport(q("2026Q3"), reopened, "2026-11-15")).toBe(true);
    expect(mayReport(q("2026Q3"), reopened, "2026-11-16")).toBe(false);
  });

  it("does not take a report for a quarter that has not begun", () => {
    expect(mayReport(q("2027Q1"), { deadline: "2027-04-30", reopenedUntil: null }, "2026-12-31")).toBe(false);
  });

  it("ignores a reopening that ends before the deadline", () => {
    expect(lastReportingDay({ deadline: "2026-10-31", reopenedUntil: "2026-10-01" })).toBe("2026-10-31");
  });
});
