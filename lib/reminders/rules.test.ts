import { describe, expect, it } from "vitest";
import { defaultSupplierDeadline } from "@/lib/sales-report/deadline-rules";
import { quarterFromCode } from "@/lib/purchase-data/quarter";
import { addDays, daysBetween, deadlineStage, expiryStage, findSuccessor, owesPurchaseData } from "./rules";

describe("day arithmetic", () => {
  it("crosses month, year and leap-day boundaries", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -14)).toBe("2028-02-16");
    expect(daysBetween("2028-02-15", "2028-03-01")).toBe(15);
    expect(daysBetween("2027-02-15", "2027-03-01")).toBe(14);
  });
});

describe("deadlineStage", () => {
  const deadline = "2027-01-15";
  it("is silent until 14 days before", () => {
    expect(deadlineStage(deadline, "2026-12-31")).toBeNull(); // 15 days before: the day before
    expect(deadlineStage(deadline, "2027-01-01")).toBe("deadline-14"); // 14 days before: the day of
    expect(deadlineStage(deadline, "2027-01-11")).toBe("deadline-14"); // 4 days before
  });
  it("sends the 3-day reminder from 3 days before to the deadline day itself", () => {
    expect(deadlineStage(deadline, "2027-01-12")).toBe("deadline-3");
    expect(deadlineStage(deadline, "2027-01-15")).toBe("deadline-3");
  });
  it("lists the missed ones from the day after, for a week", () => {
    expect(deadlineStage(deadline, "2027-01-16")).toBe("deadline-missed");
    expect(deadlineStage(deadline, "2027-01-22")).toBe("deadline-missed");
    expect(deadlineStage(deadline, "2027-01-23")).toBeNull();
  });
  it("counts the leap day", () => {
    // 14 days before 1 March is 16 February in a leap year, 15 February otherwise.
    expect(deadlineStage("2028-03-01", "2028-02-15")).toBeNull();
    expect(deadlineStage("2028-03-01", "2028-02-16")).toBe("deadline-14");
    expect(deadlineStage("2027-03-01", "2027-02-15")).toBe("deadline-14");
    expect(deadlineStage("2028-03-01", "2028-02-27")).toBe("deadline-3");
    expect(deadlineStage("2028-03-01", "2028-02-26")).toBe("deadline-14");
  });
  it("works with the suppliers' default deadline at quarter ends", () => {
    const q4 = defaultSupplierDeadline(quarterFromCode("2027Q4")!); // 2028-01-31
    expect(q4).toBe("2028-01-31");
    expect(deadlineStage(q4, "2028-01-17")).toBe("deadline-14");
    expect(deadlineStage(q4, "2028-01-16")).toBeNull();
    const q1 = defaultSupplierDeadline(quarterFromCode("2028Q1")!); // 2028-04-30
    expect(deadlineStage(q1, "2028-04-27")).toBe("deadline-3");
    expect(deadlineStage(q1, "2028-05-01")).toBe("deadline-missed");
  });
});

describe("expiryStage", () => {
  it("alerts 90 and 30 days before the last day", () => {
    expect(expiryStage("2027-06-30", "2027-03-31")).toBeNull(); // 91 days before: the day before
    expect(expiryStage("2027-06-30", "2027-03-01")).toBeNull();
    expect(expiryStage("2027-06-30", "2027-04-01")).toBe("expiry-90"); // 90 days before
    expect(expiryStage("2027-06-30", "2027-05-30")).toBe("expiry-90"); // 31 days before: the day before
    expect(expiryStage("2027-06-30", "2027-05-31")).toBe("expiry-30"); // 30 days before: the day of
    expect(expiryStage("2027-06-30", "2027-06-30")).toBe("expiry-30"); // the last day
    expect(expiryStage("2027-06-30", "2027-07-01")).toBeNull(); // expired
  });
  it("counts the leap day", () => {
    // 2028-05-30 is 90 days after 2028-03-01 (29 February lies before).
    expect(daysBetween("2028-03-01", "2028-05-30")).toBe(90);
    expect(expiryStage("2028-05-30", "2028-02-29")).toBeNull();
    expect(expiryStage("2028-05-30", "2028-03-01")).toBe("expiry-90");
    expect(expiryStage("2028-03-30", "2028-02-29")).toBe("expiry-30");
  });
});

describe("findSuccessor", () => {
  const expiring = { id: 1, validFrom: "2023-01-01", validTo: "2027-06-30", retired: false, categoryCodes: ["IT", "PRINT"] };
  it("takes a later agreement covering every category, the earliest start first", () => {
    const candidates = [
      { id: 2, validFrom: "2027-07-01", validTo: "2031-06-30", retired: false, categoryCodes: ["IT", "PRINT", "X"] },
      { id: 3, validFrom: "2027-05-01", validTo: "2031-06-30", retired: false, categoryCodes: ["IT", "PRINT"] },
    ];
    expect(findSuccessor(expiring, candidates)?.id).toBe(3);
  });
  it("knows none when a category is missing, the candidate is retired, older or ends first", () => {
    expect(
      findSuccessor(expiring, [
        { id: 2, validFrom: "2027-07-01", validTo: "2031-06-30", retired: false, categoryCodes: ["IT"] },
        { id: 3, validFrom: "2027-07-01", validTo: "2031-06-30", retired: true, categoryCodes: ["IT", "PRINT"] },
        { id: 4, validFrom: "2022-01-01", validTo: "2031-06-30", retired: false, categoryCodes: ["IT", "PRINT"] },
        { id: 5, validFrom: "2024-01-01", validTo: "2027-06-30", retired: false, categoryCodes: ["IT", "PRINT"] },
        { ...expiring },
      ]),
    ).toBeNull();
  });
});

describe("owesPurchaseData", () => {
  it("only a manual institution without a submission or reservation owes data", () => {
    expect(owesPurchaseData({ dataChannel: "MANUAL", hasSubmission: false, ministryHasReservation: false })).toBe(true);
    expect(owesPurchaseData({ dataChannel: "MANUAL", hasSubmission: true, ministryHasReservation: false })).toBe(false);
    expect(owesPurchaseData({ dataChannel: "MANUAL", hasSubmission: false, ministryHasReservation: true })).toBe(false);
    expect(owesPurchaseData({ dataChannel: "SKS", hasSubmission: false, ministryHasReservation: false })).toBe(false);
  });
});
