/**
 * Keeping the agreements' use figures up to date (tables of migration 20261206100000_agreement_ceilings,
 * docs/decisions/0016). The computation is SQL (agreement_use_refresh, set-based); this module says
 * when to run it and tells the agency when a threshold is passed. No "server-only": the purchase-data
 * import (also run by scripts), the seed, the benchmark and the tests call it too.
 *
 *   - When a supplier's sales report is stored or replaced, in the same transaction:
 *       await refreshAgreementUse(tx, { agreementIds: [report.agreementId], supplierIds: [report.supplierId], quarter: report.quarter });
 *   - When purchase data land (manual submission, SKS batch), around the compliance refresh of the
 *     import (lib/purchase-data/import.ts): `purchaseSuppliersOf` before, `refreshAgreementUseForPurchases` after.
 *   - When an agreement's maximum, categories, suppliers or validity change: `{ agreementIds: [id] }`.
 *   - Everything (seed, after a bulk load): `refreshAgreementUse(db)`.
 *
 * Every refresh then records the warnings due for the agreements it touched (once per agreement and
 * threshold) and queues a message to the agency's users (ADMIN) in the same transaction.
 */
import { sqlRunner, type ComplianceDb } from "@/lib/compliance/rollup";
import { formatMoneyOre, formatPercentOf } from "@/lib/format";

export type CeilingDb = ComplianceDb;

export type AgreementUseScope = {
  /** Only these agreements (default: all). */
  agreementIds?: readonly number[];
  /** Only these suppliers' rows (default: all). */
  supplierIds?: readonly number[];
  /** Only this quarter, e.g. "2026Q3" (default: every quarter). */
  quarter?: string;
};

export type GivenWarning = { agreementId: number; reference: string; name: string; level: 1 | 2; percent: number; useOre: bigint; maximumOre: bigint };

export type AgreementUseRefresh = {
  /** The agreements whose totals were recomputed. */
  agreementIds: number[];
  /** Warnings given now (each threshold once per agreement). */
  warnings: GivenWarning[];
};

const QUARTER = /^\d{4}Q[1-4]$/;

function intArray(values: readonly number[] | undefined): string | null {
  if (values === undefined) return null;
  for (const v of values) if (!Number.isInteger(v)) throw new Error(`Not an id: ${v}`);
  return `{${[...new Set(values)].sort((a, b) => a - b).join(",")}}`;
}

function parseIds(value: unknown): number[] {
  if (Array.isArray(value)) return value.map(Number);
  // node-postgres returns int[] parsed; a Prisma raw query may give the text form "{1,2}".
  const text = String(value ?? "{}");
  return text === "{}" ? [] : text.slice(1, -1).split(",").map(Number);
}

/** Recomputes the use figures of a scope, then gives the warnings that fall due. */
export async function refreshAgreementUse(db: CeilingDb, scope: AgreementUseScope = {}): Promise<AgreementUseRefresh> {
  if (scope.quarter !== undefined && !QUARTER.test(scope.quarter)) throw new Error(`Not a quarter: ${scope.quarter} (expected e.g. 2026Q3)`);
  if (scope.agreementIds?.length === 0 || scope.supplierIds?.length === 0) return { agreementIds: [], warnings: [] };
  const sql = sqlRunner(db);
  const { rows } = await sql.query<{ ids: unknown }>(`SELECT "agreement_use_refresh"($1::int[], $2::int[], $3::text)::text AS ids`, [
    intArray(scope.agreementIds),
    intArray(scope.supplierIds),
    scope.quarter ?? null,
  ]);
  const agreementIds = parseIds(rows[0]?.ids);
  return { agreementIds, warnings: await giveCeilingWarnings(db, agreementIds) };
}

/**
 * Records the warnings due for the agreements (use at or above a threshold of their maximum, not
 * warned before at that level) and queues one message per warning to every active ADMIN user.
 * Written as SQL on the caller's connection, since the purchase-data import runs on a plain
 * connection (lib/mail/outbox.ts queueMessages needs the Prisma client); the outbox row is the same.
 */
