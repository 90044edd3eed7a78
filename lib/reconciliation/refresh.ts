/**
 * Keeping the reconciliation (migration 20261205200000_reconciliation) up to date. The computation is
 * SQL ("reconciliation_refresh", set-based); this module says when to run it. No "server-only": the
 * purchase-data import, scripts, the seed, the benchmark and the tests call it too.
 *
 *   - A supplier's report for an agreement and quarter was stored or replaced (lib/sales-report),
 *     in the same transaction:
 *       await refreshReconciliationForReport(tx, { agreementId, supplierId, quarter: "2026Q3" });
 *   - Purchase data were imported (manual or SKS feed), after refreshCompliance in the import's
 *     transaction (lib/purchase-data/import.ts does it):
 *       await refreshReconciliationForSubmission(conn, { institutionIds: [12], quarter: "2026Q3" });
 *   - A whole quarter: refreshReconciliation(db, { quarter }) (the seed, the benchmark, "Genberegn").
 *   - Before figures are shown: refreshStaleReconciliation(db, quarters) catches up what went past
 *     the hooks (reports or submissions written by scripts, master-data changes): one small query
 *     when nothing changed.
 * The party flag follows AgreementParty and Enrolment by triggers; the tolerance by
 * applyReconciliationTolerance (the settings page).
 */
import { assertQuarter, complianceQuarters, intArray, refreshStaleCompliance, sqlRunner, staleQuarters, type ComplianceDb } from "@/lib/compliance/rollup";

export type ReconciliationDb = ComplianceDb;

export type ReconciliationRefresh = {
  quarter: string;
  mode: "full" | "pair" | "institutions" | "fresh";
  rows?: number;
  ms?: number;
};

function parse(value: unknown): ReconciliationRefresh {
  const raw = (typeof value === "string" ? JSON.parse(value) : value) as Record<string, unknown>;
  return {
    quarter: String(raw.quarter),
    mode: raw.mode as ReconciliationRefresh["mode"],
    ...(raw.rows !== undefined ? { rows: Number(raw.rows) } : {}),
    ...(raw.ms !== undefined ? { ms: Number(raw.ms) } : {}),
  };
}

function assertId(value: number): void {
  if (!Number.isInteger(value)) throw new Error(`Not an id: ${value}`);
}

/** After a supplier's report for (agreement, quarter) was stored or replaced: that pair's rows. */
export async function refreshReconciliationForReport(
  db: ReconciliationDb,
  input: { agreementId: number; supplierId: number; quarter: string },
): Promise<ReconciliationRefresh> {
  assertQuarter(input.quarter);
  assertId(input.agreementId);
  assertId(input.supplierId);
  const { rows } = await sqlRunner(db).query<{ result: unknown }>(`SELECT "reconciliation_refresh"($1::text, $2::int, $3::int) AS result`, [
    input.quarter,
    input.agreementId,
    input.supplierId,
  ]);
  return parse(rows[0]!.result);
}

/**
 * After institutions' purchase data for a quarter changed: their rows. Reads the spend rollup, so
 * call it after refreshCompliance for the same institutions (the import does both).
 */
export async function refreshReconciliationForSubmission(
  db: ReconciliationDb,
  input: { institutionIds: readonly number[]; quarter: string },
): Promise<ReconciliationRefresh> {
  assertQuarter(input.quarter);
  if (input.institutionIds.length === 0) return { quarter: input.quarter, mode: "fresh" };
  const ids = intArray([...new Set(input.institutionIds)].sort((a, b) => a - b));
  const { rows } = await sqlRunner(db).query<{ result: unknown }>(
    `SELECT "reconciliation_refresh"($1::text, NULL, NULL, $2::int[]) AS result`,
    [input.quarter, ids],
  );
  return parse(rows[0]!.result);
}

/** A whole quarter, from the spend rollup as it is (bring it up to date first: refreshStaleReconciliation does). */
export async function refreshReconciliation(db: ReconciliationDb, input: { quarter: string }): Promise<ReconciliationRefresh> {
  assertQuarter(input.quarter);
  const { rows } = await sqlRunner(db).query<{ result: unknown }>(`SELECT "reconciliation_refresh"($1::text) AS result`, [input.quarter]);
  return parse(rows[0]!.result);
}

