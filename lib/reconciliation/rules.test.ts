import { describe, expect, it } from "vitest";
import { beyondTolerance, differenceFraction, reconciliationStatus } from "./rules";

const TOLERANCE = { basisPoints: 500, ore: 1_000_000n }; // 5 % and 10.000 kr.
const kr = (value: number) => BigInt(value) * 100n;

describe("the reconciliation status", () => {
  it("says which side is alone", () => {
    expect(reconciliationStatus({ reportedOre: kr(500), reportLineCount: 1, purchasedOre: 0n, purchaseLineCount: 0 }, TOLERANCE)).toBe("SUPPLIER_ONLY");
    expect(reconciliationStatus({ reportedOre: 0n, reportLineCount: 0, purchasedOre: kr(500), purchaseLineCount: 3 }, TOLERANCE)).toBe("PURCHASES_ONLY");
  });

  it("needs both the amount and the percentage exceeded to call it a difference", () => {
    const both = (reported: number, purchased: number) =>
      reconciliationStatus({ reportedOre: kr(reported), reportLineCount: 1, purchasedOre: kr(purchased), purchaseLineCount: 1 }, TOLERANCE);
    // 20.000 kr. on 2 mio. kr.: over the amount, 1 % under the percentage.
    expect(both(2_020_000, 2_000_000)).toBe("AGREES");
    // 500 kr. on 1.000 kr.: 50 %, under the amount.
    expect(both(1_500, 1_000)).toBe("AGREES");
    // 30.000 kr. on 100.000 kr.: 30 % and over 10.000 kr.
    expect(both(130_000, 100_000)).toBe("DIFFERS");
    expect(both(70_000, 100_000)).toBe("DIFFERS");
    expect(both(100_000, 100_000)).toBe("AGREES");
  });

  it("is not beyond at exactly the tolerance, and is one øre later", () => {
    // 5 % of 200.000 kr. is exactly 10.000 kr.: both limits met, neither exceeded.
    expect(beyondTolerance(kr(10_000), kr(200_000), TOLERANCE)).toBe(false);
    expect(beyondTolerance(kr(10_000) + 1n, kr(200_000), TOLERANCE)).toBe(true);
    expect(beyondTolerance(-(kr(10_000) + 1n), kr(200_000), TOLERANCE)).toBe(true);
  });

  it("measures the percentage against the size of the purchases, credit notes included", () => {
    expect(beyondTolerance(kr(20_000), kr(-100_000), TOLERANCE)).toBe(true);
    expect(beyondTolerance(kr(20_000), 0n, TOLERANCE)).toBe(true);
  });

  it("with a zero tolerance, every øre counts", () => {
    const zero = { basisPoints: 0, ore: 0n };
    expect(reconciliationStatus({ reportedOre: 101n, reportLineCount: 1, purchasedOre: 100n, purchaseLineCount: 1 }, zero)).toBe("DIFFERS");
    expect(reconciliationStatus({ reportedOre: 100n, reportLineCount: 1, purchasedOre: 100n, purchaseLineCount: 1 }, zero)).toBe("AGREES");
  });
});

describe("the difference in percent", () => {
  it("is relative to the purchase data, and absent without them", () => {
    expect(differenceFraction(kr(25), kr(100))).toBe(0.25);
    expect(differenceFraction(-kr(25), kr(100))).toBe(-0.25);
    expect(differenceFraction(kr(25), 0n)).toBeNull();
  });
});
