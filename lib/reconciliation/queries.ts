import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { reconciliationScopeSql } from "@/lib/auth/scope";
import type { CurrentUser } from "@/lib/auth/types";
import { type Db, prisma } from "@/lib/db/client";
import type { ReconciliationStatus } from "./rules";
import { refreshStaleReconciliation } from "./refresh";

/**
 * What the reconciliation pages read, from the stored tables (never computed at request time). Every
 * read of rows carries the user's scope in its WHERE (reconciliationScopeSql); a row outside it is
 * "missing" exactly as one that does not exist.
 */

export type ReconciliationRowView = {
  quarter: string;
  agreementId: number;
  agreementReference: string;
  agreementName: string;
  supplierId: number;
  supplierName: string;
  supplierCvr: string;
  institutionId: number;
  institutionName: string;
  institutionCvr: string;
  ministryName: string;
  reportedOre: bigint;
  reportLineCount: number;
  purchasedOre: bigint;
  purchaseLineCount: number;
  differenceOre: bigint;
  status: ReconciliationStatus;
  customerIsParty: boolean;
};

export type MissingReport = {
  agreementId: number;
  agreementReference: string;
  agreementName: string;
  supplierId: number;
  supplierName: string;
  supplierCvr: string;
  deadline: Date;
};

export type PairSummary = {
  agreementId: number;
  agreementReference: string;
  agreementName: string;
  supplierId: number;
  supplierName: string;
  reportId: number | null;
  noSales: boolean;
  customers: number;
  agrees: number;
  differs: number;
  supplierOnly: number;
  purchasesOnly: number;
  nonPartyCustomers: number;
  nonPartyOre: bigint;
  reportedOre: bigint;
  purchasedOre: bigint;
  /** The sum of |difference| over the customers: how far the report is off in all. */
  absDifferenceOre: bigint;
};

/** Which rows a list shows. "findings": everything but the customers that agree. */
export type RowFilter = "findings" | "all" | "differs" | "purchases-only" | "supplier-only" | "non-party";

export const ROW_FILTER_LABEL: Record<RowFilter, string> = {
  findings: "Alle fund (uden dem, der stemmer)",
  all: "Alle kunder",
  differs: "Afvigelser ud over tolerancen",
  "purchases-only": "Køb, leverandøren ikke har indberettet",
  "supplier-only": "Salg uden indkøbsdata",
  "non-party": "Salg til kunder, der ikke er part",
};

export const PAGE_SIZE = 100;

const ROW_SELECT = Prisma.sql`
  SELECT r."quarter", r."agreementId", a."reference" AS "agreementReference", a."name" AS "agreementName",
         r."supplierId", s."name" AS "supplierName", s."cvr" AS "supplierCvr",
         r."institutionId", i."name" AS "institutionName", i."cvr" AS "institutionCvr", m."name" AS "ministryName",
         r."reportedOre", r."reportLineCount", r."purchasedOre", r."purchaseLineCount", r."differenceOre",
         r."status"::text AS "status", r."customerIsParty"
    FROM "Reconciliation" r
    JOIN "Agreement" a ON a."id" = r."agreementId"
    JOIN "Supplier" s ON s."id" = r."supplierId"
    JOIN "Institution" i ON i."id" = r."institutionId"
    JOIN "Ministry" m ON m."id" = i."ministryId"`;

function filterSql(filter: RowFilter): Prisma.Sql {
  switch (filter) {
    case "findings":
      return Prisma.sql`(r."status" <> 'AGREES' OR (NOT r."customerIsParty" AND r."reportLineCount" > 0))`;
    case "all":
      return Prisma.sql`TRUE`;
    case "differs":
      return Prisma.sql`r."status" = 'DIFFERS'`;
    case "purchases-only":
      return Prisma.sql`r."status" = 'PURCHASES_ONLY'`;
    case "supplier-only":
      return Prisma.sql`r."status" = 'SUPPLIER_ONLY'`;
    case "non-party":
      return Prisma.sql`NOT r."customerIsParty" AND r."reportLineCount" > 0`;
  }
}

