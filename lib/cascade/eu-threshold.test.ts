import { describe, expect, it } from "vitest";
import { decideCascade } from "@/lib/cascade/engine";
import { authorityTypeOf, defaultAuthorityType, pickEuThreshold, type EuThreshold } from "@/lib/cascade/eu-threshold";
import { buildExplanation } from "@/lib/cascade/explanation";

// The seeded values (prisma/migrations/20261204130000_eu_thresholds), in øre.
const P2024 = { validFrom: "2024-01-01", validTo: "2025-12-31" };
const P2026 = { validFrom: "2026-01-01", validTo: "2027-12-31" };
const THRESHOLDS: EuThreshold[] = [
  { ...P2024, authorityType: "CENTRAL", contractType: "SUPPLIES_SERVICES", amountOre: 1_064_177_00n },
  { ...P2024, authorityType: "SUB_CENTRAL", contractType: "SUPPLIES_SERVICES", amountOre: 1_644_638_00n },
  { ...P2024, authorityType: null, contractType: "WORKS", amountOre: 41_212_688_00n },
  { ...P2024, authorityType: null, contractType: "SOCIAL_SERVICES", amountOre: 5_581_350_00n },
  { ...P2026, authorityType: "CENTRAL", contractType: "SUPPLIES_SERVICES", amountOre: 1_044_400_00n },
  { ...P2026, authorityType: "SUB_CENTRAL", contractType: "SUPPLIES_SERVICES", amountOre: 1_611_360_00n },
  { ...P2026, authorityType: null, contractType: "WORKS", amountOre: 40_313_840_00n },
  { ...P2026, authorityType: null, contractType: "SOCIAL_SERVICES", amountOre: 5_595_000_00n },
];

const amount = (need: Parameters<typeof pickEuThreshold>[1]) => pickEuThreshold(THRESHOLDS, need)?.amountOre ?? null;

describe("the EU threshold for a need", () => {
  it.each([
    ["CENTRAL", "SUPPLIES_SERVICES", "2025-12-31", 1_064_177_00n],
    ["CENTRAL", "SUPPLIES_SERVICES", "2026-01-01", 1_044_400_00n],
    ["SUB_CENTRAL", "SUPPLIES_SERVICES", "2025-12-31", 1_644_638_00n],
    ["SUB_CENTRAL", "SUPPLIES_SERVICES", "2026-01-01", 1_611_360_00n],
    ["CENTRAL", "WORKS", "2025-12-31", 41_212_688_00n],
    ["SUB_CENTRAL", "WORKS", "2026-01-01", 40_313_840_00n],
    ["CENTRAL", "SOCIAL_SERVICES", "2026-01-01", 5_595_000_00n],
    ["SUB_CENTRAL", "SOCIAL_SERVICES", "2025-12-31", 5_581_350_00n],
  ] as const)("%s × %s on %s", (authorityType, contractType, date, expected) => {
    expect(amount({ authorityType, contractType, date })).toBe(expected);
  });

  it("is unknown outside every period, rather than guessed from a neighbouring one", () => {
    expect(amount({ authorityType: "CENTRAL", contractType: "SUPPLIES_SERVICES", date: "2023-12-31" })).toBeNull();
    expect(amount({ authorityType: "SUB_CENTRAL", contractType: "WORKS", date: "2028-01-01" })).toBeNull();
  });

  it("prefers a row for the authority type over one for both", () => {
    const both: EuThreshold = { ...P2026, authorityType: null, contractType: "WORKS", amountOre: 1n };
    const central: EuThreshold = { ...P2026, authorityType: "CENTRAL", contractType: "WORKS", amountOre: 2n };
    expect(pickEuThreshold([both, central], { authorityType: "CENTRAL", contractType: "WORKS", date: "2026-06-01" })).toBe(central);
    expect(pickEuThreshold([both, central], { authorityType: "SUB_CENTRAL", contractType: "WORKS", date: "2026-06-01" })).toBe(both);
  });
});

describe("an institution's authority type", () => {
  it("is central for state institutions and Folketinget, sub-central for the other voluntary customers", () => {
    expect(defaultAuthorityType("STATE_INSTITUTION")).toBe("CENTRAL");
    expect(defaultAuthorityType("FOLKETINGET")).toBe("CENTRAL");
    for (const kind of ["MUNICIPALITY", "REGION", "NATIONAL_BANK", "SELF_GOVERNING_INSTITUTION"] as const) {
      expect(defaultAuthorityType(kind)).toBe("SUB_CENTRAL");
    }
  });

  it("follows what ADMIN set over the default", () => {
    expect(authorityTypeOf({ kind: "SELF_GOVERNING_INSTITUTION", authorityType: "CENTRAL" })).toBe("CENTRAL");
    expect(authorityTypeOf({ kind: "MUNICIPALITY", authorityType: null })).toBe("SUB_CENTRAL");
  });
});

describe("the note on own procurement", () => {
  const base = {
    institution: { id: 1, name: "Aarhus Kommune", customerType: "VOLUNTARY" as const },
    category: { code: "1950", name: "Byggeri" },
    date: "2026-03-01",
  };
  const noteFor = (amountOre: bigint, authorityType: "CENTRAL" | "SUB_CENTRAL", contractType: "SUPPLIES_SERVICES" | "WORKS") => {
    const euThreshold = pickEuThreshold(THRESHOLDS, { authorityType, contractType, date: base.date });
    const decision = decideCascade(
      { institution: { id: 1, customerType: "VOLUNTARY" }, categoryCode: "1950", amountOre, date: base.date, euThresholdOre: euThreshold?.amountOre ?? null },
      [],
    );
    return buildExplanation({ ...base, amountOre, authorityType, contractType, euThreshold, decision });
  };

  it("compares a kommune's need with the sub-central threshold", () => {
    const explanation = noteFor(1_200_000_00n, "SUB_CENTRAL", "SUPPLIES_SERVICES");
    expect(explanation.decision.aboveEuThreshold).toBe(false);
    expect(explanation.notes[0]).toMatch(/under EU's tærskelværdi for regionale og kommunale myndigheders .* varer og tjenesteydelser i 2026–2027 \(1\.611\.360/);
  });

  it("compares works with the works threshold", () => {
    const explanation = noteFor(2_000_000_00n, "SUB_CENTRAL", "WORKS");
    expect(explanation.decision.aboveEuThreshold).toBe(false);
    expect(explanation.notes[0]).toMatch(/bygge- og anlægsarbejder i 2026–2027 \(40\.313\.840/);
  });

  it("says so when no threshold is known for the date", () => {
    const euThreshold = null;
    const decision = decideCascade(
      { institution: { id: 1, customerType: "VOLUNTARY" }, categoryCode: "1950", amountOre: 1n, date: "2030-01-01", euThresholdOre: null },
      [],
    );
    const explanation = buildExplanation({ ...base, date: "2030-01-01", amountOre: 1n, authorityType: "SUB_CENTRAL", contractType: "WORKS", euThreshold, decision });
    expect(decision.aboveEuThreshold).toBeNull();
    expect(explanation.euThresholdOre).toBeNull();
    expect(explanation.notes[0]).toMatch(/^Portalen kender ikke EU's tærskelværdi .* bygge- og anlægsarbejder på behovets dato, 1\. januar 2030/);
  });
});
