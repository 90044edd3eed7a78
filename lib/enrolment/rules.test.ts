import { describe, expect, it } from "vitest";
import type { InstitutionFacts } from "@/lib/domain/agreement-status";
import { enrolmentEligibility, joinEligibility, joinTargetPhase, REFUSAL_TEXT, type EnrolmentAgreementFacts, type PhaseFacts } from "./rules";

const agreement = (phase: number | null, closed = true, overrides: Partial<EnrolmentAgreementFacts> = {}): EnrolmentAgreementFacts => ({
  kind: "MANDATORY_CENTRAL",
  phase: phase === null ? null : { number: phase, closed },
  ownerInstitutionId: null,
  retired: false,
  ...overrides,
});

const voluntary = (overrides: Partial<InstitutionFacts> = {}): InstitutionFacts => ({
  id: 7,
  customerType: "VOLUNTARY",
  party: { source: "PHASE_JOIN" },
  enrolments: [],
  ...overrides,
});

describe("who may enrol", () => {
  it("lets a voluntary customer that is party by phase enrol on a phase 8-10 agreement, even when the phase is closed", () => {
    for (const phase of [8, 9, 10]) expect(enrolmentEligibility(agreement(phase), voluntary())).toEqual({ ok: true, status: "MAY_ENROL" });
  });

  it("lets a voluntary customer that is not party enrol while the phase 8-10 round is open (approval makes it party)", () => {
    expect(enrolmentEligibility(agreement(9, false), voluntary({ party: null }))).toEqual({ ok: true, status: "NOT_PARTY" });
  });

  it("refuses obligated customers", () => {
    expect(enrolmentEligibility(agreement(10), voluntary({ customerType: "OBLIGATED", party: { source: "OBLIGATED" } }))).toMatchObject({
      ok: false,
      reason: "NOT_VOLUNTARY",
    });
  });

  it("refuses agreements outside phases 8-10 and agreements without a phase: no enrolment is needed there", () => {
    for (const phase of [7, 11, 12, null]) {
      expect(enrolmentEligibility(agreement(phase), voluntary())).toMatchObject({ ok: false, reason: "NOT_REQUIRED" });
    }
    expect(REFUSAL_TEXT.NOT_REQUIRED).toContain("8.–10. fase");
    expect(REFUSAL_TEXT.NOT_REQUIRED).toContain("11. fase");
  });

  it("refuses a finished round the institution is not party to", () => {
    expect(enrolmentEligibility(agreement(8, true), voluntary({ party: null }))).toMatchObject({ ok: false, reason: "PHASE_CLOSED" });
  });

  it("refuses a second pending enrolment, and an institution already enrolled", () => {
    expect(enrolmentEligibility(agreement(10), voluntary({ enrolments: [{ status: "PENDING" }] }))).toMatchObject({ ok: false, reason: "PENDING_EXISTS" });
    expect(enrolmentEligibility(agreement(10), voluntary({ enrolments: [{ status: "APPROVED" }] }))).toMatchObject({ ok: false, reason: "ALREADY_ENROLLED" });
    expect(enrolmentEligibility(agreement(10), voluntary({ party: { source: "ENROLMENT" } }))).toMatchObject({ ok: false, reason: "ALREADY_ENROLLED" });
  });

  it("lets an institution enrol again after a rejection or a withdrawal", () => {
    expect(enrolmentEligibility(agreement(10), voluntary({ enrolments: [{ status: "REJECTED" }, { status: "WITHDRAWN" }] }))).toMatchObject({ ok: true });
  });

  it("refuses retired agreements, other institutions' own agreements and a user without institution", () => {
    expect(enrolmentEligibility(agreement(10, true, { retired: true }), voluntary())).toMatchObject({ ok: false, reason: "RETIRED" });
    expect(enrolmentEligibility(agreement(null, true, { kind: "OWN", ownerInstitutionId: 99 }), voluntary())).toMatchObject({
      ok: false,
      reason: "OTHER_INSTITUTIONS_OWN",
    });
    expect(enrolmentEligibility(agreement(10), null)).toMatchObject({ ok: false, reason: "NO_INSTITUTION" });
  });
});

describe("joining the next phase", () => {
  const phases: PhaseFacts[] = [8, 9, 10, 11, 12].map((number) => ({ id: number * 10, number, name: `${number}. fase`, closed: number <= 10 }));

  it("targets the agreement's own phase while open, else the first later open phase not yet joined", () => {
    expect(joinTargetPhase({ number: 11, closed: false }, phases, new Set())?.number).toBe(11);
    expect(joinTargetPhase({ number: 8, closed: true }, phases, new Set())?.number).toBe(11);
    expect(joinTargetPhase({ number: 8, closed: true }, phases, new Set([10, 11]))?.number).toBe(12);
    expect(joinTargetPhase({ number: 8, closed: true }, phases, new Set([11, 12]))).toBeNull();
    expect(joinTargetPhase(null, phases, new Set())).toBeNull();
  });

  it("is for voluntary customers that are not party, on agreements of a phase", () => {
    const target = phases[3]!;
    expect(joinEligibility(agreement(8), voluntary({ party: null }), target)).toEqual({ ok: true, phase: target });
    expect(joinEligibility(agreement(8), voluntary(), target)).toEqual({ ok: false, reason: "ALREADY_PARTY" });
    expect(joinEligibility(agreement(8), voluntary({ customerType: "OBLIGATED", party: null }), target)).toEqual({ ok: false, reason: "NOT_VOLUNTARY" });
    expect(joinEligibility(agreement(null), voluntary({ party: null }), target)).toEqual({ ok: false, reason: "NO_PHASE" });
    expect(joinEligibility(agreement(8), voluntary({ party: null }), null)).toEqual({ ok: false, reason: "NO_OPEN_PHASE" });
  });
});
