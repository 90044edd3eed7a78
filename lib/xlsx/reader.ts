import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { UserError } from "@/lib/action-result";

/**
 * The one way the portal reads an uploaded xlsx file (exceljs stays behind this module).
 *
 * exceljs has no guard against hostile zip files, so the file is checked before it is parsed:
 * 1. size (default 5 MB) and the zip magic bytes "PK\x03\x04" (an old .xls or a password-protected
 *    workbook is an OLE2 file and gets its own message);
 * 2. the zip's central directory, read here: entry count, no encryption, no zip64, an
 *    `[Content_Types].xml` and `xl/workbook.xml` (else it is some other zip), no macro part
 *    `xl/vbaProject.bin`;
 * 3. every entry is inflated with a ceiling (zlib's maxOutputLength) and must have the size the
 *    directory declares, and all of them together at most `maxUncompressedBytes` (a zip bomb is
 *    refused before exceljs unpacks it);
 * then exceljs reads the workbook and the cells come back as plain values.
 */

export type XlsxFileProblem =
  | "empty"
  | "too-large"
  | "not-xlsx"
  | "legacy-or-encrypted"
  | "zip-not-xlsx"
  | "macro"
  | "corrupt"
  | "too-much-content";

/** The file cannot be read; the message says why, in Danish, for the user. */
export class XlsxFileError extends UserError {
  constructor(
    readonly problem: XlsxFileProblem,
    message: string,
    field = "file",
  ) {
    super(message, field);
    this.name = "XlsxFileError";
  }
}

/** A cell's value: text, number, boolean, date (UTC), empty, or an Excel error such as #N/A. */
export type XlsxCell = string | number | boolean | Date | null | { error: string };

export type XlsxRow = {
  /** The row number as Excel shows it (1 = the first row). */
  number: number;
  /** The cells from column A on (index 0 = column A); missing cells are null. */
  cells: XlsxCell[];
};

export type XlsxSheet = { name: string; rows: XlsxRow[] };

export type XlsxReadOptions = {
  maxBytes?: number;
  maxUncompressedBytes?: number;
  maxEntries?: number;
  maxRowsPerSheet?: number;
};

export const XLSX_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULTS: Required<XlsxReadOptions> = {
  maxBytes: XLSX_MAX_BYTES,
  maxUncompressedBytes: 40 * 1024 * 1024,
  maxEntries: 1000,
  maxRowsPerSheet: 100_000,
};

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toLocaleString("da-DK", { maximumFractionDigits: 1 });
}

const MESSAGES = {
  empty: "Filen er tom.",
  notXlsx: "Filen er ikke et Excel-regneark (xlsx). Gem filen som «Excel-projektmappe (.xlsx)», og prøv igen.",
  legacy:
    "Filen er ikke et xlsx-regneark: den er en gammel Excel-fil (.xls) eller beskyttet med adgangskode. Gem den som «Excel-projektmappe (.xlsx)» uden adgangskode, og prøv igen.",
  zipNotXlsx: "Filen er en zip-fil, men ikke et Excel-regneark (xlsx).",
  macro:
    "Filen indeholder makroer (xl/vbaProject.bin) og modtages ikke. Gem den som almindelig «Excel-projektmappe (.xlsx)» uden makroer, og prøv igen.",
  corrupt: "Filen er beskadiget og kan ikke læses som et Excel-regneark (xlsx).",
} as const;

export type ZipEntry = {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
};

function corrupt(): XlsxFileError {
  return new XlsxFileError("corrupt", MESSAGES.corrupt);
}

/** Reads the central directory of a zip file (no zip64, single disk). Throws XlsxFileError "corrupt". */
export function readZipDirectory(data: Buffer, maxEntries = DEFAULTS.maxEntries): ZipEntry[] {
  const minEnd = Math.max(0, data.length - 22 - 0xffff);
  let end = -1;
  for (let i = data.length - 22; i >= minEnd; i--) {
    if (data.readUInt32LE(i) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw corrupt();
  const count = data.readUInt16LE(end + 10);
  const size = data.readUInt32LE(end + 12);
  const offset = data.readUInt32LE(end + 16);
  if (data.readUInt16LE(end + 4) !== 0 || data.readUInt16LE(end + 6) !== 0 || count === 0xffff || offset === 0xffffffff) {
    throw corrupt(); // multi-disk or zip64: no spreadsheet program writes a small xlsx like that
  }
  if (count > maxEntries) throw new XlsxFileError("too-much-content", `Filen indeholder for mange dele (${count}) til at være et almindeligt regneark.`);
  if (offset + size > end) throw corrupt();

  const entries: ZipEntry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || data.readUInt32LE(at) !== ZIP_CENTRAL) throw corrupt();
    const nameLength = data.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    if (next > end) throw corrupt();
    entries.push({
      flags: data.readUInt16LE(at + 8),
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      uncompressedSize: data.readUInt32LE(at + 24),
      localOffset: data.readUInt32LE(at + 42),
      name: data.toString("utf8", at + 46, at + 46 + nameLength),
    });
    at = next;
  }
  return entries;
}

