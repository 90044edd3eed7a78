import { describe, expect, it } from "vitest";
import { danishSortKey } from "../domain/danish-sort";
import { isValidCvr, isValidEan } from "../domain/identifiers";
import {
  DATA_QUARTERS,
  DEMO_AGREEMENTS,
  DEMO_CATEGORIES,
  DEMO_DEADLINES,
  DEMO_ENROLMENTS,
  DEMO_INSTITUTIONS,
  DEMO_LOGINS,
  DEMO_MINISTRIES,
  DEMO_PHASES,
  DEMO_RESERVATIONS,
  DEMO_SUPPLIERS,
  DEMO_USERS,
  MOVED_INSTITUTION,
  demoAgreementParties,
  demoInstitution,
} from "./demo-data";

const collator = new Intl.Collator("da");
const ministryCodes = new Set(DEMO_MINISTRIES.map((m) => m.code));
const categoryCodes = new Set(DEMO_CATEGORIES.map((c) => c.code));
const supplierByKey = new Map(DEMO_SUPPLIERS.map((s) => [s.key, s]));
const phaseByNumber = new Map(DEMO_PHASES.map((p) => [p.number, p]));
const DATA_START = "2025-10-01";
const DATA_END = "2026-09-30";
const TODAY = "2026-11-22";

function unique<T>(values: T[]): boolean {
  return new Set(values).size === values.length;
}

function byteOrder(names: string[]): string[] {
  return [...names].sort((a, b) => Buffer.compare(Buffer.from(danishSortKey(a)), Buffer.from(danishSortKey(b))));
}

describe("identifiers", () => {
  it("every CVR is valid and unique across institutions and suppliers", () => {
    const cvrs = [...DEMO_INSTITUTIONS.map((i) => i.cvr), ...DEMO_SUPPLIERS.map((s) => s.cvr)];
    expect(cvrs.every(isValidCvr)).toBe(true);
    expect(unique(cvrs)).toBe(true);
  });

  it("every institution has 1-3 valid, unique EAN location numbers with SKS organisation", () => {
    const eans = DEMO_INSTITUTIONS.flatMap((i) => i.eanLocations.map((l) => l.ean));
    expect(eans.every(isValidEan)).toBe(true);
    expect(unique(eans)).toBe(true);
    for (const i of DEMO_INSTITUTIONS) {
      expect(i.eanLocations.length).toBeGreaterThanOrEqual(1);
      expect(i.eanLocations.length).toBeLessThanOrEqual(3);
      for (const l of i.eanLocations) {
        expect(l.accountingInstitution).not.toBe("");
        expect(l.bookingCircle).not.toBe("");
      }
    }
  });
});

describe("ministries and institutions", () => {
  it("has at least 6 ministries with unique codes", () => {
    expect(DEMO_MINISTRIES.length).toBeGreaterThanOrEqual(6);
    expect(unique(DEMO_MINISTRIES.map((m) => m.code))).toBe(true);
  });

  it("has 40 institutions, mostly obligated state institutions, every one in a known ministry", () => {
    expect(DEMO_INSTITUTIONS).toHaveLength(40);
    expect(unique(DEMO_INSTITUTIONS.map((i) => i.key))).toBe(true);
    const obligated = DEMO_INSTITUTIONS.filter((i) => i.customerType === "OBLIGATED");
    expect(obligated.length).toBeGreaterThan(DEMO_INSTITUTIONS.length / 2);
    for (const i of DEMO_INSTITUTIONS) {
      expect(ministryCodes.has(i.ministryCode)).toBe(true);
      expect(i.customerType).toBe(i.kind === "STATE_INSTITUTION" ? "OBLIGATED" : "VOLUNTARY");
    }
    const channels = new Set(obligated.map((i) => i.dataChannel));
    expect(channels).toEqual(new Set(["SKS", "MANUAL"]));
  });

  it("has voluntary customers of every kind the source page lists", () => {
    const count = (kind: string) => DEMO_INSTITUTIONS.filter((i) => i.kind === kind).length;
    expect(count("MUNICIPALITY")).toBeGreaterThanOrEqual(3);
    expect(count("REGION")).toBeGreaterThanOrEqual(1);
    expect(count("SELF_GOVERNING_INSTITUTION")).toBeGreaterThanOrEqual(2);
    for (const kind of ["FOLKETINGET", "NATIONAL_BANK", "DIIS", "HUMAN_RIGHTS_INSTITUTE", "GREENLAND_SELF_GOVERNMENT", "FAROE_HOME_RULE"]) {
      expect(count(kind)).toBe(1);
    }
  });

  it("names fit the agency format's 50-character text fields", () => {
    for (const name of [...DEMO_INSTITUTIONS.map((i) => i.name), ...DEMO_CATEGORIES.map((c) => c.name)]) {
      expect(name.length, name).toBeLessThanOrEqual(50);
    }
  });

  it("every ministry has at least one institution", () => {
    for (const m of DEMO_MINISTRIES) {
      expect(DEMO_INSTITUTIONS.some((i) => i.memberships.some((p) => p.ministryCode === m.code))).toBe(true);
    }
  });

  it("memberships cover the whole data period without gaps or overlaps, ending in the current ministry", () => {
    for (const i of DEMO_INSTITUTIONS) {
      const periods = [...i.memberships].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
      expect(periods[0]!.validFrom <= DATA_START).toBe(true);
      expect(periods.at(-1)!.validTo).toBeNull();
      expect(periods.at(-1)!.ministryCode).toBe(i.ministryCode);
      for (let k = 1; k < periods.length; k++) {
        const prevEnd = new Date(`${periods[k - 1]!.validTo}T00:00:00Z`);
        prevEnd.setUTCDate(prevEnd.getUTCDate() + 1);
        expect(prevEnd.toISOString().slice(0, 10)).toBe(periods[k]!.validFrom);
      }
    }
  });

  it("one institution changed ministry inside the data period", () => {
    const moved = DEMO_INSTITUTIONS.filter((i) => i.memberships.length > 1);
    expect(moved.map((i) => i.key)).toEqual([MOVED_INSTITUTION.key]);
    const [first, second] = moved[0]!.memberships;
    expect(first!.ministryCode).toBe(MOVED_INSTITUTION.fromMinistryCode);
    expect(second!.ministryCode).toBe(MOVED_INSTITUTION.toMinistryCode);
    expect(first!.validTo! >= DATA_START && first!.validTo! < DATA_END).toBe(true);
  });

  it("the sort keys order every name like Intl.Collator('da')", () => {
    for (const names of [
      DEMO_INSTITUTIONS.map((i) => i.name),
      DEMO_SUPPLIERS.map((s) => s.name),
      DEMO_AGREEMENTS.map((a) => a.name),
    ]) {
      expect(byteOrder(names)).toEqual([...names].sort(collator.compare));
    }
  });
});

