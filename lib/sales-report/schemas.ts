import { z } from "zod";
import { isoDay, quarterField } from "@/lib/purchase-data/schemas";

const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message);

export const noSalesSchema = z.object({ agreementId: id("Aftalen mangler."), quarter: quarterField });

export const createSupplierKeySchema = z.object({
  name: z.string({ error: "Giv nøglen et navn." }).trim().min(1, "Giv nøglen et navn, fx navnet på økonomisystemet.").max(100, "Navnet må højst have 100 tegn."),
});

export const revokeSupplierKeySchema = z.object({ keyId: id("Nøglen mangler.") });

export const supplierDeadlineSchema = z.object({ quarter: quarterField, deadline: isoDay });
export const deleteSupplierDeadlineSchema = z.object({ quarter: quarterField });

export const reopenSchema = z.object({
  supplierId: id("Vælg leverandøren."),
  quarter: quarterField,
  until: isoDay,
  reason: z.string().trim().max(500, "Begrundelsen må højst have 500 tegn.").default(""),
});
export const removeReopeningSchema = z.object({ reopeningId: id("Genåbningen mangler.") });

/** One row of the API's body: the file's columns by name, the amount in whole øre. */
const apiRow = z.object({
  customerCvr: z.unknown(),
  ean: z.unknown().optional(),
  categoryCode: z.unknown(),
  amountOre: z.unknown(),
  ecommerce: z.unknown(),
});

/**
 * The JSON API parses its whole body in memory: a million rows take ~400 MB of heap to parse
 * (measured), two such requests per key at once could exhaust a portal process. A report has one
 * row per customer and category, far below this; a larger one goes as a CSV file, which is streamed.
 */
export const API_MAX_ROWS = 100_000;
export const API_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * POST /api/omsaetning: the agreement by its reference, the quarter, and either the rows or
 * `noSales: true`. The shape is checked here; the rows' content by the one row check (rows.ts),
 * so the API's problems read as the file's, with the field names as columns.
 */
export const apiReportSchema = z.union([
  z.object({ agreement: z.string().trim().min(1).max(100), quarter: quarterField, noSales: z.literal(true) }).strict(),
  z
    .object({ agreement: z.string().trim().min(1).max(100), quarter: quarterField, noSales: z.literal(false).optional(), rows: z.array(apiRow).min(1).max(API_MAX_ROWS, `Højst ${API_MAX_ROWS.toLocaleString("da-DK")} rækker pr. forespørgsel; send en større indberetning som CSV-fil.`) })
    .strict(),
]);
export type ApiReport = z.infer<typeof apiReportSchema>;
