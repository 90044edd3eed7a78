import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { UserError } from "@/lib/action-result";

/**
 * The one way the portal reads an uploaded xlsx file (exceljs stays behind this module).
 *
 * Here, in the server's thread, only what the first bytes tell: size (default 5 MB), and the zip
 * magic bytes "PK\x03\x04" (an old .xls or a password-protected workbook is an OLE2 file and gets
 * its own message; a text file such as a CSV renamed to .xlsx is named as such). Everything else
 * happens in a worker thread (xlsx-worker.mjs) with a heap limit, so that whatever the file does,
 * the server's own memory stays bounded: first the checks of xlsx-guard.mjs (the zip's directory
 * and layout, sizes and compression ratio, DTDs, XML depth, and no more cells, shared strings and
 * styles than a sheet can need), then exceljs. Workers share one memory budget: an upload waits
 * for its turn rather than push the process past it.
 *
 * - readXlsx: the whole workbook from memory (Skema, master data), every sheet's non-empty rows
 *   with visibility and formula cells;
 * - readXlsxRows: a workbook on disk streamed in batches of rows (purchase data, up to Excel's
 *   1,048,576 rows), in flat memory on both sides.
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
  | "too-much-content"
  | "compression-ratio"
  | "xml-too-deep"
  | "token-too-large"
  | "cell-too-large"
  | "row-too-wide"
  | "shared-strings"
  | "styles"
  | "busy";

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

/** Rows of one sheet as readXlsxRows streams them (all rows, empty ones included). */
export type XlsxRowBatch = { sheet: string; state: "visible" | "hidden" | "veryHidden"; rows: XlsxRow[] };

export type XlsxReadOptions = {
  maxBytes?: number;
  maxUncompressedBytes?: number;
  maxEntries?: number;
  /** Non-empty rows per sheet below the first one (the header row); readXlsx only. */
  maxRowsPerSheet?: number;
  /** The parsing worker's heap limit (V8 old generation), in MB. */
  workerHeapMb?: number;
  /**
   * readXlsx: the parsing worker is stopped after this long. readXlsxRows: after this long without
   * a batch while the caller waits for one.
   */
  timeoutMs?: number;
};

export const XLSX_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULTS: Required<XlsxReadOptions> = {
  maxBytes: XLSX_MAX_BYTES,
  maxUncompressedBytes: 40 * 1024 * 1024,
  maxEntries: 1000,
  maxRowsPerSheet: 100_000,
  workerHeapMb: 256,
  timeoutMs: 60_000,
};

/**
 * The heap all parsing workers of the process may hold at once, in MB. With the server's own
 * ~250 MB and each worker's ~60 MB beside its heap, the process stays under 1 GB whatever is uploaded.
 */
export const WORKER_HEAP_BUDGET_MB = 512;
/** How long an upload waits for its turn in that budget before it is turned away. */
const BUDGET_WAIT_MS = 120_000;
/** Rows per batch that readXlsxRows receives. */
const BATCH_ROWS = 2000;

/** How many formula cells per sheet readXlsx lists (it counts them all). */
export const MAX_FORMULA_CELLS = 200;

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const ZIP_LOCAL = 0x04034b50;
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
  busy: "Portalen læser mange regneark lige nu. Prøv igen om et par minutter.",
  compressionRatio:
    "Filen er pakket usædvanligt tæt (en del fylder over 100 gange mere, når den pakkes ud), som en zip-bombe, og modtages ikke. Gem regnearket igen fra Excel, og prøv igen.",
  xmlTooDeep: "Filens XML er indlejret i over 100 niveauer, hvad et regneark fra Excel aldrig er, og filen modtages ikke.",
  tokenTooLarge: "Filen indeholder en tekst eller et XML-element på over 1 MB, hvad et almindeligt regneark aldrig har, og filen modtages ikke.",
  cellTooLarge: "En celle i regnearket fylder over 1 MB, men en celle i Excel kan højst rumme 32.767 tegn. Filen modtages ikke.",
  rowTooWide: "En række i regnearket har over 16.384 celler (Excels grænse). Filen modtages ikke.",
  sheetTooLong: "Et ark i regnearket har over 1.048.576 rækker (Excels grænse). Filen modtages ikke.",
  sharedStrings:
    "Regnearkets teksttabel har flere tekster, end arkene har celler til. Det skriver Excel aldrig, og filen modtages ikke. Gem regnearket igen fra Excel, og prøv igen.",
  styles: "Regnearket har over 65.490 formater på en af sine lister over typografier (Excels grænse) og modtages ikke. Gem det igen fra Excel.",
} as const;

