import { describe, expect, it } from "vitest";
import { agreementStatus, enrolmentRequired, mayBuy, type AgreementFacts, type InstitutionFacts } from "@/lib/domain/agreement-status";

const central = (phase: number, closed = false): AgreementFacts => ({
  kind: "MANDATORY_CENTRAL",
  phase: { number: phase, closed },
  ownerInstitutionId: null,
});
const voluntary = (overrides: Partial<InstitutionFacts> = {}): InstitutionFacts => ({
  id: 7,
  customerType: "VOLUNTARY",
  party: null,
  enrolments: [],
  ...overrides,
});

describe("enrolment only for phases 8-10", () => {
  it("is required in phases 8, 9 and 10 and in no other", () => {
    expect([7, 8, 9, 10, 11, 12].map(enrolmentRequired)).toEqual([false, true, true, true, false, false]);
    expect(enrolmentRequired(null)).toBe(false);
  });
});

describe("a voluntary customer must be party to an agreement to buy on it", () => {
  it("is not party and cannot buy when it has no party row", () => {
    const status = agreementStatus(central(11), voluntary());
    expect(status).toBe("NOT_PARTY");
    expect(mayBuy(status)).toBe(false);
  });

  it("may buy on a phase 11 agreement it is party to, with no enrolment", () => {
    expect(agreementStatus(central(11), voluntary({ party: { source: "PHASE_JOIN" } }))).toBe("PARTY");
  });

  it("must enrol before buying on a phase 8-10 agreement it is party to", () => {
    expect(agreementStatus(central(9, true), voluntary({ party: { source: "PHASE_JOIN" } }))).toBe("MAY_ENROL");
    expect(
      agreementStatus(central(9, true), voluntary({ party: { source: "PHASE_JOIN" }, enrolments: [{ status: "PENDING" }] })),
    ).toBe("ENROLMENT_PENDING");
    expect(
      agreementStatus(central(9, true), voluntary({ party: { source: "PHASE_JOIN" }, enrolments: [{ status: "APPROVED" }] })),
    ).toBe("PARTY");
    expect(
      agreementStatus(central(9, true), voluntary({ party: { source: "PHASE_JOIN" }, enrolments: [{ status: "REJECTED" }] })),
    ).toBe("MAY_ENROL");
  });
});

describe("cannot join a finished tender round", () => {
  it("tells a non-party that the phase is closed", () => {
    expect(agreementStatus(central(10, true), voluntary())).toBe("NOT_PARTY_PHASE_CLOSED");
  });
});

describe("obligated customers and own agreements", () => {
  it("lets an obligated party buy on a phase 8-10 agreement without enrolment", () => {
    expect(agreementStatus(central(8, true), { ...voluntary({ party: { source: "OBLIGATED" } }), customerType: "OBLIGATED" })).toBe("PARTY");
  });

  it("keeps another institution's own agreement out of reach", () => {
    const own: AgreementFacts = { kind: "OWN", phase: null, ownerInstitutionId: 99 };
    expect(agreementStatus(own, voluntary({ party: { source: "OWNER" } }))).toBe("OTHER_INSTITUTIONS_OWN");
    expect(agreementStatus({ ...own, ownerInstitutionId: 7 }, voluntary({ party: { source: "OWNER" } }))).toBe("PARTY");
  });
});