/** The quarters with a computed reconciliation, newest first. */
export async function reconciledQuarters(db: Db = prisma): Promise<string[]> {
  const rows = await db.reconciliationQuarter.findMany({ select: { quarter: true }, orderBy: { quarter: "desc" } });
  return rows.map((r) => r.quarter);
}

/** The page's quarter brought up to date first (what went past the hooks), as the compliance pages do. */
export async function freshQuarter(quarter: string): Promise<void> {
  await refreshStaleReconciliation(prisma, [quarter]);
}

/** A page of the user's rows for a quarter, largest differences first. */
export async function reconciliationRows(
  user: CurrentUser,
  input: { quarter: string; filter: RowFilter; agreementId?: number | null; page?: number },
  db: Db = prisma,
): Promise<{ rows: ReconciliationRowView[]; total: number }> {
  const where = Prisma.sql`r."quarter" = ${input.quarter} AND ${reconciliationScopeSql(user, "r")} AND ${filterSql(input.filter)}
    AND (${input.agreementId ?? null}::int IS NULL OR r."agreementId" = ${input.agreementId ?? null}::int)`;
  const offset = Math.max(0, (input.page ?? 1) - 1) * PAGE_SIZE;
  const [rows, count] = await Promise.all([
    db.$queryRaw<ReconciliationRowView[]>`${ROW_SELECT} WHERE ${where}
      ORDER BY abs(r."differenceOre") DESC, r."supplierId", r."agreementId", r."institutionId" LIMIT ${PAGE_SIZE} OFFSET ${offset}`,
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Reconciliation" r WHERE ${where}`,
  ]);
  return { rows, total: Number(count[0]!.n) };
}

/** Rows in one xlsx export at most, as the compliance lines' export (Excel holds about a million). */
export const EXPORT_MAX = 500_000;

/** Every row of the user's scope for a quarter (at most `max`), in batches (the xlsx export). */
export async function* reconciliationExportRows(
  user: CurrentUser,
  quarter: string,
  filter: RowFilter,
  max = EXPORT_MAX,
): AsyncGenerator<ReconciliationRowView> {
  const batch = 5_000;
  let after: [number, number, number] = [0, 0, 0];
  let written = 0;
  for (;;) {
    const rows: ReconciliationRowView[] = await prisma.$queryRaw<ReconciliationRowView[]>`${ROW_SELECT}
      WHERE r."quarter" = ${quarter} AND ${reconciliationScopeSql(user, "r")} AND ${filterSql(filter)}
        AND (r."supplierId", r."agreementId", r."institutionId") > (${after[0]}, ${after[1]}, ${after[2]})
      ORDER BY r."supplierId", r."agreementId", r."institutionId" LIMIT ${Math.min(batch, max - written)}`;
    for (const row of rows) yield row;
    written += rows.length;
    if (rows.length < batch || written >= max) return;
    const last = rows.at(-1)!;
    after = [last.supplierId, last.agreementId, last.institutionId];
  }
}

/** The reports missing on `today` for a quarter: all (ADMIN) or one supplier's. */
export async function missingReports(quarter: string, today: string, supplierId: number | null, db: Db = prisma): Promise<MissingReport[]> {
  return db.$queryRaw<MissingReport[]>`
    SELECT x."agreementId", a."reference" AS "agreementReference", a."name" AS "agreementName",
           x."supplierId", s."name" AS "supplierName", s."cvr" AS "supplierCvr", x."deadline"
      FROM "reconciliation_missing_reports"(${quarter}, ${today}::date) x
      JOIN "Agreement" a ON a."id" = x."agreementId"
      JOIN "Supplier" s ON s."id" = x."supplierId"
     WHERE ${supplierId}::int IS NULL OR x."supplierId" = ${supplierId}::int
     ORDER BY s."sortKey", a."sortKey"`;
}

