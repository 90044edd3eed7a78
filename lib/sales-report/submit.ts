import "server-only";
import { UserError } from "@/lib/action-result";
import { agreementWhere } from "@/lib/auth/scope";
import type { CurrentUser } from "@/lib/auth/types";
import { prisma } from "@/lib/db/client";
import { copenhagenToday, quarterFromCode, type Quarter } from "@/lib/purchase-data/quarter";
import type { UploadedFile } from "@/lib/purchase-data/submit";
import type { Cell } from "@/lib/purchase-data/types";
import { salesFile } from "./file";
import { FILE_LABELS, type ColumnLabels, type SalesRowInput } from "./rows";
import type { ApiReport } from "./schemas";
import { storeSalesReport, type SalesReportRequest, type SalesReportResult } from "./store";

/**
 * The app's side of a sales report: whose report it is (the sender's own company, never an id the
 * client sent) and which agreement (one the company is on; any other answers "not found"), then the
 * one store path (store.ts) for the upload, the "no sales" button and the API.
 */

/** The largest file taken: a million rows are about 40 MB as CSV. */
export const SALES_UPLOAD_MAX_BYTES = 200 * 1024 * 1024;

export class NotInScope extends Error {}

/** The agreement, if the sender's company is on it; NotInScope otherwise (the route answers 404). */
export async function scopedAgreement(user: CurrentUser, where: { id: number } | { reference: string }): Promise<{ id: number; supplierId: number }> {
  if (user.role !== "SUPPLIER" || user.supplierId === null) throw new UserError("Kun en leverandørs brugere og API-nøgler kan indberette omsætning.");
  const agreement = await prisma.agreement.findFirst({ where: agreementWhere(user, where), select: { id: true } });
  if (!agreement) throw new NotInScope();
  return { id: agreement.id, supplierId: user.supplierId };
}

function sender(user: CurrentUser): SalesReportRequest["sender"] {
  return user.apiKeyId ? { userId: user.id, apiKeyId: user.apiKeyId } : { userId: user.id, apiKeyId: null };
}

function quarterOf(code: string): Quarter {
  const quarter = quarterFromCode(code);
  if (!quarter) throw new UserError("Angiv kvartalet som fx 2026Q4.", "quarter");
  return quarter;
}

/** An uploaded file (CSV or xlsx) for the agreement and quarter. */
export async function submitSalesFile(user: CurrentUser, input: { agreementId: number; quarter: string; file: UploadedFile }): Promise<SalesReportResult> {
  const agreement = await scopedAgreement(user, { id: input.agreementId });
  const file = await salesFile(input.file.path);
  return storeSalesReport({
    agreementId: agreement.id,
    supplierId: agreement.supplierId,
    quarter: quarterOf(input.quarter),
    channel: file.kind,
    sender: sender(user),
    fileName: input.file.fileName,
    content: { noSales: false, rows: file.rows, options: { amountUnit: "kroner", labels: FILE_LABELS } },
    today: copenhagenToday(),
  });
}

/** "No sales under the agreement this quarter", from the page. */
export async function declareNoSales(user: CurrentUser, input: { agreementId: number; quarter: string }): Promise<SalesReportResult> {
  const agreement = await scopedAgreement(user, { id: input.agreementId });
  return storeSalesReport({
    agreementId: agreement.id,
    supplierId: agreement.supplierId,
    quarter: quarterOf(input.quarter),
    channel: "XLSX",
    sender: sender(user),
    fileName: null,
    content: { noSales: true },
    today: copenhagenToday(),
  });
}

/** The API's field names, used as the columns of its problems. */
export const API_LABELS: ColumnLabels = { customerCvr: "customerCvr", ean: "ean", categoryCode: "categoryCode", amount: "amountOre", ecommerce: "ecommerce" };

/** A JSON value as a cell: text, numbers and flags as they are; anything else as its JSON text (refused by the check). */
function jsonCell(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}

async function* apiRows(rows: Extract<ApiReport, { rows: unknown }>["rows"]): AsyncGenerator<SalesRowInput[]> {
  const BATCH = 2000;
  for (let start = 0; start < rows.length; start += BATCH) {
    yield rows.slice(start, start + BATCH).map((row, i) => ({
      row: start + i + 1,
      cells: {
        customerCvr: jsonCell(row.customerCvr),
        ean: jsonCell(row.ean),
        categoryCode: jsonCell(row.categoryCode),
        amount: jsonCell(row.amountOre),
        ecommerce: jsonCell(row.ecommerce),
      },
    }));
  }
}

/** A report sent by the supplier's own system with its API key (POST /api/omsaetning). */
export async function receiveApiReport(user: CurrentUser, body: ApiReport): Promise<SalesReportResult> {
  const agreement = await scopedAgreement(user, { reference: body.agreement });
  return storeSalesReport({
    agreementId: agreement.id,
    supplierId: agreement.supplierId,
    quarter: quarterOf(body.quarter),
    channel: "API",
    sender: sender(user),
    fileName: null,
    content: "rows" in body ? { noSales: false, rows: apiRows(body.rows), options: { amountUnit: "ore", labels: API_LABELS } } : { noSales: true },
    today: copenhagenToday(),
  });
}
