import { MAX_SKEMA_ROWS, validateSkema, type SkemaResult } from "@/lib/enrolment/skema";
import { checkXlsxFileName, readXlsx } from "@/lib/xlsx/reader";

/**
 * Reads an uploaded Skema: the file name (.xlsx only), the zip's directory and content (before
 * any parsing), then exceljs in a worker thread with memory limits (lib/xlsx/reader.ts), then
 * every row (skema.ts). A refused file throws XlsxFileError (a UserError on the field "file");
 * row problems come back in the result. No database: the service (service.ts) stores the result.
 */
export async function readSkemaFile(file: { name: string; data: Uint8Array }, categories: readonly string[]): Promise<SkemaResult> {
  checkXlsxFileName(file.name);
  const sheets = await readXlsx(file.data, { maxRowsPerSheet: MAX_SKEMA_ROWS });
  return validateSkema(sheets, categories);
}