/** The summaries per agreement x supplier of a quarter (ADMIN all, a supplier its own). */
export async function pairSummaries(quarter: string, supplierId: number | null, db: Db = prisma): Promise<PairSummary[]> {
  return db.$queryRaw<PairSummary[]>`
    SELECT x."agreementId", a."reference" AS "agreementReference", a."name" AS "agreementName", x."supplierId", s."name" AS "supplierName",
           x."reportId", x."noSales", x."customers", x."agrees", x."differs", x."supplierOnly", x."purchasesOnly",
           x."nonPartyCustomers", x."nonPartyOre", x."reportedOre", x."purchasedOre", x."absDifferenceOre"
      FROM "ReconciliationSummary" x
      JOIN "Agreement" a ON a."id" = x."agreementId"
      JOIN "Supplier" s ON s."id" = x."supplierId"
     WHERE x."quarter" = ${quarter} AND (${supplierId}::int IS NULL OR x."supplierId" = ${supplierId}::int)
     ORDER BY x."absDifferenceOre" DESC, a."sortKey", s."sortKey"`;
}

export type Overview = {
  quarter: string;
  totals: { pairs: number; reported: number; customers: number; agrees: number; differs: number; supplierOnly: number; purchasesOnly: number; nonPartyCustomers: number; reportedOre: bigint; purchasedOre: bigint };
  missing: MissingReport[];
  largest: ReconciliationRowView[];
  nonParty: ReconciliationRowView[];
  pairs: PairSummary[];
};

const TOP = 20;

/**
 * The agency's overview of a quarter: totals, missing reports, the largest differences, sales to
 * non-parties, and the summary per agreement x supplier. Reads the summaries and two top-N lists
 * served by their own indexes, so its time does not grow with the quarter's lines.
 */
export async function reconciliationOverview(quarter: string, today: string, db: Db = prisma): Promise<Overview> {
  const [totals, missing, largest, nonParty, pairs] = await Promise.all([
    db.$queryRaw<Overview["totals"][]>`
      SELECT count(*)::int AS pairs, count("reportId")::int AS reported, COALESCE(sum("customers"), 0)::int AS customers,
             COALESCE(sum("agrees"), 0)::int AS agrees, COALESCE(sum("differs"), 0)::int AS differs,
             COALESCE(sum("supplierOnly"), 0)::int AS "supplierOnly", COALESCE(sum("purchasesOnly"), 0)::int AS "purchasesOnly",
             COALESCE(sum("nonPartyCustomers"), 0)::int AS "nonPartyCustomers",
             COALESCE(sum("reportedOre"), 0)::bigint AS "reportedOre", COALESCE(sum("purchasedOre"), 0)::bigint AS "purchasedOre"
        FROM "ReconciliationSummary" WHERE "quarter" = ${quarter}`,
    missingReports(quarter, today, null, db),
    db.$queryRaw<ReconciliationRowView[]>`${ROW_SELECT}
      WHERE r."quarter" = ${quarter} AND r."status" <> 'AGREES' ORDER BY abs(r."differenceOre") DESC LIMIT ${TOP}`,
    db.$queryRaw<ReconciliationRowView[]>`${ROW_SELECT}
      WHERE r."quarter" = ${quarter} AND NOT r."customerIsParty" AND r."reportLineCount" > 0 ORDER BY r."reportedOre" DESC LIMIT ${TOP}`,
    pairSummaries(quarter, null, db),
  ]);
  return { quarter, totals: totals[0]!, missing, largest, nonParty, pairs };
}

