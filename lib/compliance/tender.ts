import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/types";
import { prisma } from "@/lib/db/client";
import { complianceMinistrySql } from "./scope";
import type { SpendRow } from "./sheets";
import type { TenderQuery } from "./tender-params";

/**
 * Tender preparation: spend per category by supplier and by institution across quarters, from the
 * spend rollup (lines of ACTIVE submissions, the category from the line or the supplier's mapping),
 * within the user's scope (own ministry at purchase time; all for the agency).
 */

function where(user: CurrentUser, query: TenderQuery, quarters: readonly string[]): Prisma.Sql {
  const parts = [
    Prisma.sql`r."quarter" = ANY(${[...quarters]}::text[])`,
    complianceMinistrySql(user, Prisma.sql`r."ministryId"`),
  ];
  if (query.customers === "forpligtede") parts.push(Prisma.sql`r."obligated"`);
  if (query.ministryId !== null) parts.push(Prisma.sql`r."ministryId" = ${query.ministryId}`);
  return Prisma.join(parts, " AND ");
}

export type CategorySpend = { code: string; name: string; hasMandatoryAgreements: boolean; byQuarter: Map<string, bigint>; totalOre: bigint; suppliers: number };

/** Spend per category and quarter, largest first. */
export async function categorySpend(user: CurrentUser, query: TenderQuery, quarters: readonly string[]): Promise<CategorySpend[]> {
  const rows = await prisma.$queryRaw<{ code: string; name: string; mandatory: boolean; quarter: string; amount: bigint; suppliers: number }[]>`
    SELECT c."code", c."name", c."hasMandatoryAgreements" AS mandatory, t."quarter", t.amount, t.suppliers
      FROM (SELECT r."categoryCode", r."quarter", sum(r."amountOre")::bigint AS amount,
                   count(DISTINCT COALESCE(r."supplierCvr", r."supplierName"))::int AS suppliers
              FROM "SpendRollup" r
             WHERE r."categoryCode" IS NOT NULL AND ${where(user, query, quarters)}
             GROUP BY r."categoryCode", r."quarter") t
      JOIN "Category" c ON c."code" = t."categoryCode"`;
  const byCode = new Map<string, CategorySpend>();
  for (const row of rows) {
    let entry = byCode.get(row.code);
    if (!entry) {
      entry = { code: row.code, name: row.name, hasMandatoryAgreements: row.mandatory, byQuarter: new Map(), totalOre: 0n, suppliers: 0 };
      byCode.set(row.code, entry);
    }
    entry.byQuarter.set(row.quarter, row.amount);
    entry.totalOre += row.amount;
    entry.suppliers = Math.max(entry.suppliers, row.suppliers);
  }
  return [...byCode.values()].sort((a, b) => (a.totalOre === b.totalOre ? a.code.localeCompare(b.code) : a.totalOre > b.totalOre ? -1 : 1));
}

function collect(rows: { key: string; cvr: string | null; name: string; detail: string | null; quarter: string; amount: bigint; lines: number }[]): SpendRow[] {
  const byKey = new Map<string, SpendRow>();
  for (const row of rows) {
    let entry = byKey.get(row.key);
    if (!entry) {
      entry = { key: row.key, cvr: row.cvr, name: row.name, detail: row.detail, byQuarter: new Map(), totalOre: 0n, lines: 0 };
      byKey.set(row.key, entry);
    }
    entry.byQuarter.set(row.quarter, (entry.byQuarter.get(row.quarter) ?? 0n) + row.amount);
    entry.totalOre += row.amount;
    entry.lines += row.lines;
  }
  return [...byKey.values()].sort((a, b) => (a.totalOre === b.totalOre ? a.name.localeCompare(b.name, "da") : a.totalOre > b.totalOre ? -1 : 1));
}

/**
 * The category's spend by supplier and quarter; `detail` names the mandatory agreements (in force at
 * the end of the range) in the category that the supplier is on.
 */
export async function spendBySupplier(user: CurrentUser, query: TenderQuery, quarters: readonly string[]): Promise<SpendRow[]> {
  if (!query.category) return [];
  const rows = await prisma.$queryRaw<{ key: string; cvr: string | null; name: string; detail: string | null; quarter: string; amount: bigint; lines: number }[]>`
    SELECT t.key, t.cvr, t.name, t."quarter", t.amount, t.lines,
           (SELECT string_agg(a."reference", ', ' ORDER BY a."reference")
              FROM "compliance_agreement_suppliers"(${query.to}) s
              JOIN "compliance_agreement_categories"(${query.to}) c ON c."agreementId" = s."agreementId" AND c."categoryCode" = ${query.category}
              JOIN "Agreement" a ON a."id" = s."agreementId"
             WHERE s."supplierCvr" = t.cvr) AS detail
      FROM (SELECT COALESCE(r."supplierCvr", 'navn:' || r."supplierName") AS key, r."supplierCvr" AS cvr, min(r."supplierName") AS name,
                   r."quarter", sum(r."amountOre")::bigint AS amount, sum(r."lineCount")::int AS lines
              FROM "SpendRollup" r
             WHERE r."categoryCode" = ${query.category} AND ${where(user, query, quarters)}
             GROUP BY 1, 2, r."quarter") t`;
  return collect(rows);
}

/** The category's spend by institution and quarter; `detail` is the ministry (at purchase time). */
export async function spendByInstitution(user: CurrentUser, query: TenderQuery, quarters: readonly string[]): Promise<SpendRow[]> {
  if (!query.category) return [];
  const rows = await prisma.$queryRaw<{ key: string; cvr: string | null; name: string; detail: string | null; quarter: string; amount: bigint; lines: number }[]>`
    SELECT r."institutionId"::text || '|' || r."ministryId"::text AS key, i."cvr", i."name", m."name" AS detail, r."quarter",
           sum(r."amountOre")::bigint AS amount, sum(r."lineCount")::int AS lines
      FROM "SpendRollup" r
      JOIN "Institution" i ON i."id" = r."institutionId"
      JOIN "Ministry" m ON m."id" = r."ministryId"
     WHERE r."categoryCode" = ${query.category} AND ${where(user, query, quarters)}
     GROUP BY r."institutionId", r."ministryId", i."cvr", i."name", m."name", r."quarter"`;
  return collect(rows);
}

export async function categoryName(code: string): Promise<string | null> {
  return (await prisma.category.findUnique({ where: { code }, select: { name: true } }))?.name ?? null;
}
