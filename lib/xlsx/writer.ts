/**
 * The one adapter over exceljs for WRITING xlsx files (exceljs 4.4 has had no release since 2023;
 * keep every use of its writer here). It writes one sheet, streaming:
 *
 *   row 1  the title (bold)
 *   row 2  "Udtrukket <date>" (the day of extraction in Danish, Europe/Copenhagen)
 *   row 3  the column headers: frozen (the view pane stays put when scrolling) and with an autofilter
 *   row 4… the data rows, one per item of an async iterable, committed as they come, so memory
 *          stays flat however many rows the caller streams from the database.
 *
 * Cells are typed per column: "number" columns hold numbers, "date" columns real Excel dates with a
 * Danish date format, "text" columns strings with the Text number format ("@"), so identifiers such
 * as CVR and EAN numbers keep their leading zeros and never turn into scientific notation.
 *
 * Formula injection: a cell is only ever given a JavaScript string, number or Date, never an object,
 * so exceljs never writes a formula (`<f>`) element; a string cell in xlsx is never evaluated, and
 * the Text format keeps it text even when a user edits the cell. `=1+1`, `+45`, `-3` and `@SUM(A1)`
 * therefore arrive as the literal text, unchanged (no prefix is added).
 *
 * No "server-only" here: scripts (benchmarks) and tests use it too.
 */
import { once } from "node:events";
import { PassThrough, type Writable } from "node:stream";
import type { Style, Worksheet } from "exceljs";
// Only the streaming writer, not the package's main entry: that also loads the reader, the
// in-memory workbook and CSV, about 11 MB of resident memory an export does not need.
import WorkbookWriter from "exceljs/lib/stream/xlsx/workbook-writer.js";
import { formatDate } from "../format";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Where things are in every sheet this module writes (1-based, as in Excel). */
export const TITLE_ROW = 1;
export const EXTRACTED_ROW = 2;
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;

/** The Danish short date, as Excel shows it with Danish regional settings: 05-03-2026. */
export const DANISH_DATE_FORMAT = "dd-mm-yyyy";
/** Excel's "Text" number format. */
const TEXT_FORMAT = "@";
/** Excel refuses cells longer than this (it "repairs" the file). */
export const MAX_CELL_TEXT = 32_767;
/** Excel's limit on sheet names, and the characters it forbids in them. */
const MAX_SHEET_NAME = 31;
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/;

export type XlsxColumnType = "text" | "number" | "date";

/** What a column's value function may return; null and undefined give an empty cell. */
export type XlsxValue = string | number | bigint | boolean | Date | null | undefined;

export type XlsxColumn<Row> = {
  /** The header text (Danish). */
  header: string;
  /**
   * "text": written as a string (numbers are turned into their digits; booleans into Ja/Nej);
   * "number": a finite number, or a bigint within ±2^53 (Excel's numbers are doubles);
   * "date": a Date or an ISO "YYYY-MM-DD" string, written as that day in Copenhagen.
   */
  type: XlsxColumnType;
  /** Column width in characters (Excel's unit). */
  width: number;
  value: (row: Row) => XlsxValue;
  /** Excel number format for "number" columns, e.g. "0" (default: General). */
  numFmt?: string;
};

export type XlsxSheetSpec<Row> = {
  /** The worksheet's tab name: at most 31 characters, none of []:*?/\ */
  sheetName: string;
  /** The title in row 1. */
  title: string;
  columns: readonly XlsxColumn<Row>[];
};

export type XlsxWriteOptions = {
  /** The time of extraction shown in row 2 (default: now). */
  extractedAt?: Date;
  /** Stops the writing (e.g. the client went away); the returned promise then rejects. */
  signal?: AbortSignal;
};

export type XlsxWriteResult = {
  /** Data rows written (without title, date and header rows). */
  rows: number;
};

/** How often (in data rows) the writer lets compression and the output catch up. */
const BACKPRESSURE_EVERY_ROWS = 100;