export type ReportLineView = { id: bigint; customerCvr: string; ean: string | null; categoryCode: string; categoryName: string; amountOre: bigint; ecommerce: boolean };
export type PurchaseLineView = {
  id: bigint;
  purchaseDate: Date | null;
  categoryCode: string | null;
  effectiveCategory: string;
  supplierName: string;
  amountOre: bigint;
  ecommerce: boolean;
  ean: string | null;
  channel: string;
};

export type ReconciliationDetail = {
  row: ReconciliationRowView;
  report: { id: number; createdAt: Date; channel: string; fileName: string | null } | null;
  reportLines: ReportLineView[];
  purchaseLines: PurchaseLineView[];
};

/** Lines shown on the drill-down page (the export of the whole quarter holds every row). */
export const DETAIL_LINES = 500;

/**
 * One row with both sides' lines: the active report's lines to the customer, and the customer's purchase
 * lines (ACTIVE submissions) with the supplier's CVR in the agreement's categories, as the row counts them.
 * Null when the row does not exist or is outside the user's scope.
 */
export async function reconciliationDetail(
  user: CurrentUser,
  key: { quarter: string; agreementId: number; supplierId: number; institutionId: number },
  db: Db = prisma,
): Promise<ReconciliationDetail | null> {
  const [row] = await db.$queryRaw<ReconciliationRowView[]>`${ROW_SELECT}
    WHERE r."quarter" = ${key.quarter} AND r."agreementId" = ${key.agreementId} AND r."supplierId" = ${key.supplierId}
      AND r."institutionId" = ${key.institutionId} AND ${reconciliationScopeSql(user, "r")}`;
  if (!row) return null;
  const report = await db.salesReport.findFirst({
    where: { agreementId: key.agreementId, supplierId: key.supplierId, quarter: key.quarter, supersededAt: null },
    select: { id: true, createdAt: true, channel: true, fileName: true },
  });
  const [reportLines, purchaseLines] = await Promise.all([
    report
      ? db.$queryRaw<ReportLineView[]>`
          SELECT l."id", l."customerCvr", l."ean", l."categoryCode", c."name" AS "categoryName", l."amountOre", l."ecommerce"
            FROM "SalesReportLine" l JOIN "Category" c ON c."code" = l."categoryCode"
           WHERE l."reportId" = ${report.id} AND l."institutionId" = ${key.institutionId}
           ORDER BY l."id" LIMIT ${DETAIL_LINES}`
      : Promise.resolve([]),
    db.$queryRaw<PurchaseLineView[]>`
      SELECT l."id", l."purchaseDate", l."categoryCode", COALESCE(l."categoryCode", s."categoryCode") AS "effectiveCategory",
             l."supplierName", l."amountOre", l."ecommerce", l."ean", sub."format"::text AS "channel"
        FROM "Submission" sub
        JOIN "PurchaseLine" l ON l."submissionId" = sub."id"
        JOIN "Supplier" s ON s."id" = ${key.supplierId} AND s."cvr" = l."supplierCvr"
       WHERE sub."institutionId" = ${key.institutionId} AND sub."quarter" = ${key.quarter} AND sub."status" = 'ACTIVE'
         AND l."quarter" = ${key.quarter}
         AND COALESCE(l."categoryCode", s."categoryCode") IN (SELECT ac."categoryCode" FROM "AgreementCategory" ac WHERE ac."agreementId" = ${key.agreementId})
       ORDER BY l."purchaseDate" NULLS LAST, l."id" LIMIT ${DETAIL_LINES}`,
  ]);
  return { row, report, reportLines, purchaseLines };
}

/** The tolerance in force. */
export async function currentTolerance(db: Db = prisma): Promise<{ basisPoints: number; ore: bigint; updatedAt: Date }> {
  const setting = await db.agencySetting.findUnique({ where: { id: 1 } });
  return {
    basisPoints: setting?.reconciliationToleranceBasisPoints ?? 500,
    ore: setting?.reconciliationToleranceOre ?? 1_000_000n,
    updatedAt: setting?.updatedAt ?? new Date(0),
  };
}
