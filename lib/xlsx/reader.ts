import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { inflateRawSync } from "node:zlib";
import { UserError } from "@/lib/action-result";

/**
 * The one way the portal reads an uploaded xlsx file (exceljs stays behind this module).
 *
 * exceljs has no guard against hostile zip files, so the file is checked before it is parsed:
 * 1. size (default 5 MB) and the zip magic bytes "PK\x03\x04" (an old .xls or a password-protected
 *    workbook is an OLE2 file and gets its own message; a text file such as a CSV renamed to .xlsx
 *    is named as such);
 * 2. the zip's central directory, read here: entry count, no encryption, no zip64, an
 *    `[Content_Types].xml` and `xl/workbook.xml` (else it is some other zip), no macro parts
 *    (`vbaProject.bin`, Excel 4 macro sheets, ActiveX controls);
 * 3. the declared uncompressed sizes together at most `maxUncompressedBytes`; then every entry is
 *    inflated with a ceiling (zlib's maxOutputLength) and must have the size the directory declares
 *    (a zip bomb is refused before exceljs unpacks it, whether its directory tells the truth or not);
 * 4. no XML part declares a DTD (`<!DOCTYPE`, `<!ENTITY`): OOXML never does, and entity expansion
 *    ("billion laughs") is how a small XML part becomes a huge one; a macro-enabled workbook
 *    (.xlsm, .xltm) renamed to .xlsx is recognised by its content type;
 * then exceljs reads the workbook in a worker thread (xlsx-worker.mjs) with a heap limit and a time
 * limit, so that whatever the file does, the server's own memory stays bounded. The cells come back
 * as plain values, with each sheet's visibility and the cells that hold formulas.
 */

export type XlsxFileProblem =
  | "empty"
  | "too-large"
  | "not-xlsx"
  | "legacy-or-encrypted"
  | "zip-not-xlsx"
  | "macro"
  | "corrupt"
  | "xml-entities"
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

export type XlsxSheet = {
  name: string;
  rows: XlsxRow[];
  /** Whether Excel shows the sheet (readXlsx always says; hand-made sheets may leave it out). */
  state?: "visible" | "hidden" | "veryHidden";
  /** Cells that hold a formula (the first MAX_FORMULA_CELLS), row and column 1-based. */
  formulas?: { row: number; column: number }[];
  /** All cells that hold a formula. */
  formulaCount?: number;
};

export type XlsxReadOptions = {
  maxBytes?: number;
  maxUncompressedBytes?: number;
  maxEntries?: number;
  /** Non-empty rows per sheet below the first one (the header row). */
  maxRowsPerSheet?: number;
  /** The parsing worker's heap limit (V8 old generation), in MB. */
  workerHeapMb?: number;
  /** The parsing worker is stopped after this long. */
  timeoutMs?: number;
};

export const XLSX_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULTS: Required<XlsxReadOptions> = {
  maxBytes: XLSX_MAX_BYTES,
  maxUncompressedBytes: 40 * 1024 * 1024,
  maxEntries: 1000,
  maxRowsPerSheet: 100_000,
  workerHeapMb: 384,
  timeoutMs: 60_000,
};

/** How many formula cells per sheet readXlsx lists (it counts them all). */
export const MAX_FORMULA_CELLS = 200;

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
  csv: "Filen er ikke et Excel-regneark (xlsx), men en tekstfil (fx CSV), der er omdøbt til .xlsx. Åbn den i Excel, og gem den som «Excel-projektmappe (.xlsx)».",
  macro:
    "Filen indeholder makroer og modtages ikke. Gem den som almindelig «Excel-projektmappe (.xlsx)» uden makroer, og prøv igen.",
  macroWorkbook:
    "Filen er en projektmappe med makroer (.xlsm), der er omdøbt til .xlsx, og modtages ikke. Gem den som almindelig «Excel-projektmappe (.xlsx)», og prøv igen.",
  corrupt: "Filen er beskadiget og kan ikke læses som et Excel-regneark (xlsx).",
  xmlEntities:
    "Filen indeholder XML-definitioner (DTD/entiteter), som et almindeligt regneark aldrig har, og modtages ikke. Gem den igen fra Excel som «Excel-projektmappe (.xlsx)».",
  tooComplex: "Regnearket er for stort eller for komplekst til at blive læst. Del det op i flere filer, og prøv igen.",
} as const;

/**
 * Checks an upload's file name before its content: only .xlsx is taken, and the usual wrong
 * formats get their own message. Throws XlsxFileError.
 */