/** Inflates one entry, never beyond its declared size; throws "corrupt" when the data disagree. */
function inflateEntry(data: Buffer, entry: ZipEntry): number {
  const at = entry.localOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== ZIP_LOCAL) throw corrupt();
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  const stop = start + entry.compressedSize;
  if (stop > data.length) throw corrupt();
  const compressed = data.subarray(start, stop);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw corrupt();
    return compressed.length;
  }
  if (entry.method !== 8) throw corrupt();
  try {
    const output = inflateRawSync(compressed, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    if (output.length !== entry.uncompressedSize) throw corrupt();
    return output.length;
  } catch (error) {
    if (error instanceof XlsxFileError) throw error;
    throw corrupt(); // invalid deflate data, or more data than declared
  }
}

/**
 * Checks that `data` is a plain xlsx workbook that is safe to hand to exceljs. Throws XlsxFileError
 * with the reason otherwise. Exported for tests and for callers that only want the check.
 */
export function checkXlsxFile(data: Buffer, options: XlsxReadOptions = {}): void {
  const limits = { ...DEFAULTS, ...options };
  if (data.length === 0) throw new XlsxFileError("empty", MESSAGES.empty);
  if (data.length > limits.maxBytes) {
    throw new XlsxFileError("too-large", `Filen er for stor (${megabytes(data.length)} MB). Den må højst være ${megabytes(limits.maxBytes)} MB.`);
  }
  if (data.length >= 8 && OLE2_MAGIC.every((byte, i) => data[i] === byte)) {
    throw new XlsxFileError("legacy-or-encrypted", MESSAGES.legacy);
  }
  if (data.length < 4 || data.readUInt32LE(0) !== ZIP_LOCAL) throw new XlsxFileError("not-xlsx", MESSAGES.notXlsx);

  const entries = readZipDirectory(data, limits.maxEntries);
  const names = new Set(entries.map((entry) => entry.name.replace(/^\//, "").toLowerCase()));
  if (names.has("xl/vbaproject.bin")) throw new XlsxFileError("macro", MESSAGES.macro);
  if (!names.has("[content_types].xml") || !names.has("xl/workbook.xml")) throw new XlsxFileError("zip-not-xlsx", MESSAGES.zipNotXlsx);
  if (entries.some((entry) => entry.flags & 0x1)) throw new XlsxFileError("legacy-or-encrypted", MESSAGES.legacy);

  const tooMuch = new XlsxFileError(
    "too-much-content",
    `Regnearket fylder for meget, når det pakkes ud (over ${megabytes(limits.maxUncompressedBytes)} MB). Del det op i flere filer.`,
  );
  let declared = 0;
  for (const entry of entries) declared += entry.uncompressedSize;
  if (declared > limits.maxUncompressedBytes) throw tooMuch;
  // The declared sizes are only a claim: inflate each entry with that ceiling to hold the file to it.
  for (const entry of entries) {
    if (entry.name.endsWith("/") && entry.uncompressedSize === 0) continue;
    inflateEntry(data, entry);
  }
}

function cellValue(value: ExcelJS.CellValue): XlsxCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if ("error" in value) return { error: String(value.error) };
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return null;
    if (typeof result === "object" && !(result instanceof Date)) return "error" in result ? { error: String((result as { error: unknown }).error) } : null;
    return result as string | number | boolean | Date;
  }
  if ("hyperlink" in value) {
    const text = (value as { text?: unknown }).text;
    if (typeof text === "string") return text;
    if (text && typeof text === "object" && "richText" in text) {
      return (text as { richText: { text: string }[] }).richText.map((part) => part.text).join("");
    }
    return String(value.hyperlink);
  }
  return null;
}

/** Checks the file (see checkXlsxFile) and reads every worksheet's non-empty rows. */
export async function readXlsx(input: Uint8Array, options: XlsxReadOptions = {}): Promise<XlsxSheet[]> {
  const limits = { ...DEFAULTS, ...options };
  const data = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  checkXlsxFile(data, limits);

  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's type names its own Buffer; Node's is the same thing.
    await workbook.xlsx.load(data as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw corrupt();
  }

  const sheets: XlsxSheet[] = [];
  for (const worksheet of workbook.worksheets) {
    const rows: XlsxRow[] = [];
    let tooMany = false;
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rows.length >= limits.maxRowsPerSheet) {
        tooMany = true;
        return;
      }
      const cells: XlsxCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        cells[column - 1] = cellValue(cell.value);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      if (cells.some((cell) => cell !== null && cell !== "")) rows.push({ number: rowNumber, cells });
    });
    if (tooMany) {
      throw new XlsxFileError(
        "too-much-content",
        `Arket «${worksheet.name}» har over ${limits.maxRowsPerSheet.toLocaleString("da-DK")} rækker. Del det op i flere filer.`,
      );
    }
    sheets.push({ name: worksheet.name, rows });
  }
  return sheets;
}
