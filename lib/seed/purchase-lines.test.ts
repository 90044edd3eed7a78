import { describe, expect, it } from "vitest";
import {
  GENERATOR_RATES,
  PurchaseLineGenerator,
  allocateLines,
  generatePurchaseLines,
  hashSeed,
  mulberry32,
  quarterInfo,
  type GeneratedPurchaseLine,
  type GeneratorWorld,
} from "./purchase-lines";

const world: GeneratorWorld = {
  institutions: [
    {
      id: 1,
      size: 3,
      agreementUse: 0.9,
      eans: ["5798990010019"],
      memberships: [{ ministryId: 10, validFrom: "2015-01-01", validTo: null }],
      usableAgreementIds: new Set([100, 200]),
    },
    {
      id: 2,
      size: 1,
      agreementUse: 0.5,
      eans: [],
      // Moves from ministry 10 to 20 on 2026-02-01.
      memberships: [
        { ministryId: 10, validFrom: "2015-01-01", validTo: "2026-01-31" },
        { ministryId: 20, validFrom: "2026-02-01", validTo: null },
      ],
      usableAgreementIds: new Set([100]),
    },
  ],
  suppliers: [
    { cvr: "11111111", name: "A Demo", categoryCode: "1920" },
    { cvr: "22222222", name: "B Demo", categoryCode: "1920" },
    { cvr: "33333333", name: "C Demo", categoryCode: "1920" },
    { cvr: "44444444", name: "D Demo", categoryCode: "1150" },
  ],
  agreements: [
    {
      id: 100,
      kind: "MANDATORY_CENTRAL",
      validFrom: "2024-01-01",
      validTo: "2027-12-31",
      categoryCodes: ["1920"],
      supplierCvrs: ["11111111"],
      ecommerce: true,
    },
    {
      id: 200,
      kind: "VOLUNTARY_SKI",
      validFrom: "2024-01-01",
      validTo: "2027-12-31",
      categoryCodes: ["1920"],
      supplierCvrs: ["22222222"],
      ecommerce: false,
    },
  ],
  categories: [
    { code: "1920", lineWeight: 3, typicalAmountKr: 800 },
    { code: "1150", lineWeight: 1, typicalAmountKr: 40_000 },
  ],
};

function take<T>(it: Iterator<T>, n: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    const r = it.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

describe("randomness", () => {
  it("mulberry32 is deterministic and in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(hashSeed(1, "2026Q1")).not.toBe(hashSeed(1, "2026Q2"));
  });
});

describe("quarters", () => {
  it("lists the days of a quarter", () => {
    const q = quarterInfo("2026Q1");
    expect(q.start).toBe("2026-01-01");
    expect(q.end).toBe("2026-03-31");
    expect(q.days).toHaveLength(90);
    expect(quarterInfo("2024Q1").days).toHaveLength(91);
    expect(quarterInfo("2025Q4").end).toBe("2025-12-31");
    expect(() => quarterInfo("2026Q5")).toThrow();
  });
});

describe("allocateLines", () => {
  it("splits exactly in proportion to size", () => {
    expect(allocateLines([{ size: 3 }, { size: 1 }], 100)).toEqual([75, 25]);
    const counts = allocateLines([{ size: 1 }, { size: 1 }, { size: 1 }], 10);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
    expect(allocateLines([{ size: 0 }], 10)).toEqual([0]);
  });
});