describe("categories, phases, suppliers, agreements", () => {
  it("has the agency's categories with four-digit codes", () => {
    expect(DEMO_CATEGORIES.every((c) => /^\d{4}$/.test(c.code))).toBe(true);
    expect(unique(DEMO_CATEGORIES.map((c) => c.code))).toBe(true);
    const byCode = new Map(DEMO_CATEGORIES.map((c) => [c.code, c.name]));
    expect(byCode.get("1130")).toBe("Naturgas");
    expect(byCode.get("1150")).toBe("Elektricitet");
    expect(byCode.get("1170")).toBe("Vand");
    expect(byCode.get("1190")).toBe("Varme");
    expect(byCode.get("1210")).toBe("Rengørings- og forbrugsartikler");
    expect(byCode.get("1300")).toBe("Laboratorie");
    expect(byCode.get("1920")).toBe("Kontorartikler");
    expect(DEMO_CATEGORIES.length).toBeGreaterThanOrEqual(22);
  });

  it("hasMandatoryAgreements says whether a mandatory agreement covers the category", () => {
    for (const c of DEMO_CATEGORIES) {
      const covered = DEMO_AGREEMENTS.some((a) => a.kind === "MANDATORY_CENTRAL" && a.categoryCodes.includes(c.code));
      expect({ code: c.code, flag: c.hasMandatoryAgreements }).toEqual({ code: c.code, flag: covered });
    }
  });

  it("has phases 8-12, phase 11 tendered 2016 effective 2017-01-01, 8-10 closed", () => {
    expect(DEMO_PHASES.map((p) => p.number)).toEqual([8, 9, 10, 11, 12]);
    expect(phaseByNumber.get(11)).toMatchObject({ name: "11. fase", tenderYear: 2016, effectiveDate: "2017-01-01", closed: false });
    expect(DEMO_PHASES.filter((p) => p.closed).map((p) => p.number)).toEqual([8, 9, 10]);
  });

  it("has about 60 fictitious suppliers, each mapped to a known category", () => {
    expect(DEMO_SUPPLIERS.length).toBeGreaterThanOrEqual(55);
    expect(unique(DEMO_SUPPLIERS.map((s) => s.key))).toBe(true);
    expect(unique(DEMO_SUPPLIERS.map((s) => s.name))).toBe(true);
    for (const s of DEMO_SUPPLIERS) {
      expect(s.name).toMatch(/Demo/);
      expect(categoryCodes.has(s.categoryCode)).toBe(true);
      expect(s.name.length).toBeLessThanOrEqual(50);
    }
  });

  it("agreements are consistent: references, kinds, phases, owners, categories and suppliers", () => {
    expect(DEMO_AGREEMENTS.length).toBeGreaterThanOrEqual(28);
    expect(unique(DEMO_AGREEMENTS.map((a) => a.reference))).toBe(true);
    for (const a of DEMO_AGREEMENTS) {
      expect(a.validFrom < a.validTo).toBe(true);
      expect(a.categoryCodes.length).toBeGreaterThan(0);
      expect(a.supplierKeys.length).toBeGreaterThan(0);
      expect(a.description).not.toBe("");
      for (const code of a.categoryCodes) expect(categoryCodes.has(code)).toBe(true);
      for (const key of a.supplierKeys) {
        const supplier = supplierByKey.get(key);
        expect(supplier, `${a.reference} supplier ${key}`).toBeDefined();
        // The supplier's mapping is one of the agreement's categories (lines without a category rely on it).
        expect(a.categoryCodes).toContain(supplier!.categoryCode);
      }
      if (a.kind === "MANDATORY_CENTRAL" || a.kind === "VOLUNTARY_CENTRAL") {
        expect(phaseByNumber.has(a.phaseNumber!)).toBe(true);
        expect(a.ownerKey).toBeNull();
        expect(a.validFrom >= phaseByNumber.get(a.phaseNumber!)!.effectiveDate).toBe(true);
      } else if (a.kind === "VOLUNTARY_SKI") {
        expect(a.phaseNumber).toBeNull();
        expect(a.ownerKey).toBeNull();
        expect(a.reference).toMatch(/^SKI \d{2}\.\d{2}$/);
      } else {
        expect(a.phaseNumber).toBeNull();
        expect(() => demoInstitution(a.ownerKey!)).not.toThrow();
      }
    }
    const kinds = new Set(DEMO_AGREEMENTS.map((a) => a.kind));
    expect(kinds).toEqual(new Set(["MANDATORY_CENTRAL", "VOLUNTARY_CENTRAL", "VOLUNTARY_SKI", "OWN"]));
  });

  it("the agreements the source page names as needing no enrolment are in phase 11 or 12", () => {
    const named = [
      "Konferenceaftalen",
      "AIA/ADK-aftalen",
      "Flytteydelser",
      "Kontorartikler",
      "Kontormøbler",
      "Kontrolcentral",
      "Netværkskomponenter",
      "Rengørings- og forbrugsartikler",
    ];
    for (const name of named) {
      const agreement = DEMO_AGREEMENTS.find((a) => a.name === name && a.kind === "MANDATORY_CENTRAL");
      expect(agreement, name).toBeDefined();
      expect([11, 12]).toContain(agreement!.phaseNumber);
    }
    const computer = DEMO_AGREEMENTS.find((a) => a.name === "Computeraftalen");
    expect([8, 9, 10]).toContain(computer!.phaseNumber);
    for (const phase of [8, 9, 10]) expect(DEMO_AGREEMENTS.some((a) => a.phaseNumber === phase)).toBe(true);
  });

  it("has expired, active and future agreements", () => {
    expect(DEMO_AGREEMENTS.filter((a) => a.validTo < TODAY).length).toBeGreaterThanOrEqual(2);
    expect(DEMO_AGREEMENTS.filter((a) => a.validFrom > TODAY).length).toBeGreaterThanOrEqual(1);
    expect(DEMO_AGREEMENTS.filter((a) => a.validFrom <= TODAY && TODAY <= a.validTo).length).toBeGreaterThanOrEqual(20);
  });
});

