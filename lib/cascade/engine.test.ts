import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decideCascade, type CascadeAgreement, type CascadeInput } from "@/lib/cascade/engine";

const INSTITUTION = 7;
const base: CascadeInput = {
  institution: { id: INSTITUTION, customerType: "OBLIGATED" },
  categoryCode: "1920",
  amountOre: 10_000_00n,
  date: "2026-11-22",
  euThresholdOre: 1_144_000_00n,
};

let nextId = 1;
function agreement(overrides: Partial<CascadeAgreement> = {}): CascadeAgreement {
  const id = overrides.id ?? nextId++;
  return {
    id,
    reference: `A-${id}`,
    name: `Aftale ${id}`,
    sortKey: `aftale ${String(id).padStart(4, "0")}`,
    kind: "MANDATORY_CENTRAL",
    phase: { number: 11, closed: false },
    validFrom: "2025-01-01",
    validTo: "2027-12-31",
    retired: false,
    ownerInstitutionId: null,
    categoryCodes: ["1920"],
    party: { source: "OBLIGATED" },
    enrolments: [],
    ceiling: null,
    ...overrides,
  };
}

const voluntary: CascadeInput = { ...base, institution: { id: INSTITUTION, customerType: "VOLUNTARY" } };

describe("the cascade, rule by rule (forpligtede-kunder.txt, frivillige-kunder.txt)", () => {
  it("1. mandatory centrally coordinated agreements come first", () => {
    const mandatory = agreement({ kind: "MANDATORY_CENTRAL" });
    const ski = agreement({ kind: "VOLUNTARY_SKI", phase: null });
    const decision = decideCascade(base, [ski, mandatory]);
    expect(decision.recommended?.agreementId).toBe(mandatory.id);
    expect(decision.winningTier).toBe(1);
  });

  it("2. then voluntary centrally coordinated or voluntary SKI agreements", () => {
    const central = agreement({ kind: "VOLUNTARY_CENTRAL", name: "B", sortKey: "b" });
    const ski = agreement({ kind: "VOLUNTARY_SKI", phase: null, name: "A", sortKey: "a" });
    const own = agreement({ kind: "OWN", phase: null, ownerInstitutionId: INSTITUTION, party: { source: "OWNER" } });
    const decision = decideCascade(base, [own, central, ski]);
    expect(decision.winningTier).toBe(2);
    expect(decision.usableInWinningTier.map((c) => c.agreementId)).toEqual([ski.id, central.id]);
  });

  it("3. then own agreements", () => {
    const own = agreement({ kind: "OWN", phase: null, ownerInstitutionId: INSTITUTION, party: { source: "OWNER" } });
    const expired = agreement({ validTo: "2025-12-31" });
    const decision = decideCascade(base, [expired, own]);
    expect(decision.recommended?.agreementId).toBe(own.id);
    expect(decision.tiers[0].candidates[0]?.reasons).toEqual(["NOT_VALID_ON_DATE"]);
  });

  it("own procurement is needed when nothing is usable, with the EU threshold note above it", () => {
    const below = decideCascade(base, [agreement({ categoryCodes: ["1130"] })]);
    expect(below.outcome).toBe("OWN_PROCUREMENT");
    expect(below.aboveEuThreshold).toBe(false);
    const above = decideCascade({ ...base, amountOre: 2_000_000_00n }, []);
    expect(above).toMatchObject({ outcome: "OWN_PROCUREMENT", aboveEuThreshold: true, recommended: null });
  });

  it("an agreement not valid on the need's date is not usable", () => {
    const future = agreement({ validFrom: "2027-01-01" });
    expect(decideCascade(base, [future]).tiers[0].candidates[0]?.reasons).toEqual(["NOT_VALID_ON_DATE"]);
    expect(decideCascade({ ...base, date: "2027-01-01" }, [future]).recommended?.agreementId).toBe(future.id);
  });

  it("a retired agreement is not usable", () => {
    expect(decideCascade(base, [agreement({ retired: true })]).tiers[0].candidates[0]?.reasons).toEqual(["RETIRED"]);
  });

  it("an own agreement that does not cover the category is shown with the reason", () => {
    const own = agreement({ kind: "OWN", phase: null, ownerInstitutionId: INSTITUTION, party: { source: "OWNER" }, categoryCodes: ["1130"] });
    expect(decideCascade(base, [own]).tiers[2].candidates[0]?.reasons).toEqual(["CATEGORY_NOT_COVERED"]);
  });

  it("another institution's own agreement is never considered", () => {
    const foreign = agreement({ kind: "OWN", phase: null, ownerInstitutionId: 99, party: null });
    const decision = decideCascade(base, [foreign]);
    expect(decision.tiers[2].candidates).toEqual([]);
  });

  it("a voluntary customer may buy only on agreements it is party to: a mandatory agreement it is not party to is never recommended", () => {
    const notParty = agreement({ party: null });
    const ski = agreement({ kind: "VOLUNTARY_SKI", phase: null, party: { source: "ENROLMENT" } });
    const decision = decideCascade(voluntary, [notParty, ski]);
    expect(decision.tiers[0].candidates[0]?.reasons).toEqual(["NOT_PARTY"]);
    expect(decision.recommended?.agreementId).toBe(ski.id);
  });

  it("for a voluntary customer a mandatory agreement it is party to still ranks first", () => {
    const mandatory = agreement({ party: { source: "PHASE_JOIN" } });
    const ski = agreement({ kind: "VOLUNTARY_SKI", phase: null, party: { source: "ENROLMENT" } });
    expect(decideCascade(voluntary, [ski, mandatory]).recommended?.agreementId).toBe(mandatory.id);
  });

  it("enrolment only for phases 8-10: a voluntary customer party to a phase 9 agreement must have enrolled", () => {
    const phase9 = agreement({ phase: { number: 9, closed: true }, party: { source: "PHASE_JOIN" } });
    expect(decideCascade(voluntary, [phase9]).tiers[0].candidates[0]?.reasons).toEqual(["ENROLMENT_MISSING"]);
    const pending = { ...phase9, enrolments: [{ status: "PENDING" as const }] };
    expect(decideCascade(voluntary, [pending]).tiers[0].candidates[0]?.reasons).toEqual(["ENROLMENT_PENDING"]);
    const approved = { ...phase9, enrolments: [{ status: "APPROVED" as const }] };
    expect(decideCascade(voluntary, [approved]).recommended?.agreementId).toBe(phase9.id);
    const phase11 = agreement({ phase: { number: 11, closed: false }, party: { source: "PHASE_JOIN" } });
    expect(decideCascade(voluntary, [phase11]).recommended?.agreementId).toBe(phase11.id);
  });

  it("cannot join a finished tender round: a non-party sees that the phase is closed", () => {
    const closed = agreement({ phase: { number: 10, closed: true }, party: null });
    expect(decideCascade(voluntary, [closed]).tiers[0].candidates[0]?.reasons).toEqual(["NOT_PARTY", "PHASE_CLOSED"]);
  });

  it("with several usable agreements in the winning tier, all are offered for the buyer to choose and justify", () => {
    const a = agreement({ name: "Alfa", sortKey: "alfa" });
    const b = agreement({ name: "Beta", sortKey: "beta" });
    const decision = decideCascade(base, [b, a]);
    expect(decision.usableInWinningTier.map((c) => c.name)).toEqual(["Alfa", "Beta"]);
    expect(decision.recommended?.name).toBe("Alfa");
  });
});