export function checkXlsxFileName(fileName: string, field = "file"): void {
  const extension = path.extname(fileName).toLowerCase();
  if (extension === ".xlsx") return;
  const message =
    extension === ".xlsm" || extension === ".xltm"
      ? "Filen er en projektmappe med makroer (.xlsm), og den modtages ikke. Gem den som «Excel-projektmappe (.xlsx)» uden makroer, og prøv igen."
      : extension === ".xls"
        ? "Filen er en gammel Excel-fil (.xls). Gem den som «Excel-projektmappe (.xlsx)», og prøv igen."
        : extension === ".csv"
          ? "Filen er en CSV-fil. Brug skabelonen, og gem den som «Excel-projektmappe (.xlsx)»."
          : `Filen skal være et Excel-regneark (.xlsx), men hedder «${fileName.slice(0, 100)}».`;
  throw new XlsxFileError(extension === ".xlsm" || extension === ".xltm" ? "macro" : "not-xlsx", message, field);
}

/** True when the start of the file looks like text (a CSV or other text file), not binary data. */
function looksLikeText(data: Buffer): boolean {
  const sample = data.subarray(0, 4096);
  if (sample.length === 0) return false;
  let printable = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte === 9 || byte === 10 || byte === 13 || byte >= 32) printable++;
  }
  return printable / sample.length > 0.95;
}

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
function inflateEntry(data: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== ZIP_LOCAL) throw corrupt();
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  const stop = start + entry.compressedSize;
  if (stop > data.length) throw corrupt();
  const compressed = data.subarray(start, stop);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw corrupt();
    return compressed;
  }
  if (entry.method !== 8) throw corrupt();
  try {
    const output = inflateRawSync(compressed, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    if (output.length !== entry.uncompressedSize) throw corrupt();
    return output;
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
  if (data.length < 4 || data.readUInt32LE(0) !== ZIP_LOCAL) {
    throw new XlsxFileError("not-xlsx", looksLikeText(data) ? MESSAGES.csv : MESSAGES.notXlsx);
  }

  const entries = readZipDirectory(data, limits.maxEntries);
  const names = new Set(entries.map((entry) => entry.name.replace(/^\//, "").toLowerCase()));
  if ([...names].some(isMacroPart)) throw new XlsxFileError("macro", MESSAGES.macro);
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
    const content = inflateEntry(data, entry);
    const name = entry.name.toLowerCase();
    if (name.endsWith(".xml") || name.endsWith(".rels") || name.endsWith(".vml")) {
      if (content.includes("<!DOCTYPE") || content.includes("<!ENTITY")) throw new XlsxFileError("xml-entities", MESSAGES.xmlEntities);
      if (name.replace(/^\//, "") === "[content_types].xml" && content.includes("macroEnabled")) {
        throw new XlsxFileError("macro", MESSAGES.macroWorkbook);
      }
    }
  }
}

/** Parts that carry code: VBA projects, Excel 4 macro sheets, ActiveX controls. */
function isMacroPart(name: string): boolean {
  return name.endsWith("vbaproject.bin") || name.startsWith("xl/macrosheets/") || name.startsWith("xl/activex/");
}

type WorkerResult =
  | { ok: true; sheets: Required<XlsxSheet>[] }
  | { ok: false; problem: "corrupt" }
  | { ok: false; problem: "too-many-rows"; sheet: string };

/**
 * The worker's source, under the project root: the server, scripts and tests all run from there,
 * and a path relative to this module would point into the Next.js bundle instead.
 */
function workerFile(): string {
  const candidates = [path.join(process.cwd(), "lib", "xlsx", "xlsx-worker.mjs")];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`The xlsx parsing worker is missing (looked for ${candidates.join(", ")})`);
  return found;
}

/** Lets exceljs parse the (already checked) file in a worker thread with a heap and a time limit. */
function parseInWorker(data: Buffer, limits: Required<XlsxReadOptions>): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), {
      workerData: { data: new Uint8Array(data), maxRowsPerSheet: limits.maxRowsPerSheet, maxFormulaCells: MAX_FORMULA_CELLS },
      resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new XlsxFileError("too-much-content", MESSAGES.tooComplex))), limits.timeoutMs);
    worker.once("message", (result: WorkerResult) => settle(() => resolve(result)));
    worker.once("error", (error: Error & { code?: string }) =>
      settle(() => reject(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? new XlsxFileError("too-much-content", MESSAGES.tooComplex) : error)),
    );
    worker.once("exit", (code) => settle(() => reject(new Error(`The xlsx parsing worker stopped with exit code ${code}`))));
  });
}

/**
 * Checks the file (see checkXlsxFile) and reads every worksheet's non-empty rows, in a worker
 * thread. Throws XlsxFileError with a Danish message when the file is refused.
 */
export async function readXlsx(input: Uint8Array, options: XlsxReadOptions = {}): Promise<XlsxSheet[]> {
  const limits = { ...DEFAULTS, ...options };
  const data = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  checkXlsxFile(data, limits);

  const result = await parseInWorker(data, limits);
  if (result.ok) return result.sheets;
  if (result.problem === "too-many-rows") {
    throw new XlsxFileError(
      "too-much-content",
      `Arket «${result.sheet}» har over ${limits.maxRowsPerSheet.toLocaleString("da-DK")} rækker. Del det op i flere filer.`,
    );
  }
  throw corrupt();
}