function assertSpec(spec: XlsxSheetSpec<unknown>): void {
  if (!spec.sheetName || spec.sheetName.length > MAX_SHEET_NAME || SHEET_NAME_FORBIDDEN.test(spec.sheetName)) {
    throw new Error(`Invalid sheet name for Excel: ${JSON.stringify(spec.sheetName)}`);
  }
  if (spec.columns.length === 0) throw new Error("A sheet needs at least one column");
  for (const column of spec.columns) {
    if (!(column.width > 0 && column.width <= 255)) throw new Error(`Column ${column.header}: width must be 1-255`);
  }
}

const copenhagenDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Copenhagen",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const DAY_MS = 86_400_000;

/**
 * The calendar day of `value` in Copenhagen, as a Date at UTC midnight (exceljs turns a Date into
 * an Excel serial by its UTC time, so UTC midnight is exactly that day, with no time part).
 * PostgreSQL `date` columns arrive as UTC midnight already and are taken as they are.
 */
function excelDay(value: Date | string, header: string): Date {
  if (typeof value === "string") {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`Column ${header}: not an ISO date: ${value}`);
    const day = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(day.getTime())) throw new Error(`Column ${header}: not a date: ${value}`);
    return day;
  }
  const time = value.getTime();
  if (Number.isNaN(time)) throw new Error(`Column ${header}: invalid date`);
  if (time % DAY_MS === 0) return value;
  return new Date(`${copenhagenDay.format(value)}T00:00:00Z`);
}

function cellValue(column: XlsxColumn<never>, raw: XlsxValue): string | number | Date | null {
  if (raw === null || raw === undefined) return null;
  switch (column.type) {
    case "text": {
      // Only ever a primitive string: exceljs would read objects as formulas, hyperlinks, rich text.
      const text = typeof raw === "string" ? raw : typeof raw === "boolean" ? (raw ? "Ja" : "Nej") : raw instanceof Date ? formatDate(raw) : String(raw);
      return text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
    }
    case "number": {
      if (typeof raw === "number" && Number.isFinite(raw)) return raw;
      if (typeof raw === "bigint" && raw <= BigInt(Number.MAX_SAFE_INTEGER) && raw >= BigInt(Number.MIN_SAFE_INTEGER)) {
        return Number(raw);
      }
      throw new Error(`Column ${column.header}: not a number that Excel can hold exactly: ${String(raw)}`);
    }
    case "date": {
      if (raw instanceof Date || typeof raw === "string") return excelDay(raw, column.header);
      throw new Error(`Column ${column.header}: not a date: ${String(raw)}`);
    }
  }
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error("Skrivningen af regnearket blev afbrudt.");
}

/** True when a write to `stream` was refused for now; also for readable-stream 2 (used by archiver). */
function needsDrain(stream: Writable): boolean {
  if (stream.destroyed) return false;
  const state = (stream as unknown as { _writableState?: { needDrain?: boolean } })._writableState;
  return stream.writableNeedDrain ?? state?.needDrain ?? false;
}

/** Waits until `target` has room again (or is gone), so a slow reader never makes us buffer the file. */
async function waitForRoom(target: Writable, signal: AbortSignal | undefined): Promise<void> {
  if (!needsDrain(target)) return;
  const controller = new AbortController();
  const stop = () => controller.abort();
  signal?.addEventListener("abort", stop, { once: true });
  try {
    await Promise.race([
      once(target, "drain", { signal: controller.signal }),
      once(target, "close", { signal: controller.signal }),
    ]);
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    controller.abort();
    signal?.removeEventListener("abort", stop);
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * exceljs writes each committed row into the sheet's buffer and on into the zip without heeding
 * backpressure, so a producer faster than deflate (or than the client) would pile the file up in
 * memory. The sheet's buffer pipes into the zip's input stream; when that stream asks for a
 * drain, wait for it. Reaches into exceljs internals (StreamBuf.pipes, exceljs 4.4): when they are
 * not there, fall back to yielding to the event loop.
 */
function zipInputs(sheet: Worksheet): Writable[] | undefined {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown } }).stream?.pipes;
  return Array.isArray(pipes) ? (pipes as Writable[]) : undefined;
}

/**
 * Writes the sheet to `target` as an xlsx file and ends `target`. Resolves when the whole file has
 * been handed to `target`. On an error (from `rows`, the target or an abort) `target` is destroyed
 * with the error, so a reader never mistakes a broken file for a complete one, and the promise
 * rejects.
 */
