import "server-only";
import { UserError } from "@/lib/action-result";
import { refreshAgreementUse } from "@/lib/ceilings/refresh";
import { formatMoneyOre, formatNumber } from "@/lib/format";
import { refreshReconciliationForReport } from "@/lib/reconciliation/refresh";
import { queueMessagesSql } from "@/lib/mail/outbox";
import type { SqlConnection } from "@/lib/purchase-data/connection";
import { danishDay } from "@/lib/purchase-data/import";
import { quarterLabel, type Quarter } from "@/lib/purchase-data/quarter";
import { inImportTransaction } from "@/lib/purchase-data/submit";
import type { Problem } from "@/lib/purchase-data/types";
import { reportingRefusal } from "./deadline-rules";
import { supplierQuarterWindowSql } from "./deadline";
import { SalesLineLoader } from "./line-loader";
import { checkSalesRow, MAX_LISTED_PROBLEMS, ProblemList, type SalesLine, type SalesReference, type SalesRowInput, type SalesRowOptions } from "./rows";

/**
 * Stores a supplier's sales report for one agreement and quarter, all or nothing, in one
 * transaction (docs/decisions/0014-sales-reports.md):
 *
 *   1. serialise reports of the same agreement, supplier and quarter (advisory lock);
 *   2. check that the supplier is on the agreement, the agreement runs in the quarter and the
 *      quarter is open for the supplier (deadline.ts: ADMIN's deadline or the default, or a reopening);
 *   3. supersede the active version (supersededAt: it stays in the history) and insert the new one;
 *   4. check every row (rows.ts) while the lines stream into "SalesReportLine" (line-loader.ts:
 *      COPY into a partition of its own for a large report); at the first problem the load stops,
 *      the checks go on to list every problem, and the transaction is rolled back: nothing stored;
 *   5. the receipt to the supplier's users (outbox), then AFTER_SALES_REPORT_STORED.
 */

export type StoredSalesReport = { reportId: number; agreementId: number; supplierId: number; quarter: string };

/**
 * Called in the store's transaction once a report and its lines are written, on the same
 * connection: whatever must change with a report (the reconciliation of the agreement × supplier
 * × quarter, the agreement's ceiling figures) goes here, so it commits or rolls back with it.
 */
export type AfterSalesReportStored = (conn: SqlConnection, report: StoredSalesReport) => Promise<void>;

/** THE call list of the store transaction: add reconciliation and ceiling refreshes here. */
export const AFTER_SALES_REPORT_STORED: readonly AfterSalesReportStored[] = [
  (conn, report) => refreshReconciliationForReport(conn, report).then(() => undefined),
  (conn, report) => refreshAgreementUse(conn, { agreementIds: [report.agreementId], supplierIds: [report.supplierId], quarter: report.quarter }).then(() => undefined),
];

export type SalesReportRequest = {
  agreementId: number;
  supplierId: number;
  quarter: Quarter;
  channel: "XLSX" | "CSV" | "API";
  /** The person who sent it, or (the API) the key and the person responsible for it. */
  sender: { userId: number; apiKeyId: null } | { userId: number; apiKeyId: number };
  fileName: string | null;
  /** "No sales this quarter", or the rows in batches with how their amounts are written. */
  content: { noSales: true } | { noSales: false; rows: AsyncIterable<SalesRowInput[]>; options: SalesRowOptions };
  /** Today in Copenhagen (ISO). */
  today: string;
  /** From this many lines on, the lines get a partition of their own (tests lower it). */
  partitionMinRows?: number;
};

export type SalesReportResult =
  | { ok: true; report: StoredSalesReport; lineCount: number; totalOre: bigint; replaced: boolean; message: string }
  | { ok: false; message: string; problems: Problem[]; totalProblems: number };

type AgreementRow = { id: number; reference: string; name: string; validFrom: string; validTo: string; onAgreement: boolean; supplierName: string };