/** The Danish refusal for a problem the worker (xlsx-guard.mjs, exceljs) reports. */
function refusal(problem: string, detail: { count?: number; limit?: number; sheet?: string }, limits: Required<XlsxReadOptions>): XlsxFileError {
  switch (problem) {
    case "too-many-entries":
      return new XlsxFileError("too-much-content", `Filen indeholder for mange dele (${detail.count}) til at være et almindeligt regneark.`);
    case "too-much-content":
      return new XlsxFileError(
        "too-much-content",
        `Regnearket fylder for meget, når det pakkes ud (over ${megabytes(limits.maxUncompressedBytes)} MB). Del det op i flere filer.`,
      );
    case "too-many-rows":
      return new XlsxFileError(
        "too-much-content",
        `Arket «${detail.sheet}» har over ${limits.maxRowsPerSheet.toLocaleString("da-DK")} rækker. Del det op i flere filer.`,
      );
    case "sheet-too-long":
      return new XlsxFileError("too-much-content", MESSAGES.sheetTooLong);
    case "macro":
      return new XlsxFileError("macro", MESSAGES.macro);
    case "macro-workbook":
      return new XlsxFileError("macro", MESSAGES.macroWorkbook);
    case "zip-not-xlsx":
      return new XlsxFileError("zip-not-xlsx", MESSAGES.zipNotXlsx);
    case "legacy-or-encrypted":
      return new XlsxFileError("legacy-or-encrypted", MESSAGES.legacy);
    case "xml-entities":
      return new XlsxFileError("xml-entities", MESSAGES.xmlEntities);
    case "compression-ratio":
      return new XlsxFileError("compression-ratio", MESSAGES.compressionRatio);
    case "xml-too-deep":
      return new XlsxFileError("xml-too-deep", MESSAGES.xmlTooDeep);
    case "token-too-large":
      return new XlsxFileError("token-too-large", MESSAGES.tokenTooLarge);
    case "cell-too-large":
      return new XlsxFileError("cell-too-large", MESSAGES.cellTooLarge);
    case "row-too-wide":
      return new XlsxFileError("row-too-wide", MESSAGES.rowTooWide);
    case "shared-strings":
      return new XlsxFileError("shared-strings", MESSAGES.sharedStrings);
    case "styles":
      return new XlsxFileError("styles", MESSAGES.styles);
    default:
      return new XlsxFileError("corrupt", MESSAGES.corrupt); // "corrupt", "zip64"
  }
}

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

/** What the first bytes tell: refuses an empty file, one too large, and one that is no zip at all. */
function checkFirstBytes(data: Buffer, limits: Required<XlsxReadOptions>): void {
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
}

/** The parsing workers' shared heap budget: a worker starts when its heap fits, in turn. */
class HeapBudget {
  private used = 0;
  private readonly waiting: { mb: number; start: () => void }[] = [];

  constructor(private readonly totalMb: number) {}

  async acquire(mb: number, waitMs: number): Promise<() => void> {
    const need = Math.min(mb, this.totalMb);
    if (this.waiting.length > 0 || this.used + need > this.totalMb) {
      await new Promise<void>((resolve, reject) => {
        const waiter = { mb: need, start: () => (clearTimeout(timer), resolve()) };
        const timer = setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(new XlsxFileError("busy", MESSAGES.busy));
        }, waitMs);
        this.waiting.push(waiter);
      });
    } else {
      this.used += need;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= need;
      while (this.waiting.length > 0 && this.used + this.waiting[0]!.mb <= this.totalMb) {
        const next = this.waiting.shift()!;
        this.used += next.mb;
        next.start();
      }
    };
  }
}

const globalForBudget = globalThis as unknown as { xlsxHeapBudget?: HeapBudget };
const budget = (globalForBudget.xlsxHeapBudget ??= new HeapBudget(WORKER_HEAP_BUDGET_MB));

type WorkerMessage =
  | { type: "refused"; problem: string; detail?: { count?: number; limit?: number; sheet?: string } }
  | { type: "sheets"; sheets: Required<XlsxSheet>[] }
  | ({ type: "rows" } & XlsxRowBatch)
  | { type: "end" };

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