// ---- Properties ------------------------------------------------------------------------------

const arbAgreement = fc
  .record({
    id: fc.integer({ min: 1, max: 10_000 }),
    kind: fc.constantFrom("MANDATORY_CENTRAL", "VOLUNTARY_CENTRAL", "VOLUNTARY_SKI", "OWN") as fc.Arbitrary<CascadeAgreement["kind"]>,
    phase: fc.option(fc.record({ number: fc.integer({ min: 7, max: 13 }), closed: fc.boolean() }), { nil: null }),
    from: fc.integer({ min: 2020, max: 2028 }),
    years: fc.integer({ min: 0, max: 5 }),
    retired: fc.boolean(),
    owner: fc.constantFrom(INSTITUTION, 99, null),
    categories: fc.subarray(["1130", "1920", "1210"], { minLength: 1 }),
    party: fc.option(fc.constantFrom("OBLIGATED", "PHASE_JOIN", "ENROLMENT", "OWNER") as fc.Arbitrary<"OBLIGATED">, { nil: null }),
    enrolments: fc.array(fc.constantFrom("PENDING", "APPROVED", "REJECTED") as fc.Arbitrary<"PENDING">, { maxLength: 2 }),
    ceiling: fc.option(
      fc.record({ maximumOre: fc.bigInt({ min: 1n, max: 50_000_000_00n }), useOre: fc.bigInt({ min: 0n, max: 60_000_000_00n }) }),
      { nil: null },
    ),
  })
  .map(
    (r): CascadeAgreement => ({
      id: r.id,
      reference: `R${r.id}`,
      name: `Aftale ${r.id}`,
      sortKey: `aftale ${r.id % 7}`,
      kind: r.kind,
      phase: r.kind === "MANDATORY_CENTRAL" || r.kind === "VOLUNTARY_CENTRAL" ? r.phase : null,
      validFrom: `${r.from}-01-01`,
      validTo: `${r.from + r.years}-12-31`,
      retired: r.retired,
      ownerInstitutionId: r.kind === "OWN" ? r.owner : null,
      categoryCodes: r.categories,
      party: r.party ? { source: r.party } : null,
      enrolments: r.enrolments.map((status) => ({ status })),
      ceiling: r.ceiling,
    }),
  );

