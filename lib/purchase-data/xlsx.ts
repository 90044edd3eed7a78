/**
 * Streaming xlsx reading for purchase data: the rows of the file on disk (the upload is spooled
 * there) come in batches from lib/xlsx/reader.ts's readXlsxRows, which checks the workbook (zip,
 * sizes, compression ratio, XML, cells, shared strings, styles) and parses it in a worker thread with
 * a heap limit: a million rows in flat memory, and a hostile file is refused in Danish.
 *
 * The data sheet is the first worksheet whose first row is a header of either format (the
 * template's guide sheet is skipped); a second sheet with data in a known format is refused.
 */
import { readXlsxRows, type XlsxCell } from "@/lib/xlsx/reader";
import { matchHeader } from "./formats";
import { PurchaseFileError, type Cell, type FileDescription, type RawRow } from "./types";

/**
 * Sum of all parts' uncompressed sizes. A million purchase rows take about 400 MB; Excel's
 * 1,048,576 rows with long supplier names well under 1 GB.
 */
export const XLSX_MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024;

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** What kind of file the first bytes say it is. */
export function sniffKind(head: Uint8Array): "xlsx" | "xls" | "text" {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "xlsx";
  if (head.length >= 8 && OLE2_MAGIC.equals(Buffer.from(head.subarray(0, 8)))) return "xls";
  return "text";
}

/** A cell as the import's checks take it: an Excel error such as #N/A as its text. */
function purchaseCell(value: XlsxCell): Cell {
  return value !== null && typeof value === "object" && !(value instanceof Date) ? `#${value.error.replace(/^#/, "")}` : value;
}

function isEmptyRow(cells: Cell[]): boolean {
  for (const cell of cells) if (cell !== null && cell !== undefined && cell !== "") return false;
  return true;
}

/** Batches of records of the data sheet; the first record is its header. */
export async function* readXlsxRecords(path: string, describe?: (description: FileDescription) => void): AsyncGenerator<RawRow[]> {
  let dataSheet: string | null = null;
  let headerOnly: RawRow | null = null;
  let firstHeaderProblem: string | null = null;
  let batch: RawRow[] = [];
  let sheet: string | null = null;
  // header: looking for the header row; pending: header found, no data yet; data; skip.
  let state: "header" | "pending" | "data" | "skip" = "header";
  let header: RawRow | null = null;
  for await (const part of readXlsxRows(path, { maxUncompressedBytes: XLSX_MAX_UNCOMPRESSED_BYTES })) {
    if (part.sheet !== sheet) {
      sheet = part.sheet;
      state = "header";
      header = null;
    }
    if (state === "skip") continue;
    for (const row of part.rows) {
      if (state === "skip") break;
      const cells = row.cells.map(purchaseCell);
      if (isEmptyRow(cells)) continue;
      if (state === "header") {
        const match = matchHeader(cells);
        if (!match.ok) {
          firstHeaderProblem ??= `Arket «${sheet}», række ${row.number}: ${match.message.replace(/^Linje 1: /, "")}`;
          state = "skip";
        } else {
          header = { line: row.number, cells };
          headerOnly ??= header;
          state = "pending";
        }
        continue;
      }
      if (state === "pending") {
        if (dataSheet !== null) {
          throw new PurchaseFileError(`Både arket «${dataSheet}» og arket «${sheet}» indeholder indkøbsdata. Send ét ark ad gangen.`);
        }
        dataSheet = sheet;
        describe?.({ kind: "xlsx", sheet });
        batch.push(header!);
        state = "data";
      }
      batch.push({ line: row.number, cells });
      if (batch.length >= 2000) {
        yield batch;
        batch = [];
      }
    }
  }
  if (dataSheet === null) {
    // A sheet with the right header and no data: the import says "only the header".
    if (headerOnly) {
      yield [headerOnly];
      return;
    }
    throw new PurchaseFileError(firstHeaderProblem ?? "Regnearket er tomt: intet ark har en overskriftsrække. Brug skabelonen.");
  }
  if (batch.length > 0) yield batch;
}
