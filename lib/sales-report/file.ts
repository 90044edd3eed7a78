/**
 * A sales report file on disk (uploads are spooled there) as batches of rows for the one check
 * (rows.ts): CSV as Danish Excel writes it (lib/purchase-data/csv.ts: ";" or ",", decimal comma,
 * Windows-1252 or UTF-8 with or without BOM), or xlsx through the one hardened reader
 * (lib/xlsx/reader.ts: zip and XML checks, then exceljs in a heap-capped worker thread). The kind is
 * told by the first bytes, not the name.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { CSV_READ_CHUNK_BYTES, readCsvRecords } from "@/lib/purchase-data/csv";
import { cellText } from "@/lib/purchase-data/rows";
import { PurchaseFileError, type Cell } from "@/lib/purchase-data/types";
import { sniffKind, XLSX_MAX_UNCOMPRESSED_BYTES } from "@/lib/purchase-data/xlsx";
import { readXlsxRows, type XlsxCell } from "@/lib/xlsx/reader";
import { fileRowInput, matchSalesHeader, SALES_COLUMNS, type SalesColumnKey, type SalesRowInput } from "./rows";

export type SalesFile = { kind: "CSV" | "XLSX"; rows: AsyncIterable<SalesRowInput[]> };

const HEADER_NAMES = new Set(SALES_COLUMNS.filter((c) => c.required).map((c) => c.header.toLowerCase()));

function sheetCell(value: XlsxCell): Cell {
  return value !== null && typeof value === "object" && !(value instanceof Date) ? `#${value.error.replace(/^#/, "")}` : value;
}

function isEmpty(cells: readonly Cell[]): boolean {
  for (const cell of cells) if (cellText(cell) !== "") return false;
  return true;
}

/** Rows of a CSV file: the first record is the header. */
async function* csvRows(path: string): AsyncGenerator<SalesRowInput[]> {
  let indexOf: Partial<Record<SalesColumnKey, number>> | null = null;
  for await (const batch of readCsvRecords(createReadStream(path, { highWaterMark: CSV_READ_CHUNK_BYTES }))) {
    const out: SalesRowInput[] = [];
    for (const record of batch) {
      if (indexOf === null) {
        indexOf = matchSalesHeader(record.cells);
        continue;
      }
      out.push(fileRowInput(record.line, record.cells, indexOf));
    }
    if (out.length > 0) yield out;
  }
  if (indexOf === null) throw new PurchaseFileError("Filen er tom. Brug skabelonen.");
}

/**
 * Rows of the data sheet of a workbook: the first sheet whose first non-empty row names the
 * report's columns (the template's guide and list sheets are passed over).
 */
async function* xlsxRows(path: string): AsyncGenerator<SalesRowInput[]> {
  let dataSheet: string | null = null;
  let indexOf: Partial<Record<SalesColumnKey, number>> | null = null;
  let sheet: string | null = null;
  let looking = false;
  for await (const part of readXlsxRows(path, { maxUncompressedBytes: XLSX_MAX_UNCOMPRESSED_BYTES })) {
    if (part.sheet !== sheet) {
      sheet = part.sheet;
      looking = dataSheet === null;
    }
    if (sheet !== dataSheet && !looking) continue;
    const out: SalesRowInput[] = [];
    for (const row of part.rows) {
      const cells = row.cells.map(sheetCell);
      if (isEmpty(cells)) continue;
      if (looking) {
        looking = false;
        if (!cells.some((cell) => HEADER_NAMES.has(cellText(cell).toLowerCase()))) break;
        dataSheet = sheet;
        indexOf = matchSalesHeader(cells);
        continue;
      }
      out.push(fileRowInput(row.number, cells, indexOf!));
    }
    if (out.length > 0) yield out;
  }
  if (dataSheet === null) {
    throw new PurchaseFileError(
      `Intet ark i regnearket har overskrifterne ${SALES_COLUMNS.filter((c) => c.required).map((c) => `«${c.header}»`).join(", ")} i første række. Brug skabelonen.`,
    );
  }
}

/** Opens a spooled upload as a sales report file. */
export async function salesFile(path: string): Promise<SalesFile> {
  const head = Buffer.alloc(8);
  const handle = await open(path, "r");
  let read: number;
  try {
    ({ bytesRead: read } = await handle.read(head, 0, 8, 0));
  } finally {
    await handle.close();
  }
  if (read === 0) throw new PurchaseFileError("Filen er tom.");
  const kind = sniffKind(head.subarray(0, read));
  if (kind === "xls") {
    throw new PurchaseFileError(
      "Filen er i det gamle Excel-format (.xls) eller beskyttet med adgangskode. Gem den som «Excel-projektmappe (.xlsx)» eller som CSV, og prøv igen.",
    );
  }
  return kind === "xlsx" ? { kind: "XLSX", rows: xlsxRows(path) } : { kind: "CSV", rows: csvRows(path) };
}
