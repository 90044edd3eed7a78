/**
 * Keeping the agreements' use figures up to date (tables of migration 20261206100000_agreement_ceilings,
 * docs/decisions/0016). The computation is SQL (agreement_use_refresh, set-based); this module says
 * when to run it and tells the agency when a threshold is passed. No "server-only": the purchase-data
 * import (also run by scripts), the seed, the benchmark and the tests call it too.
 *
 *   - When a supplier's sales report is stored or replaced, in the same transaction:
 *       await refreshAgreementUse(tx, { agreementIds: [report.agreementId], supplierIds: [report.supplierId], quarter: report.quarter });
 *   - When purchase data land (manual submission, SKS batch), around the compliance refresh of the
 *     import (lib/purchase-data/import.ts): `purchaseSpendOf` before, `refreshAgreementUseForPurchases` after.
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
      WHERE u."role" = 'ADMIN' AND u."active"
        -- The user may switch ceiling warnings off (/indstillinger; lib/reminders/preferences.ts wantsAlertSql).
        AND NOT EXISTS (SELECT 1 FROM "AlertPreference" ap WHERE ap."userId" = u."id" AND ap."kind" = 'AGREEMENT_CEILING' AND NOT ap."enabled")`,
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
    "Hvorfor får du denne besked? Du er bruger hos Statens Indkøb, som følger aftalernes forbrug mod deres maksimale værdi. Advarslerne kan slås fra under Indstillinger.",
  ].join("\n\n");
  return { subject, body, link: `/aftaler/${warning.agreementId}` };
}

/** Some institutions' spend of a quarter per supplier CVR and effective category, as the compliance rollup holds it now. */
export type PurchaseSpend = { cvrs: string[]; categories: string[]; amounts: string[] };

/**
 * Called before the import's compliance refresh, and again by refreshAgreementUseForPurchases after
 * it: the difference is what the submission changed.
 */
export async function purchaseSpendOf(db: CeilingDb, quarter: string, institutionIds: readonly number[]): Promise<PurchaseSpend> {
  const spend: PurchaseSpend = { cvrs: [], categories: [], amounts: [] };
  if (institutionIds.length === 0) return spend;
  const { rows } = await sqlRunner(db).query<{ cvr: string; category: string; amount: string }>(
    `SELECT r."supplierCvr" AS cvr, r."categoryCode" AS category, sum(r."amountOre")::text AS amount FROM "SpendRollup" r
      WHERE r."quarter" = $1 AND r."institutionId" = ANY($2::int[]) AND r."supplierCvr" IS NOT NULL AND r."categoryCode" IS NOT NULL
      GROUP BY 1, 2`,
    [quarter, intArray(institutionIds)],
  );
  for (const row of rows) {
    spend.cvrs.push(row.cvr);
    spend.categories.push(row.category);
    spend.amounts.push(row.amount);
  }
  return spend;
}

function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

/**
 * After purchase data for a quarter landed (and the compliance rollup was refreshed): the change in
 * the institutions' spend per supplier and category, added to the estimates of the agreements with
 * that supplier in that category (agreement_use_add_purchases), then the warnings due.
 */
export async function refreshAgreementUseForPurchases(
  db: CeilingDb,
  options: { quarter: string; institutionIds: readonly number[]; spendBefore: PurchaseSpend },
): Promise<AgreementUseRefresh> {
  if (!QUARTER.test(options.quarter)) throw new Error(`Not a quarter: ${options.quarter} (expected e.g. 2026Q3)`);
  const after = await purchaseSpendOf(db, options.quarter, options.institutionIds);
  const before = options.spendBefore;
  const cvrs = [...after.cvrs, ...before.cvrs];
  if (cvrs.length === 0) return { agreementIds: [], warnings: [] };
  const amounts = [...after.amounts, ...before.amounts.map((amount) => (amount.startsWith("-") ? amount.slice(1) : `-${amount}`))];
  const { rows } = await sqlRunner(db).query<{ ids: unknown }>(
    `SELECT "agreement_use_add_purchases"($1::text, $2::text[], $3::text[], $4::bigint[])::text AS ids`,
    [options.quarter, textArray(cvrs), textArray([...after.categories, ...before.categories]), `{${amounts.join(",")}}`],
  );
  const agreementIds = parseIds(rows[0]?.ids);
  return { agreementIds, warnings: await giveCeilingWarnings(db, agreementIds) };
}
