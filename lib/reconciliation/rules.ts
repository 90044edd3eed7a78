/**
 * The reconciliation's rules, pure: a row's status and its difference in percent. The SQL function
 * "reconciliation_status" (migration 20261205200000_reconciliation) applies the same rule to every
 * stored row; rules.test.ts pins it down and the integration test compares the two on generated data.
 *
 * A difference is beyond the tolerance only when it exceeds BOTH the amount and the percentage
 * (docs/decisions/0015): "5 % and 10.000 kr." keeps a large customer's 20.000 kr. on 2 mio. kr. (1 %)
 * and a small customer's 500 kr. on 1.000 kr. (50 %) out of the agency's list, which would otherwise
 * fill with rounding and timing differences; a difference the agency must look at is large in both.
 */
export type ReconciliationStatus = "AGREES" | "DIFFERS" | "SUPPLIER_ONLY" | "PURCHASES_ONLY";

export type Tolerance = {
  /** Hundredths of a percent: 500 is 5 %. */
  basisPoints: number;
  /** Øre. */
  ore: bigint;
};

export type Sides = {
  reportedOre: bigint;
  reportLineCount: number;
  purchasedOre: bigint;
  purchaseLineCount: number;
};

const abs = (value: bigint) => (value < 0n ? -value : value);

/** Whether a difference is beyond the tolerance (both the amount and the share of the purchases). */
export function beyondTolerance(differenceOre: bigint, purchasedOre: bigint, tolerance: Tolerance): boolean {
  const difference = abs(differenceOre);
  return difference > tolerance.ore && difference * 10_000n > BigInt(tolerance.basisPoints) * abs(purchasedOre);
}

/** A row's status: one side only, or both with the difference within or beyond the tolerance. */
export function reconciliationStatus(sides: Sides, tolerance: Tolerance): ReconciliationStatus {
  if (sides.purchaseLineCount === 0) return "SUPPLIER_ONLY";
  if (sides.reportLineCount === 0) return "PURCHASES_ONLY";
  return beyondTolerance(sides.reportedOre - sides.purchasedOre, sides.purchasedOre, tolerance) ? "DIFFERS" : "AGREES";
}

/**
 * The difference as a fraction of the purchase data (the customer's own figures are the yardstick
 * the supplier's report is checked against): 0.25 is 25 %. Null without purchases.
 */
export function differenceFraction(differenceOre: bigint, purchasedOre: bigint): number | null {
  if (purchasedOre === 0n) return null;
  return Number((differenceOre * 1_000_000n) / abs(purchasedOre)) / 1_000_000;
}

export const STATUS_LABEL: Record<ReconciliationStatus, string> = {
  AGREES: "Stemmer",
  DIFFERS: "Afviger",
  SUPPLIER_ONLY: "Kun indberettet af leverandøren",
  PURCHASES_ONLY: "Kun i indkøbsdata",
};

/** A tolerance as the agency says it: "5 % og 10.000 kr." */
export function toleranceBasisPointsFromPercent(percent: number): number {
  return Math.round(percent * 100);
}