describe("PurchaseLineGenerator", () => {
  const lines: GeneratedPurchaseLine[] = [
    ...generatePurchaseLines(world, { quarters: ["2026Q1", "2026Q2"], linesPerQuarter: 20_000, seed: 7 }),
  ];

  it("is deterministic for the same seed and differs for another", () => {
    const again = [...generatePurchaseLines(world, { quarters: ["2026Q1", "2026Q2"], linesPerQuarter: 20_000, seed: 7 })];
    expect(again).toEqual(lines);
    const other = take(generatePurchaseLines(world, { quarters: ["2026Q1"], linesPerQuarter: 100, seed: 8 }), 100);
    expect(other).not.toEqual(lines.slice(0, 100));
  });

  it("yields the requested number of lines per quarter, dated inside the quarter", () => {
    expect(lines).toHaveLength(40_000);
    const quarters = { "2026Q1": quarterInfo("2026Q1"), "2026Q2": quarterInfo("2026Q2") };
    const outside = lines.filter((l) => {
      const q = quarters[l.quarter as keyof typeof quarters];
      return !q || l.purchaseDate < q.start || l.purchaseDate > q.end;
    });
    expect(outside).toEqual([]);
  });

  it("amounts are positive bigint øre with a skewed distribution", () => {
    expect(lines.every((l) => typeof l.amountOre === "bigint" && l.amountOre > 0n)).toBe(true);
    const sorted = lines.map((l) => Number(l.amountOre)).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    expect(mean).toBeGreaterThan(median * 1.5);
  });

  it("respects memberships: the ministry is the one on the purchase date", () => {
    for (const l of lines.filter((x) => x.institutionId === 2)) {
      expect(l.ministryId).toBe(l.purchaseDate <= "2026-01-31" ? 10 : 20);
    }
    const movedMinistries = new Set(lines.filter((l) => l.institutionId === 2).map((l) => l.ministryId));
    expect(movedMinistries).toEqual(new Set([10, 20]));
  });

  it("has the advertised shares of missing category, missing CVR and e-commerce", () => {
    const share = (pred: (l: GeneratedPurchaseLine) => boolean) => lines.filter(pred).length / lines.length;
    expect(share((l) => l.categoryCode === null)).toBeCloseTo(GENERATOR_RATES.noCategory, 1);
    expect(share((l) => l.supplierCvr === null)).toBeGreaterThan(0.02);
    expect(share((l) => l.supplierCvr === null)).toBeLessThan(0.04);
    expect(share((l) => l.ecommerce)).toBeGreaterThan(0.3);
    expect(share((l) => l.ecommerce)).toBeLessThan(0.6);
  });

  it("a line without category always has a supplier whose mapping gives it back", () => {
    for (const l of lines.filter((x) => x.categoryCode === null)) {
      expect(l.supplierCvr).not.toBeNull();
      expect(world.suppliers.find((s) => s.cvr === l.supplierCvr)!.categoryCode).toBeTruthy();
    }
  });

  it("buys on the first usable agreement in cascade order, with leakage outside it", () => {
    const office = (id: number) => lines.filter((l) => l.institutionId === id && l.supplierCvr && l.categoryCode !== "1150");
    const officeSupplier = (id: number, cvr: string) => office(id).filter((l) => l.supplierCvr === cvr).length / office(id).length;
    // Institution 1 (agreementUse 0.9): tier 1 supplier A most of the time, never the SKI supplier B
    // as its "agreement" choice (B only appears as leakage).
    expect(officeSupplier(1, "11111111")).toBeGreaterThan(0.85);
    expect(officeSupplier(1, "22222222") + officeSupplier(1, "33333333")).toBeGreaterThan(0.03);
    // Institution 2 (agreementUse 0.5) leaks more.
    expect(officeSupplier(2, "11111111")).toBeLessThan(0.7);
  });

  it("without a usable agreement, buys from any supplier of the category", () => {
    const noAgreements: GeneratorWorld = {
      ...world,
      institutions: [{ ...world.institutions[0]!, usableAgreementIds: new Set() }],
    };
    const ls = [...generatePurchaseLines(noAgreements, { quarters: ["2026Q3"], linesPerQuarter: 3000, seed: 1 })];
    const a = ls.filter((l) => l.supplierCvr === "11111111").length;
    const b = ls.filter((l) => l.supplierCvr === "22222222").length;
    expect(a / b).toBeGreaterThan(0.7);
    expect(a / b).toBeLessThan(1.4);
  });

  it("is lazy: the first lines of ten million come at once", () => {
    const generator = new PurchaseLineGenerator(world, 1);
    const started = Date.now();
    const first = take(generator.generate({ quarters: ["2026Q3"], linesPerQuarter: 10_000_000 }), 1000);
    expect(first).toHaveLength(1000);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