/** The quarters reconciled or to reconcile: with purchase data or a sales report, oldest first. */
export async function reconciliationQuarters(db: ReconciliationDb): Promise<string[]> {
  const { rows } = await sqlRunner(db).query<{ quarter: string }>(
    `SELECT "quarter" FROM "SalesReport" UNION SELECT "quarter" FROM "ReconciliationQuarter" ORDER BY 1`,
  );
  const quarters = new Set([...(await complianceQuarters(db)), ...rows.map((r) => r.quarter)]);
  return [...quarters].filter((q) => /^\d{4}Q[1-4]$/.test(q)).sort();
}

/**
 * Of the given quarters, those whose reconciliation is missing or behind: never computed, the spend
 * rollup rebuilt since or itself behind (lib/compliance/rollup.ts staleQuarters), or an active report that is not the one the summary was
 * computed from (a report stored without the hook).
 */
export async function staleReconciliationQuarters(db: ReconciliationDb, quarters: readonly string[]): Promise<string[]> {
  if (quarters.length === 0) return [];
  quarters.forEach(assertQuarter);
  const { rows } = await sqlRunner(db).query<{ quarter: string }>(
    `SELECT q.quarter FROM unnest($1::text[]) AS q(quarter)
      WHERE NOT EXISTS (SELECT 1 FROM "ReconciliationQuarter" r
                          LEFT JOIN "ComplianceQuarter" c ON c."quarter" = r."quarter"
                         WHERE r."quarter" = q.quarter AND r."spendRefreshedAt" IS NOT DISTINCT FROM c."refreshedAt"
                           AND NOT COALESCE(c."stale", false))
         OR EXISTS (SELECT 1 FROM "SalesReport" rep
                     WHERE rep."quarter" = q.quarter AND rep."supersededAt" IS NULL
                       AND NOT EXISTS (SELECT 1 FROM "ReconciliationSummary" s
                                        WHERE s."quarter" = q.quarter AND s."agreementId" = rep."agreementId"
                                          AND s."supplierId" = rep."supplierId" AND s."reportId" = rep."id"))
         OR EXISTS (SELECT 1 FROM "ReconciliationSummary" s
                     WHERE s."quarter" = q.quarter AND s."reportId" IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM "SalesReport" rep WHERE rep."id" = s."reportId" AND rep."supersededAt" IS NULL))
      ORDER BY 1`,
    [`{${quarters.join(",")}}`],
  );
  // The spend rollup itself behind (a submission written past the import, master data changed).
  const spendStale = await staleQuarters(db, quarters);
  return [...new Set([...rows.map((r) => r.quarter), ...spendStale])].sort();
}

/** Brings the given quarters up to date: the spend rollup first (compliance), then the whole quarter. */
export async function refreshStaleReconciliation(db: ReconciliationDb, quarters: readonly string[]): Promise<ReconciliationRefresh[]> {
  const stale = await staleReconciliationQuarters(db, quarters);
  const results: ReconciliationRefresh[] = [];
  for (const quarter of stale) {
    await refreshStaleCompliance(db, [quarter]);
    results.push(await refreshReconciliation(db, { quarter }));
  }
  return results;
}

/** Every quarter in full (the agency's "Genberegn"), the spend rollup brought up to date first. */
export async function refreshAllReconciliation(db: ReconciliationDb): Promise<ReconciliationRefresh[]> {
  const quarters = await reconciliationQuarters(db);
  await refreshStaleCompliance(db, quarters);
  const results: ReconciliationRefresh[] = [];
  for (const quarter of quarters) results.push(await refreshReconciliation(db, { quarter }));
  return results;
}

/** The tolerance changed: every stored status again. Returns the rows whose status changed. */
export async function applyReconciliationTolerance(db: ReconciliationDb): Promise<number> {
  const { rows } = await sqlRunner(db).query<{ changed: number }>(`SELECT "reconciliation_apply_tolerance"() AS changed`);
  return Number(rows[0]!.changed);
}
