/**
 * The use rule, pure (the SQL function agreement_use_refresh computes the same in the database;
 * tests/integration/ceilings.test.ts checks that they agree). For one agreement, supplier and quarter:
 * the supplier's active report counts when there is one (a "no sales" report counts 0); else the
 * customers' purchase data for the supplier in the agreement's categories count, as an estimate.
 */

export type UseCell = {
  supplierId: number;
  quarter: string;
  /** The active report's total; null when the supplier has not reported the quarter. */
  reportedOre: bigint | null;
  /** What the customers' purchase data show for the supplier in the agreement's categories. */
  estimatedOre: bigint;
};

export type UseTotals = { reportedOre: bigint; estimatedOre: bigint; useOre: bigint };

export function cellUse(cell: Pick<UseCell, "reportedOre" | "estimatedOre">): bigint {
  return cell.reportedOre ?? cell.estimatedOre;
}

/** The use of a set of cells: what counts, and how much of it is reported and how much estimated. */
export function sumUse(cells: readonly Pick<UseCell, "reportedOre" | "estimatedOre">[]): UseTotals {
  let reportedOre = 0n;
  let estimatedOre = 0n;
  for (const cell of cells) {
    if (cell.reportedOre === null) estimatedOre += cell.estimatedOre;
    else reportedOre += cell.reportedOre;
  }
  return { reportedOre, estimatedOre, useOre: reportedOre + estimatedOre };
}

/** Cells grouped by quarter, oldest first, each with its totals and the running (cumulative) use. */
export function quartersOfUse<Cell extends Pick<UseCell, "quarter" | "reportedOre" | "estimatedOre">>(
  cells: readonly Cell[],
): { quarter: string; totals: UseTotals; cumulativeOre: bigint; cells: Cell[] }[] {
  const byQuarter = new Map<string, Cell[]>();
  for (const cell of cells) byQuarter.set(cell.quarter, [...(byQuarter.get(cell.quarter) ?? []), cell]);
  let cumulativeOre = 0n;
  return [...byQuarter.keys()].sort().map((quarter) => {
    const group = byQuarter.get(quarter)!;
    const totals = sumUse(group);
    cumulativeOre += totals.useOre;
    return { quarter, totals, cumulativeOre, cells: group };
  });
}