async function agreementFor(conn: SqlConnection, agreementId: number, supplierId: number): Promise<AgreementRow> {
  const { rows } = await conn.query<AgreementRow>(
    `SELECT a."id", a."reference", a."name", a."validFrom"::text AS "validFrom", a."validTo"::text AS "validTo",
            EXISTS (SELECT 1 FROM "AgreementSupplier" s WHERE s."agreementId" = a."id" AND s."supplierId" = $2) AS "onAgreement",
            (SELECT "name" FROM "Supplier" WHERE "id" = $2) AS "supplierName"
       FROM "Agreement" a WHERE a."id" = $1`,
    [agreementId, supplierId],
  );
  const agreement = rows[0];
  // The callers find the agreement in the supplier's scope first; this is the store's own guard.
  if (!agreement || !agreement.onAgreement) throw new UserError("Leverandøren er ikke part i aftalen.");
  return agreement;
}

/** Refuses a quarter the supplier may not report (not begun, or after the deadline without a reopening), naming the date. */
async function assertOpen(conn: SqlConnection, request: SalesReportRequest, agreement: AgreementRow): Promise<void> {
  const { quarter, today } = request;
  const label = quarterLabel(quarter);
  if (quarter.end < agreement.validFrom || quarter.start > agreement.validTo) {
    throw new UserError(`Aftalen ${agreement.reference} gælder ikke i ${label} (den gælder ${danishDay(agreement.validFrom)} – ${danishDay(agreement.validTo)}).`, "quarter");
  }
  const refusal = reportingRefusal(quarter, await supplierQuarterWindowSql(conn, request.supplierId, quarter), today);
  if (refusal) throw new UserError(refusal, "quarter");
}

async function salesReference(conn: SqlConnection, agreementId: number): Promise<SalesReference> {
  const [institutions, categories] = await Promise.all([
    conn.query<{ cvr: string; id: number }>(`SELECT "cvr", "id" FROM "Institution"`),
    conn.query<{ code: string }>(`SELECT "categoryCode" AS "code" FROM "AgreementCategory" WHERE "agreementId" = $1`, [agreementId]),
  ]);
  return {
    institutionsByCvr: new Map(institutions.rows.map((i) => [i.cvr, i.id])),
    categories: new Set(categories.rows.map((c) => c.code)),
  };
}

async function sendReceipt(conn: SqlConnection, request: SalesReportRequest, agreement: AgreementRow, report: StoredSalesReport, lineCount: number, totalOre: bigint): Promise<void> {
  const { rows: users } = await conn.query<{ id: number; email: string }>(
    `SELECT "id", "email" FROM "User" WHERE "supplierId" = $1 AND "active" ORDER BY "id"`,
    [request.supplierId],
  );
  const label = quarterLabel(request.quarter);
  const what = request.content.noSales
    ? "Indberetningen siger: ingen omsætning under aftalen i kvartalet."
    : `Indberetningen har ${formatNumber(lineCount)} ${lineCount === 1 ? "række" : "rækker"}, i alt ${formatMoneyOre(totalOre)} ekskl. moms.`;
  const how = request.sender.apiKeyId !== null ? "via API" : request.fileName ? `fra filen «${request.fileName}»` : "i portalen";
  await queueMessagesSql(
    conn,
    users.map((user) => ({
      recipientUserId: user.id,
      toEmail: user.email,
      subject: `Kvittering: omsætning for ${agreement.reference} ${agreement.name}, ${label}`,
      body: [
        `Statens Indkøb har modtaget ${agreement.supplierName}s omsætningsindberetning for aftalen ${agreement.reference} ${agreement.name}, ${label} (${how}).`,
        what,
        "En ny indberetning for samme aftale og kvartal erstatter denne; tidligere versioner bevares i historikken.",
      ].join("\n\n"),
      link: `/omsaetning/${report.agreementId}/${report.quarter}/${report.reportId}`,
    })),
  );
}