describe("parties, enrolments, deadlines, users", () => {
  const parties = demoAgreementParties();

  it("every obligated institution is party to every central agreement", () => {
    for (const a of DEMO_AGREEMENTS.filter((x) => x.kind === "MANDATORY_CENTRAL" || x.kind === "VOLUNTARY_CENTRAL")) {
      for (const i of DEMO_INSTITUTIONS.filter((x) => x.customerType === "OBLIGATED")) {
        expect(parties.some((p) => p.agreementReference === a.reference && p.institutionKey === i.key && p.source === "OBLIGATED")).toBe(true);
      }
    }
  });

  it("parties are unique per agreement and institution; voluntary ones join by phase or enrolment; owners own", () => {
    expect(unique(parties.map((p) => `${p.agreementReference}|${p.institutionKey}`))).toBe(true);
    const voluntary = parties.filter((p) => demoInstitution(p.institutionKey).customerType === "VOLUNTARY");
    expect(new Set(voluntary.map((p) => p.source))).toEqual(new Set(["PHASE_JOIN", "ENROLMENT", "OWNER"]));
    for (const a of DEMO_AGREEMENTS.filter((x) => x.kind === "OWN")) {
      expect(parties.filter((p) => p.agreementReference === a.reference)).toEqual([
        { agreementReference: a.reference, institutionKey: a.ownerKey, source: "OWNER", since: a.validFrom },
      ]);
    }
  });

  it("has a pending and an approved enrolment by a voluntary customer on phase 8-10 agreements", () => {
    const statuses = DEMO_ENROLMENTS.map((e) => e.status).sort();
    expect(statuses).toEqual(["APPROVED", "PENDING"]);
    for (const e of DEMO_ENROLMENTS) {
      const agreement = DEMO_AGREEMENTS.find((a) => a.reference === e.agreementReference)!;
      expect([8, 9, 10]).toContain(agreement.phaseNumber);
      expect(demoInstitution(e.institutionKey).customerType).toBe("VOLUNTARY");
      expect(parties.some((p) => p.agreementReference === e.agreementReference && p.institutionKey === e.institutionKey)).toBe(true);
      expect(e.events.at(-1)!.toStatus).toBe(e.status);
    }
  });

  it("has the published deadlines and one per data quarter and the current quarter", () => {
    const byQuarter = new Map(DEMO_DEADLINES.map((d) => [d.quarter, d.deadline]));
    expect(byQuarter.get("2016Q1")).toBe("2017-05-16");
    expect(byQuarter.get("2016Q2")).toBe("2017-08-15");
    expect(byQuarter.get("2016Q3")).toBe("2017-11-14");
    expect(byQuarter.get("2016Q4")).toBe("2018-02-20");
    for (const q of [...DATA_QUARTERS, "2026Q4"]) expect(byQuarter.has(q)).toBe(true);
  });

  it("has the demo log-ins with the right roles and scopes", () => {
    expect(unique(DEMO_USERS.map((u) => u.email))).toBe(true);
    const byEmail = new Map(DEMO_USERS.map((u) => [u.email, u]));
    for (const login of DEMO_LOGINS) {
      expect(byEmail.get(login.email)?.role).toBe(login.role);
      expect(login.description).not.toBe("");
    }
    const first = DEMO_MINISTRIES[0]!.code;
    const second = DEMO_MINISTRIES[1]!.code;
    expect(byEmail.get("admin@demo.example.dk")).toMatchObject({ role: "ADMIN", institutionKey: null, ministryCode: null });
    // Two supplier users of two different suppliers: the first is on the first agreement, the second is not.
    const supplierUsers = DEMO_USERS.filter((u) => u.role === "SUPPLIER");
    expect(supplierUsers.every((u) => u.supplierKey && u.institutionKey === null && u.ministryCode === null)).toBe(true);
    expect(DEMO_USERS.filter((u) => u.role !== "SUPPLIER").every((u) => u.supplierKey === undefined)).toBe(true);
    const [supplierA, supplierB] = ["leverandoer@demo.example.dk", "leverandoer2@demo.example.dk"].map((email) => byEmail.get(email)!.supplierKey!);
    expect(supplierA).not.toBe(supplierB);
    expect(DEMO_AGREEMENTS[0]!.supplierKeys).toContain(supplierA);
    expect(DEMO_AGREEMENTS[0]!.supplierKeys).not.toContain(supplierB);
    const stat = byEmail.get("koeber.stat@demo.example.dk")!;
    expect(demoInstitution(stat.institutionKey!)).toMatchObject({ customerType: "OBLIGATED", ministryCode: first });
    const kommune = byEmail.get("koeber.kommune@demo.example.dk")!;
    expect(demoInstitution(kommune.institutionKey!)).toMatchObject({ kind: "MUNICIPALITY", customerType: "VOLUNTARY" });
    expect(byEmail.get("koncernindkoeber@demo.example.dk")).toMatchObject({ role: "GROUP_BUYER", ministryCode: first });
    expect(byEmail.get("analytiker@demo.example.dk")).toMatchObject({ role: "MINISTRY_ANALYST", ministryCode: first });
    expect(byEmail.get(`analytiker.${second.toLowerCase()}@demo.example.dk`)).toMatchObject({
      role: "MINISTRY_ANALYST",
      ministryCode: second,
    });
    for (const m of DEMO_MINISTRIES.slice(1)) {
      const gb = byEmail.get(`koncernindkoeber.${m.code.toLowerCase()}@demo.example.dk`);
      expect(gb).toMatchObject({ role: "GROUP_BUYER", ministryCode: m.code });
      expect(gb!.title).toBeTruthy();
      expect(gb!.phone).toBeTruthy();
      // Published in the directory: a functional mailbox, never the log-in e-mail.
      expect(gb!.contactEmail).toMatch(/@/);
      expect(gb!.contactEmail).not.toBe(gb!.email);
    }
  });

  it("reservations belong to known ministries and users", () => {
    for (const r of DEMO_RESERVATIONS) {
      expect(ministryCodes.has(r.ministryCode)).toBe(true);
      expect(DEMO_USERS.some((u) => u.email === r.createdByEmail)).toBe(true);
    }
  });
});