const arbAgreements = fc.uniqueArray(arbAgreement, { selector: (a) => a.id, maxLength: 25 });
const arbInput = fc.record({
  customerType: fc.constantFrom("OBLIGATED", "VOLUNTARY") as fc.Arbitrary<"OBLIGATED" | "VOLUNTARY">,
  categoryCode: fc.constantFrom("1130", "1920", "1210"),
  amount: fc.bigInt({ min: 0n, max: 10_000_000_00n }),
  year: fc.integer({ min: 2020, max: 2030 }),
}).map(
  (r): CascadeInput => ({
    institution: { id: INSTITUTION, customerType: r.customerType },
    categoryCode: r.categoryCode,
    amountOre: r.amount,
    date: `${r.year}-06-15`,
    euThresholdOre: 1_144_000_00n,
  }),
);

describe("cascade properties", () => {
  it("the recommendation is always usable by the institution: valid, covering, not retired, party and enrolled where needed", () => {
    fc.assert(
      fc.property(arbInput, arbAgreements, (input, agreements) => {
        const decision = decideCascade(input, agreements);
        if (!decision.recommended) return decision.outcome === "OWN_PROCUREMENT";
        const chosen = agreements.find((a) => a.id === decision.recommended!.agreementId)!;
        expect(chosen.retired).toBe(false);
        expect(chosen.validFrom <= input.date && chosen.validTo >= input.date).toBe(true);
        expect(chosen.party).not.toBeNull();
        if (chosen.kind === "OWN") expect(chosen.ownerInstitutionId).toBe(INSTITUTION);
        else expect(chosen.categoryCodes).toContain(input.categoryCode);
        if (chosen.ceiling) expect(chosen.ceiling.useOre + input.amountOre).toBeLessThanOrEqual(chosen.ceiling.maximumOre);
        return decision.recommended.usable && decision.recommended.reasons.length === 0;
      }),
    );
  });

  it("a usable tier-1 agreement always wins for an obligated customer", () => {
    fc.assert(
      fc.property(arbInput, arbAgreements, (input, agreements) => {
        const obligated = { ...input, institution: { ...input.institution, customerType: "OBLIGATED" as const } };
        const decision = decideCascade(obligated, agreements);
        if (decision.tiers[0].candidates.some((c) => c.usable)) expect(decision.winningTier).toBe(1);
      }),
    );
  });

  it("the same input gives the same decision, in whatever order the agreements come", () => {
    fc.assert(
      fc.property(
        arbInput,
        arbAgreements.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length }))),
        (input, [agreements, shuffled]) => {
          expect(decideCascade(input, shuffled)).toEqual(decideCascade(input, agreements));
          expect(decideCascade(input, agreements)).toEqual(decideCascade(input, agreements));
        },
      ),
    );
  });

  it("adding an agreement to a lower tier never changes a recommendation made in a higher one", () => {
    fc.assert(
      fc.property(arbInput, arbAgreements, arbAgreement, (input, agreements, extra) => {
        const before = decideCascade(input, agreements);
        fc.pre(before.winningTier !== null);
        const lower = { ...extra, id: 20_000 + extra.id };
        const tierOf = lower.kind === "MANDATORY_CENTRAL" ? 1 : lower.kind === "OWN" ? 3 : 2;
        fc.pre(tierOf > before.winningTier!);
        const after = decideCascade(input, [...agreements, lower]);
        expect(after.recommended).toEqual(before.recommended);
        expect(after.winningTier).toBe(before.winningTier);
      }),
    );
  });

  it("an agreement whose use has reached its maximum is never recommended, nor usable", () => {
    fc.assert(
      fc.property(arbInput, arbAgreements, (input, agreements) => {
        const decision = decideCascade(input, agreements);
        for (const candidate of decision.tiers.flatMap((t) => t.candidates)) {
          const agreement = agreements.find((a) => a.id === candidate.agreementId)!;
          if (agreement.ceiling && agreement.ceiling.useOre >= agreement.ceiling.maximumOre) {
            expect(candidate.usable).toBe(false);
            expect(candidate.reasons).toContain("CEILING_REACHED");
            expect(decision.recommended?.agreementId).not.toBe(agreement.id);
          }
        }
      }),
    );
  });
});