/** The store's work on one connection, inside the caller's transaction. */
async function storeOn(conn: SqlConnection, request: SalesReportRequest): Promise<SalesReportResult> {
  const { agreementId, supplierId, quarter } = request;
  await conn.query(`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('SalesReport'), hashtext($1))`, [`${agreementId}:${supplierId}:${quarter.code}`]);
  const agreement = await agreementFor(conn, agreementId, supplierId);
  await assertOpen(conn, request, agreement);

  const superseded = await conn.query<{ id: number }>(
    `UPDATE "SalesReport" SET "supersededAt" = now()
      WHERE "agreementId" = $1 AND "supplierId" = $2 AND "quarter" = $3 AND "supersededAt" IS NULL RETURNING "id"`,
    [agreementId, supplierId, quarter.code],
  );
  const { rows: inserted } = await conn.query<{ id: number }>(
    `INSERT INTO "SalesReport" ("agreementId", "supplierId", "quarter", "channel", "noSales", "lineCount", "totalOre", "fileName", "submittedById", "apiKeyId")
     VALUES ($1, $2, $3, $4::"SalesReportChannel", $5, 0, 0, $6, $7, $8) RETURNING "id"`,
    [agreementId, supplierId, quarter.code, request.channel, request.content.noSales, request.fileName, request.sender.apiKeyId === null ? request.sender.userId : null, request.sender.apiKeyId],
  );
  const report: StoredSalesReport = { reportId: inserted[0]!.id, agreementId, supplierId, quarter: quarter.code };

  let lineCount = 0;
  let totalOre = 0n;
  if (!request.content.noSales) {
    const { rows, options } = request.content;
    const reference = await salesReference(conn, agreementId);
    const problems = new ProblemList(MAX_LISTED_PROBLEMS);
    const loader = new SalesLineLoader(conn, report, { partitionMinRows: request.partitionMinRows });
    let loading = true;
    try {
      for await (const batch of rows) {
        const lines: SalesLine[] = [];
        for (const row of batch) {
          const line = checkSalesRow(row, reference, options, problems);
          if (!line) continue;
          lineCount++;
          totalOre += line.amountOre;
          if (loading) lines.push(line);
        }
        if (loading && problems.total > 0) {
          loading = false;
          await loader.abandon();
        }
        if (loading && lines.length > 0) await loader.add(lines);
      }
    } catch (error) {
      await loader.abandon();
      throw error;
    }
    if (problems.total > 0) {
      return {
        ok: false,
        message: `Indberetningen er afvist: ${formatNumber(problems.total)} ${problems.total === 1 ? "fejl" : "fejl"} i filen. Intet er gemt. Ret fejlene, og send hele indberetningen igen.`,
        problems: problems.items,
        totalProblems: problems.total,
      };
    }
    if (lineCount === 0) {
      await loader.abandon();
      throw new UserError("Indberetningen har ingen rækker. Har I ingen omsætning under aftalen i kvartalet, så vælg «Ingen omsætning i kvartalet».", "file");
    }
    await loader.endInput();
    await loader.complete();
    await conn.query(`UPDATE "SalesReport" SET "lineCount" = $2, "totalOre" = $3 WHERE "id" = $1`, [report.reportId, lineCount, totalOre.toString()]);
  }

  await sendReceipt(conn, request, agreement, report, lineCount, totalOre);
  for (const after of AFTER_SALES_REPORT_STORED) await after(conn, report);

  const label = quarterLabel(quarter);
  const replaced = superseded.rows.length > 0;
  const stored = request.content.noSales
    ? `Indberetningen for ${agreement.reference} ${agreement.name}, ${label} er gemt: ingen omsætning i kvartalet.`
    : `Indberetningen for ${agreement.reference} ${agreement.name}, ${label} er gemt: ${formatNumber(lineCount)} ${lineCount === 1 ? "række" : "rækker"}, i alt ${formatMoneyOre(totalOre)} ekskl. moms.`;
  return { ok: true, report, lineCount, totalOre, replaced, message: replaced ? `${stored} Den erstatter den tidligere version, som bevares i historikken.` : stored };
}

/**
 * Stores a sales report: in the caller's transaction when `conn` is given (the caller commits only
 * when the result is ok), else in a transaction of its own. A refused file returns the problems
 * (row, column, reason) and stores nothing; a refused report (deadline, agreement) throws UserError.
 */
export async function storeSalesReport(request: SalesReportRequest, conn?: SqlConnection): Promise<SalesReportResult> {
  return conn ? storeOn(conn, request) : inImportTransaction((own) => storeOn(own, request));
}
