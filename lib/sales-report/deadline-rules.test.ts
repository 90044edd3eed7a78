import { describe, expect, it } from "vitest";
import { quarterFromCode } from "@/lib/purchase-data/quarter";
import { defaultSupplierDeadline, lastReportingDay, mayReport, reportingRefusal } from "./deadline-rules";

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

describe("the refusal of a report", () => {
  const window = { deadline: "2027-01-31", reopenedUntil: null };
  it("names the deadline in Danish after it has passed", () => {
    expect(reportingRefusal(q("2026Q4"), window, "2027-02-01")).toBe(
      "Fristen for omsætningsindberetning for 4. kvartal 2026 var 31. januar 2027. Indberetningen er afvist. Kontakt Statens Indkøb, hvis kvartalet skal genåbnes for jer.",
    );
  });
  it("names the reopening's last day when that has passed too, and allows the days up to it", () => {
    const reopened = { ...window, reopenedUntil: "2027-02-15" };
    expect(reportingRefusal(q("2026Q4"), reopened, "2027-02-15")).toBeNull();
    expect(reportingRefusal(q("2026Q4"), reopened, "2027-02-16")).toContain("var 15. februar 2027");
  });
  it("refuses a quarter that has not begun and allows the quarter's own days", () => {
    expect(reportingRefusal(q("2026Q4"), window, "2026-09-30")).toBe("4. kvartal 2026 er ikke begyndt endnu. Omsætningen indberettes, når kvartalet er i gang eller slut.");
    expect(reportingRefusal(q("2026Q4"), window, "2026-10-01")).toBeNull();
  });
});