export async function giveCeilingWarnings(db: CeilingDb, agreementIds: readonly number[]): Promise<GivenWarning[]> {
  if (agreementIds.length === 0) return [];
  const sql = sqlRunner(db);
  const { rows } = await sql.query<{ agreementId: number; reference: string; name: string; level: number; percent: number; useOre: string; maximumOre: string }>(
    `SELECT w."agreementId", a."reference", a."name", w."level", w."percent", w."useOre"::text AS "useOre", w."maximumOre"::text AS "maximumOre"
       FROM "agreement_ceiling_warn"($1::int[]) w JOIN "Agreement" a ON a."id" = w."agreementId"
      ORDER BY w."agreementId", w."level"`,
    [intArray(agreementIds)],
  );
  const warnings = rows.map((row) => ({
    agreementId: Number(row.agreementId),
    reference: row.reference,
    name: row.name,
    level: Number(row.level) as 1 | 2,
    percent: Number(row.percent),
    useOre: BigInt(row.useOre),
    maximumOre: BigInt(row.maximumOre),
  }));
  if (warnings.length === 0) return warnings;
  const messages = warnings.map(warningMessage);
  await sql.query(
    `INSERT INTO "OutboxMessage" ("recipientUserId", "toEmail", "subject", "body", "link")
     SELECT u."id", u."email", m.subject, m.body, m.link
       FROM "User" u CROSS JOIN unnest($1::text[], $2::text[], $3::text[]) AS m(subject, body, link)
      WHERE u."role" = 'ADMIN' AND u."active"`,
    [messages.map((m) => m.subject), messages.map((m) => m.body), messages.map((m) => m.link)],
  );
  return warnings;
}

/** The agency's message for a warning (Danish). */
export function warningMessage(warning: GivenWarning): { subject: string; body: string; link: string } {
  const used = formatPercentOf(warning.useOre, warning.maximumOre);
  const exhausted = warning.useOre >= warning.maximumOre;
  const subject = exhausted
    ? `Aftalen ${warning.reference} har nået sin maksimale værdi`
    : `Aftalen ${warning.reference} har brugt ${used} af sin maksimale værdi`;
  const body = [
    `${warning.name} (${warning.reference}) har nu et forbrug på ${formatMoneyOre(warning.useOre)}, ${used} af den maksimale værdi på ${formatMoneyOre(warning.maximumOre)}.`,
    `Tærsklen for ${warning.level === 1 ? "første" : "anden"} advarsel er ${warning.percent} %.`,
    exhausted
      ? "Når den maksimale værdi er nået, har aftalen ikke længere virkning (EU-Domstolens domme C-216/17 og C-23/20): kaskaden anbefaler den ikke længere."
      : "Når den maksimale værdi nås, har aftalen ikke længere virkning (EU-Domstolens domme C-216/17 og C-23/20). Overvej et nyt udbud i tide.",
  ].join("\n\n");
  return { subject, body, link: `/aftaler/${warning.agreementId}` };
}

/**
 * The suppliers (by CVR) in the purchase data of some institutions for a quarter, as the compliance
 * rollup holds them now. Called before the import's compliance refresh, so that suppliers that
 * disappear from a corrected submission are refreshed too.
 */
export async function purchaseSuppliersOf(db: CeilingDb, quarter: string, institutionIds: readonly number[]): Promise<string[]> {
  if (institutionIds.length === 0) return [];
  const { rows } = await sqlRunner(db).query<{ cvr: string }>(
    `SELECT DISTINCT r."supplierCvr" AS cvr FROM "SpendRollup" r
      WHERE r."quarter" = $1 AND r."institutionId" = ANY($2::int[]) AND r."supplierCvr" IS NOT NULL`,
    [quarter, intArray(institutionIds)],
  );
  return rows.map((r) => r.cvr);
}

/**
 * After purchase data for a quarter landed (and the compliance rollup was refreshed): the use of
 * every agreement of the suppliers the institutions' data name now or named before.
 */
export async function refreshAgreementUseForPurchases(
  db: CeilingDb,
  options: { quarter: string; institutionIds: readonly number[]; suppliersBefore: readonly string[] },
): Promise<AgreementUseRefresh> {
  const now = await purchaseSuppliersOf(db, options.quarter, options.institutionIds);
  const cvrs = [...new Set([...options.suppliersBefore, ...now])];
  if (cvrs.length === 0) return { agreementIds: [], warnings: [] };
  const { rows } = await sqlRunner(db).query<{ id: number }>(
    `SELECT DISTINCT s."id" FROM "Supplier" s JOIN "AgreementSupplier" x ON x."supplierId" = s."id" WHERE s."cvr" = ANY($1::text[])`,
    [`{${cvrs.map((c) => `"${c.replace(/["\\]/g, "")}"`).join(",")}}`],
  );
  if (rows.length === 0) return { agreementIds: [], warnings: [] };
  return refreshAgreementUse(db, { supplierIds: rows.map((r) => Number(r.id)), quarter: options.quarter });
}