export async function writeXlsx<Row>(
  target: Writable,
  spec: XlsxSheetSpec<Row>,
  rows: AsyncIterable<Row> | Iterable<Row>,
  options: XlsxWriteOptions = {},
): Promise<XlsxWriteResult> {
  assertSpec(spec as XlsxSheetSpec<unknown>);
  const { signal } = options;
  const columnCount = spec.columns.length;
  const workbook = new WorkbookWriter({
    stream: target,
    useStyles: true,
    // Strings go to the shared-string table (t="s"), as Excel itself writes them. The table holds
    // each distinct string once, which for these lists (names repeated across rows) is small.
    useSharedStrings: true,
  });
  workbook.creator = "Statens Indkøb";
  workbook.lastModifiedBy = "Statens Indkøb";
  const created = options.extractedAt ?? new Date();
  workbook.created = created;
  workbook.modified = created;

  let written = 0;
  try {
    if (signal?.aborted) throw abortError(signal);
    const sheet = workbook.addWorksheet(spec.sheetName, {
      views: [{ state: "frozen", xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${FIRST_DATA_ROW}`, activeCell: `A${FIRST_DATA_ROW}` }],
      pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
    });
    // One style object per column, shared by all its data cells: exceljs caches a style's id by
    // object identity, so shared objects save it from re-serialising the style of every cell.
    const columnStyles: Partial<Style>[] = spec.columns.map((column) =>
      column.type === "text"
        ? { numFmt: TEXT_FORMAT }
        : column.type === "date"
          ? { numFmt: DANISH_DATE_FORMAT, alignment: { horizontal: "left" } }
          : column.numFmt
            ? { numFmt: column.numFmt }
            : {},
    );
    // Likewise one (empty) style object for all data rows: exceljs gives each new row its own `{}`,
    // which misses that cache and re-serialises the row's style for every row (a tenth of the
    // export's allocations). The file is byte for byte the same.
    const rowStyle: Partial<Style> = {};
    // Column widths and styles must be set before the first row is committed (they are written
    // with it); the column style also formats cells a user adds later (a typed CVR stays text).
    sheet.columns = spec.columns.map((column, c) => ({ width: column.width, style: columnStyles[c] }));

    const titleRow = sheet.addRow([spec.title]);
    titleRow.getCell(1).font = { bold: true, size: 14 };
    titleRow.height = 21;
    titleRow.commit();
    sheet.addRow([`Udtrukket ${formatDate(created)}`]).commit();

    const headerRow = sheet.addRow(spec.columns.map((column) => column.header));
    for (let c = 1; c <= columnCount; c++) {
      const cell = headerRow.getCell(c);
      cell.font = { bold: true };
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE6E6E6" } };
      cell.border = { bottom: { style: "thin", color: { argb: "FF747474" } } };
      cell.alignment = { vertical: "top" };
    }
    headerRow.commit();

    const values: (string | number | Date | null)[] = new Array(columnCount);
    for await (const row of rows) {
      if (signal?.aborted) throw abortError(signal);
      for (let c = 0; c < columnCount; c++) {
        const column = spec.columns[c]!;
        values[c] = cellValue(column as XlsxColumn<never>, column.value(row));
      }
      const sheetRow = sheet.addRow(values);
      (sheetRow as unknown as { style: Partial<Style> }).style = rowStyle; // not in exceljs's types
      for (let c = 0; c < columnCount; c++) sheetRow.getCell(c + 1).style = columnStyles[c]!;
      sheetRow.commit();
      written++;
      if (written % BACKPRESSURE_EVERY_ROWS === 0) {
        // Let zlib and the output stream catch up (see zipInputs).
        const inputs = zipInputs(sheet);
        if (inputs) for (const input of inputs) await waitForRoom(input, signal);
        else await yieldToEventLoop();
        await waitForRoom(target, signal);
        if (target.destroyed) throw new Error("Modtageren af regnearket er lukket.");
      }
    }
    if (signal?.aborted) throw abortError(signal);

    sheet.autoFilter = {
      from: { row: HEADER_ROW, column: 1 },
      to: { row: HEADER_ROW + Math.max(written, 1), column: columnCount },
    };
    sheet.commit();
    await workbook.commit();
    return { rows: written };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    // Stop the zip and break the output: a half-written file must not look complete.
    (workbook as unknown as { zip?: { abort?: () => void } }).zip?.abort?.();
    if (!target.destroyed) target.destroy(failure);
    throw failure;
  }
}

/**
 * A web ReadableStream of the xlsx file, for route handlers. Pull-based: the sheet is produced only
 * as fast as the client reads it. Cancelling the stream (the client went away) stops the writer and
 * with it the iteration of `rows` (an async generator's `finally` runs). An error while writing
 * errors the stream, so the download fails visibly instead of ending in a truncated file.
 */
export function xlsxReadableStream<Row>(
  spec: XlsxSheetSpec<Row>,
  rows: AsyncIterable<Row> | Iterable<Row>,
  options: Omit<XlsxWriteOptions, "signal"> = {},
): ReadableStream<Uint8Array> {
  const controller = new AbortController();
  const pipe = new PassThrough({ highWaterMark: 64 * 1024 });
  const chunks = pipe[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let writing: Promise<unknown> | undefined;
  const start = () => {
    writing ??= writeXlsx(pipe, spec, rows, { ...options, signal: controller.signal }).catch((error: unknown) => {
      if (!controller.signal.aborted) console.error("Writing an xlsx download failed", error);
    });
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(stream) {
        start();
        const { value, done } = await chunks.next();
        if (done) stream.close();
        else stream.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      },
      cancel(reason) {
        // The writer sees the abort at its next row (or the destroyed pipe) and ends the iteration of
        // `rows`; it is not awaited here, a stalled zip must not hold up the cancellation.
        const error = reason instanceof Error ? reason : new Error("Download afbrudt af modtageren.");
        controller.abort(error);
        // Before the first pull nothing listens on the pipe yet: an error there would be uncaught
        // (a download cancelled before it began, e.g. refused by the client at once).
        pipe.destroy(writing ? error : undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * `Content-Disposition: attachment` with the file name, plus an RFC 5987 `filename*` when the name
 * is not plain ASCII (e.g. "indkøb.xlsx").
 */
export function attachmentDisposition(fileName: string): string {
  const DANISH: Record<string, string> = { æ: "ae", ø: "oe", å: "aa", Æ: "Ae", Ø: "Oe", Å: "Aa" };
  const ascii =
    fileName
      .replace(/[æøåÆØÅ]/g, (c) => DANISH[c]!)
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\]/g, "_") || "download.xlsx";
  if (ascii === fileName) return `attachment; filename="${ascii}"`;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The response headers of an xlsx download. */
export function xlsxHeaders(fileName: string): Record<string, string> {
  return {
    "Content-Type": XLSX_CONTENT_TYPE,
    "Content-Disposition": attachmentDisposition(fileName),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

/** A streaming download Response for a route handler. */
export function xlsxResponse<Row>(
  fileName: string,
  spec: XlsxSheetSpec<Row>,
  rows: AsyncIterable<Row> | Iterable<Row>,
  options: Omit<XlsxWriteOptions, "signal"> & { headers?: Record<string, string> } = {},
): Response {
  const { headers, ...writeOptions } = options;
  return new Response(xlsxReadableStream(spec, rows, writeOptions), {
    status: 200,
    headers: { ...xlsxHeaders(fileName), ...headers },
  });
}

/**
 * Takes the first item of `source` now, so a failure to start (the database is down) surfaces
 * before a 200 response is sent; the returned iterable yields that item and then the rest.
 */
export async function primeAsyncIterable<T>(source: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  let used = false;
  return {
    [Symbol.asyncIterator]() {
      if (used) throw new Error("A primed iterable can be iterated once");
      used = true;
      let pending: IteratorResult<T> | undefined = first;
      return {
        next() {
          if (pending) {
            const result = pending;
            pending = undefined;
            return Promise.resolve(result);
          }
          return iterator.next();
        },
        return(value?: unknown) {
          pending = undefined;
          return iterator.return ? iterator.return(value) : Promise.resolve({ done: true, value: undefined });
        },
      };
    },
  };
}
