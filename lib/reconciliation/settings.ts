import "server-only";
import { audit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/types";
import { type Db, inTransaction } from "@/lib/db/client";
import { formatMoneyOre, formatNumber, NBSP } from "@/lib/format";
import { applyReconciliationTolerance } from "./refresh";
import type { ToleranceInput } from "./schemas";

/** "5 % og 10.000,00 kr." */
export function toleranceText(basisPoints: number, ore: bigint): string {
  return `${formatNumber(basisPoints / 100, { maximumFractionDigits: 2 })}${NBSP}% og ${formatMoneyOre(ore)}`;
}

/**
 * ADMIN sets the reconciliation's tolerance: stored, audited, and every stored status recomputed in
 * the same transaction (the amounts stay; only the statuses and summaries change).
 */
export async function setTolerance(actor: CurrentUser, input: ToleranceInput, db?: Db): Promise<string> {
  return inTransaction(
    db,
    async (tx) => {
      const before = await tx.agencySetting.findUnique({ where: { id: 1 } });
      const after = await tx.agencySetting.upsert({
        where: { id: 1 },
        create: { id: 1, reconciliationToleranceBasisPoints: input.percent, reconciliationToleranceOre: input.kroner },
        update: { reconciliationToleranceBasisPoints: input.percent, reconciliationToleranceOre: input.kroner, updatedAt: new Date() },
      });
      await audit(tx, {
        actorId: actor.id,
        action: "reconciliation.tolerance",
        entity: "AgencySetting",
        entityId: 1,
        before: before
          ? { basisPoints: before.reconciliationToleranceBasisPoints, ore: before.reconciliationToleranceOre.toString() }
          : undefined,
        after: { basisPoints: after.reconciliationToleranceBasisPoints, ore: after.reconciliationToleranceOre.toString() },
      });
      const changed = await applyReconciliationTolerance(tx);
      return `Tolerancen er nu ${toleranceText(after.reconciliationToleranceBasisPoints, after.reconciliationToleranceOre)}; ${formatNumber(changed)} ${changed === 1 ? "kunde har" : "kunder har"} fået en ny status.`;
    },
    { timeout: 120_000 },
  );
}