describe("the ceiling: an agreement's maximum value (C-216/17, C-23/20)", () => {
  it("an agreement at its maximum is not usable, and the next tier is recommended", () => {
    const exhausted = agreement({ ceiling: { maximumOre: 1_000_000_00n, useOre: 1_000_000_00n } });
    const ski = agreement({ kind: "VOLUNTARY_SKI", phase: null });
    const decision = decideCascade(base, [exhausted, ski]);
    expect(decision.tiers[0].candidates[0]).toMatchObject({
      usable: false,
      reasons: ["CEILING_REACHED"],
      ceiling: { maximumOre: "100000000", useOre: "100000000", remainingOre: "0" },
    });
    expect(decision.recommended?.agreementId).toBe(ski.id);
    expect(decision.winningTier).toBe(2);
  });

  it("an agreement the need would take past its maximum is not usable for that need, with the room left", () => {
    const nearly = agreement({ ceiling: { maximumOre: 1_000_000_00n, useOre: 995_000_00n } });
    const big = decideCascade({ ...base, amountOre: 5_000_01n }, [nearly]);
    expect(big.tiers[0].candidates[0]).toMatchObject({ usable: false, reasons: ["CEILING_EXCEEDED"], ceiling: { remainingOre: "500000" } });
    expect(big.outcome).toBe("OWN_PROCUREMENT");
    // Exactly the room left still fits.
    const fits = decideCascade({ ...base, amountOre: 5_000_00n }, [nearly]);
    expect(fits.recommended?.agreementId).toBe(nearly.id);
    expect(fits.recommended?.ceiling).toBeUndefined();
  });

  it("an agreement without a registered maximum is judged as before", () => {
    const unknown = agreement({ ceiling: null });
    expect(decideCascade({ ...base, amountOre: 10n ** 15n }, [unknown]).recommended?.agreementId).toBe(unknown.id);
  });
});