/**
 * A parsing worker within the heap budget, as a queue of its messages: `next` waits for the next
 * one (at most `timeoutMs`), `close` stops the worker and returns its share of the budget. A worker
 * that runs out of heap or time ends in the "too complex" refusal; any other failure is logged and
 * ends in the "corrupt" one: nothing an upload does to the worker reaches the user as a 500.
 */
async function startWorker(task: Record<string, unknown>, limits: Required<XlsxReadOptions>) {
  const file = workerFile();
  const release = await budget.acquire(limits.workerHeapMb, BUDGET_WAIT_MS);
  const worker = new Worker(file, {
    workerData: {
      ...task,
      guard: { maxUncompressedBytes: limits.maxUncompressedBytes, maxEntries: limits.maxEntries },
      maxRowsPerSheet: limits.maxRowsPerSheet,
      maxFormulaCells: MAX_FORMULA_CELLS,
      batchRows: BATCH_ROWS,
    },
    resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 },
    stdout: true,
    stderr: true,
  });
  const queue: (WorkerMessage | XlsxFileError)[] = [];
  let waiter: (() => void) | null = null;
  let finished = false;
  const push = (item: WorkerMessage | XlsxFileError) => {
    if (finished) return;
    if (item instanceof XlsxFileError) finished = true;
    queue.push(item);
    waiter?.();
  };
  worker.on("message", (message: WorkerMessage) => push(message));
  worker.once("error", (error: Error & { code?: string }) => {
    if (error.code !== "ERR_WORKER_OUT_OF_MEMORY") console.error("The xlsx parsing worker failed", error);
    push(new XlsxFileError(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "too-much-content" : "corrupt", error.code === "ERR_WORKER_OUT_OF_MEMORY" ? MESSAGES.tooComplex : MESSAGES.corrupt));
  });
  worker.once("exit", () => push(new XlsxFileError("corrupt", MESSAGES.corrupt)));
  return {
    async next(timeoutMs: number): Promise<WorkerMessage> {
      if (queue.length === 0) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          waiter = resolve;
          timer = setTimeout(() => push(new XlsxFileError("too-much-content", MESSAGES.tooComplex)), timeoutMs);
        });
        clearTimeout(timer);
        waiter = null;
      }
      const item = queue.shift()!;
      if (item instanceof XlsxFileError) throw item;
      if (item.type === "refused") throw refusal(item.problem, item.detail ?? {}, limits);
      return item;
    },
    more(): void {
      worker.postMessage("more");
    },
    async close(): Promise<void> {
      finished = true;
      await worker.terminate();
      release();
    },
  };
}

/**
 * Checks and reads every worksheet's non-empty rows of a workbook in memory, in a worker thread.
 * Throws XlsxFileError with a Danish message when the file is refused.
 */
export async function readXlsx(input: Uint8Array, options: XlsxReadOptions = {}): Promise<XlsxSheet[]> {
  const limits = { ...DEFAULTS, ...options };
  const data = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  checkFirstBytes(data, limits);
  const worker = await startWorker({ mode: "workbook", data: new Uint8Array(data) }, limits);
  try {
    const message = await worker.next(limits.timeoutMs);
    if (message.type !== "sheets") throw new XlsxFileError("corrupt", MESSAGES.corrupt);
    return message.sheets;
  } finally {
    await worker.close();
  }
}

/**
 * Checks the workbook in the file at `path` and streams the rows of its worksheets in batches, in
 * a worker thread: however many rows, neither side holds more than a few batches. The caller's
 * file check (first bytes, size) comes first. Throws XlsxFileError with a Danish message when the
 * file is refused; leaving the loop early stops the worker.
 */
export async function* readXlsxRows(filePath: string, options: XlsxReadOptions = {}): AsyncGenerator<XlsxRowBatch> {
  const limits = { ...DEFAULTS, ...options };
  const worker = await startWorker({ mode: "rows", path: filePath }, limits);
  try {
    for (;;) {
      const message = await worker.next(limits.timeoutMs);
      if (message.type === "end") return;
      if (message.type !== "rows") throw new XlsxFileError("corrupt", MESSAGES.corrupt);
      yield { sheet: message.sheet, state: message.state, rows: message.rows };
      worker.more();
    }
  } finally {
    await worker.close();
  }
}
