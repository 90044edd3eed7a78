import { describe, expect, it } from "vitest";
import { judgeChoice, justificationRequired } from "@/lib/cascade/choice";
import { decideCascade, type CascadeAgreement, type CascadeInput } from "@/lib/cascade/engine";
import { buildExplanation } from "@/lib/cascade/explanation";

const INSTITUTION = 7;
const input: CascadeInput = {
  institution: { id: INSTITUTION, customerType: "OBLIGATED" },
  categoryCode: "1920",
  amountOre: 50_000_00n,
  date: "2026-11-22",
  euThresholdOre: 1_044_400_00n,
};

function agreement(id: number, overrides: Partial<CascadeAgreement> = {}): CascadeAgreement {
  return {
    id,
    reference: `A-${id}`,
    name: `Aftale ${id}`,
    sortKey: `aftale ${id}`,
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

const REASON = "Den anbefalede aftale har ikke de varer, vi skal bruge.";

describe("judging the buyer's choice", () => {
  const mandatory = agreement(1);
  const ski = agreement(2, { kind: "VOLUNTARY_SKI", phase: null });
  const expired = agreement(3, { validTo: "2025-12-31" });
  const decision = decideCascade(input, [mandatory, ski, expired]);

  it("follows the recommendation without a justification", () => {
    expect(justificationRequired(decision, 1)).toBe(false);
    expect(judgeChoice(decision, 1, "")).toMatchObject({ ok: true, deviates: false, chosen: { agreementId: 1 } });
  });

  it("asks for a justification of at least 20 characters for another agreement, and marks the deviation", () => {
    expect(judgeChoice(decision, 2, "For dyr.")).toEqual({
      ok: false,
      errors: { justification: ["Skriv en begrundelse på mindst 20 tegn: du har valgt noget andet end anbefalingen."] },
    });
    expect(judgeChoice(decision, 2, REASON)).toMatchObject({ ok: true, deviates: true, chosen: { agreementId: 2 } });
  });

  it("treats own procurement while an agreement is usable as a deviation", () => {
    expect(judgeChoice(decision, null, "")).toMatchObject({ ok: false, errors: { justification: [expect.any(String)] } });
    expect(judgeChoice(decision, null, REASON)).toEqual({ ok: true, chosen: null, deviates: true, justificationRequired: true });
  });

  it("refuses an agreement that is not usable, or not in the decision at all", () => {
    for (const id of [3, 999]) {
      expect(judgeChoice(decision, id, REASON)).toEqual({
        ok: false,
        errors: { choice: ["Vælg en af de anvendelige aftaler på listen eller eget indkøb."] },
      });
    }
  });

  it("with several usable agreements in the winning tier, asks why for any of them but calls none a deviation", () => {
    const several = decideCascade(input, [mandatory, agreement(4)]);
    expect(several.usableInWinningTier).toHaveLength(2);
    expect(judgeChoice(several, 1, "")).toMatchObject({
      ok: false,
      errors: { justification: [expect.stringMatching(/der er 2 anvendelige aftaler på trin 1/)] },
    });
    expect(judgeChoice(several, 4, REASON)).toMatchObject({ ok: true, deviates: false });
    expect(judgeChoice(several, 1, REASON)).toMatchObject({ ok: true, deviates: false });
  });

  it("takes own procurement without a justification when nothing is usable", () => {
    const none = decideCascade(input, [expired]);
    expect(none.outcome).toBe("OWN_PROCUREMENT");
    expect(judgeChoice(none, null, "")).toEqual({ ok: true, chosen: null, deviates: false, justificationRequired: false });
  });
});

describe("the explanation", () => {
  it("carries the inputs, the Danish texts of the reasons that occur, and the EU note above the threshold", () => {
    const decision = decideCascade({ ...input, amountOre: 2_000_000_00n }, [agreement(3, { validTo: "2025-12-31" })]);
    const explanation = buildExplanation({
      institution: { id: INSTITUTION, name: "Økonomistyrelsen", customerType: "OBLIGATED" },
      category: { code: "1920", name: "Kontorartikler" },
      amountOre: 2_000_000_00n,
      date: "2026-11-22",
      authorityType: "CENTRAL",
      contractType: "SUPPLIES_SERVICES",
      euThreshold: { validFrom: "2026-01-01", validTo: "2027-12-31", authorityType: "CENTRAL", contractType: "SUPPLIES_SERVICES", amountOre: 1_044_400_00n },
      decision,
    });
    expect(explanation.amountOre).toBe("200000000");
    expect(explanation.summary).toBe("Ingen aftale kan dække behovet: eget indkøb er nødvendigt.");
    expect(explanation.reasonTexts).toEqual({ NOT_VALID_ON_DATE: "Aftalen gælder ikke på datoen for behovet." });
    expect(explanation.notes[0]).toMatch(/overstiger EU's tærskelværdi for statslige myndigheders indkøb af varer og tjenesteydelser i 2026–2027 \(1\.044\.400\u00a0kr\.\).*EU-udbud/);
    expect(explanation.euThresholdOre).toBe("104440000");
    expect(explanation.euThreshold).toEqual({ authorityType: "CENTRAL", contractType: "SUPPLIES_SERVICES", validFrom: "2026-01-01", validTo: "2027-12-31" });
    expect(JSON.parse(JSON.stringify(explanation))).toEqual(explanation);
  });
});
