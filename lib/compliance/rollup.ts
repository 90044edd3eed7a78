/**
 * The compliance rollup: keeping the tables of migration 20261122120000_compliance up to date.
 * The computation itself is SQL in that migration (compliance_refresh, set-based, one GROUP BY over a
 * quarter's lines); this module only says when to run it. No "server-only": the import, scripts, the
 * benchmark and the tests call it too.
 *
 *   - After an import (a manual submission or an SKS batch), in the import's transaction:
 *       await refreshCompliance(conn, { quarter: "2026Q3", institutionIds: [12, 14] });
 *     rebuilds those institutions' figures for the quarter and the leakage of their ministries
 *     (milliseconds for an everyday submission; about a second per million lines).
 *   - A whole quarter (after a bulk load, or from the agency's "Genberegn"):
 *       await refreshCompliance(db, { quarter: "2026Q3" });
 *   - Before figures are shown, `refreshStaleCompliance(db, quarters)` catches up what went past
 *     the hook: submissions written by the seed or scripts (seen from a fingerprint of each
 *     institution's submissions), and quarters whose master data changed (database triggers set
 *     ComplianceQuarter.stale). When nothing changed it costs one small query.
 *
 * Each call is one SQL statement, so it is atomic on its own; inside a transaction it becomes part of
 * it (the import's). Concurrent refreshes of the same quarter are serialised by an advisory lock.
 */

/** A connection that runs SQL: lib/purchase-data's SqlConnection, a pg client or pool. */
export type ComplianceSql = {
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: Row[] }>;
};

/** A Prisma client or transaction client (typed structurally, to stay free of the generated client). */
export type CompliancePrisma = {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
};

export type ComplianceDb = ComplianceSql | CompliancePrisma;

export type RefreshResult = {
  quarter: string;
  /** "full": the whole quarter; "institutions": some institutions; "fresh": nothing to do; "busy": another refresh holds the quarter. */
  mode: "full" | "institutions" | "fresh" | "busy";
  /** Rows written to SpendRollup. */
  spendRows?: number;
  /** Time spent in the database. */
  ms?: number;
};

const QUARTER = /^\d{4}Q[1-4]$/;

/** The SQL runner of a connection or Prisma client (also used by lib/ceilings and lib/reconciliation). */
export function sqlRunner(db: ComplianceDb): ComplianceSql {
  if ("query" in db && typeof db.query === "function") return db;
  const prisma = db as CompliancePrisma;
  return {
    query: async <Row,>(text: string, values: unknown[] = []) => ({ rows: ((await prisma.$queryRawUnsafe<Row[]>(text, ...values)) ?? []) as Row[] }),
  };
}

export function assertQuarter(quarter: string): void {
  if (!QUARTER.test(quarter)) throw new Error(`Not a quarter: ${quarter} (expected e.g. 2026Q3)`);
}

export function intArray(values: readonly number[]): string {
  for (const v of values) if (!Number.isInteger(v)) throw new Error(`Not an id: ${v}`);
  return `{${values.join(",")}}`;
}

function parseResult(value: unknown): RefreshResult {
  const raw = (typeof value === "string" ? JSON.parse(value) : value) as Record<string, unknown>;
  return {
    quarter: String(raw.quarter),
    mode: raw.mode as RefreshResult["mode"],
    ...(raw.spendRows !== undefined ? { spendRows: Number(raw.spendRows) } : {}),
    ...(raw.ms !== undefined ? { ms: Number(raw.ms) } : {}),
  };
}

/**
 * Rebuilds the compliance figures of a quarter: all of it, or the given institutions (and the leakage
 * of every ministry they report lines for). The hook for the purchase-data import.
 */
export async function refreshCompliance(db: ComplianceDb, options: { quarter: string; institutionIds?: readonly number[] | null }): Promise<RefreshResult> {
  assertQuarter(options.quarter);
  const sql = sqlRunner(db);
  if (options.institutionIds) {
    if (options.institutionIds.length === 0) return { quarter: options.quarter, mode: "fresh" };
    const { rows } = await sql.query<{ result: unknown }>(`SELECT "compliance_refresh"($1::text, $2::int[]) AS result`, [
      options.quarter,
      intArray([...new Set(options.institutionIds)].sort((a, b) => a - b)),
    ]);
    return parseResult(rows[0]!.result);
  }
  const { rows } = await sql.query<{ result: unknown }>(`SELECT "compliance_refresh"($1::text) AS result`, [options.quarter]);
  return parseResult(rows[0]!.result);
}

/** The quarters that have purchase data (a submission, active or not) or computed figures, oldest first. */
export async function complianceQuarters(db: ComplianceDb): Promise<string[]> {
  const { rows } = await sqlRunner(db).query<{ quarter: string }>(
    `SELECT "quarter" FROM "Submission" UNION SELECT "quarter" FROM "ComplianceQuarter" ORDER BY 1`,
  );
  return rows.map((r) => r.quarter).filter((q) => QUARTER.test(q));
}

/** Of the given quarters, those whose figures are missing or out of date. One small query. */
export async function staleQuarters(db: ComplianceDb, quarters: readonly string[]): Promise<string[]> {
  if (quarters.length === 0) return [];
  quarters.forEach(assertQuarter);
  const { rows } = await sqlRunner(db).query<{ quarter: string }>(
    `SELECT q.quarter FROM unnest($1::text[]) AS q(quarter)
      WHERE NOT EXISTS (SELECT 1 FROM "ComplianceQuarter" c WHERE c."quarter" = q.quarter AND NOT c."stale")
         OR cardinality("compliance_stale_institutions"(q.quarter)) > 0
      ORDER BY 1`,
    [`{${quarters.join(",")}}`],
  );
  return rows.map((r) => r.quarter);
}

/**
 * Brings the given quarters up to date (only what changed). With `wait: false` a quarter that another
 * transaction is refreshing right now (an import's final phase) is left as it is ("busy"): the caller
 * shows the figures as they were and says so.
 */
export async function refreshStaleCompliance(
  db: ComplianceDb,
  quarters: readonly string[],
  options: { wait?: boolean } = {},
): Promise<RefreshResult[]> {
  const stale = await staleQuarters(db, quarters);
  const sql = sqlRunner(db);
  const results: RefreshResult[] = [];
  for (const quarter of stale) {
    const { rows } = await sql.query<{ result: unknown }>(`SELECT "compliance_refresh_stale"($1::text, $2::boolean) AS result`, [
      quarter,
      options.wait ?? true,
    ]);
    results.push(parseResult(rows[0]!.result));
  }
  return results;
}

/** Recomputes every quarter with data, in full (the agency's "Genberegn alt"). */
export async function refreshAllCompliance(db: ComplianceDb): Promise<RefreshResult[]> {
  const results: RefreshResult[] = [];
  for (const quarter of await complianceQuarters(db)) results.push(await refreshCompliance(db, { quarter }));
  return results;
}
