// The worker thread in which lib/xlsx/reader.ts has an uploaded workbook checked (xlsx-guard.mjs)
// and parsed by exceljs, so that a hostile file can at most exhaust the worker's own heap (the
// reader starts it with resourceLimits), never the server's. Plain JavaScript: a worker thread runs
// outside the TypeScript build and the Next.js bundle.
//
// workerData { mode, data | path, guard, maxRowsPerSheet, maxFormulaCells, batchRows }:
// - mode "workbook" (data: the file's bytes): exceljs loads the whole workbook; one message back:
//     { type: "sheets", sheets: [{ name, state, rows: [{ number, cells }], formulas, formulaCount }] }
// - mode "rows" (path: the file on disk): exceljs's streaming reader, in flat memory however many
//   rows; the rows come back in batches, { type: "rows", sheet, state, rows }, then { type: "end" }.
//   At most WINDOW batches are on their way: the reader answers each one taken with "more".
// Either mode may answer instead { type: "refused", problem, detail } (the guard's refusal,
// "corrupt" when exceljs cannot read the file, "too-many-rows" with the sheet's name).
import { parentPort, workerData } from "node:worker_threads";
import ExcelJS from "exceljs";
import { bufferSource, fileSource, guardXlsx, XlsxRefusal } from "./xlsx-guard.mjs";

const WINDOW = 16;

/** A cell's value as plain data: text, number, boolean, Date, null, or { error } (#N/A etc.). */
function cellValue(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value !== "object") return null;
  if ("error" in value) return { error: String(value.error) };
  if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    const result = value.result;
    if (result === undefined || result === null) return null;
    if (typeof result === "object" && !(result instanceof Date)) return "error" in result ? { error: String(result.error) } : null;
    return result;
  }
  if ("hyperlink" in value) {
    const text = value.text;
    if (typeof text === "string") return text;
    if (text && typeof text === "object" && Array.isArray(text.richText)) return text.richText.map((part) => part.text).join("");
    return String(value.hyperlink);
  }
  return null;
}

function isFormula(value) {
  return value !== null && typeof value === "object" && ("formula" in value || "sharedFormula" in value);
}

/** Whole workbook: every sheet's non-empty rows, visibility and formula cells. */
async function readWorkbook({ data, maxRowsPerSheet, maxFormulaCells }) {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  } catch {
    return { type: "refused", problem: "corrupt" };
  }
  const sheets = [];
  for (const worksheet of workbook.worksheets) {
    const rows = [];
    const formulas = [];
    let formulaCount = 0;
    let tooMany = false;
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (tooMany) return;
      const cells = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        if (isFormula(cell.value)) {
          formulaCount++;
          if (formulas.length < maxFormulaCells) formulas.push({ row: rowNumber, column });
        }
        cells[column - 1] = cellValue(cell.value);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      if (cells.some((cell) => cell !== null && cell !== "")) {
        // The first non-empty row is the header: maxRowsPerSheet counts the rows below it.
        if (rows.length > maxRowsPerSheet) tooMany = true;
        else rows.push({ number: rowNumber, cells });
      }
    });
    if (tooMany) return { type: "refused", problem: "too-many-rows", detail: { sheet: worksheet.name } };
    sheets.push({ name: worksheet.name, state: worksheet.state ?? "visible", rows, formulas, formulaCount });
  }
  return { type: "sheets", sheets };
}

let credit = WINDOW;
let wake = null;
parentPort.on("message", (message) => {
  if (message === "more") {
    credit++;
    wake?.();
  }
});

async function send(message) {
  while (credit === 0) await new Promise((resolve) => (wake = resolve));
  wake = null;
  credit--;
  parentPort.postMessage(message);
}

/** Streaming: the rows of every sheet in batches, as exceljs's WorkbookReader reads them. */
async function streamRows({ path, batchRows }) {
  // Styles are not read: the purchase-data formats take dates as text or serial numbers.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    styles: "ignore",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  try {
    for await (const worksheet of reader) {
      const sheet = worksheet.name ?? "Ark";
      const state = worksheet.state ?? "visible";
      let rows = [];
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        // exceljs's row.values is 1-based: index 0 is empty.
        const cells = new Array(Math.max(0, values.length - 1));
        for (let i = 1; i < values.length; i++) cells[i - 1] = cellValue(values[i]);
        rows.push({ number: row.number, cells });
        if (rows.length >= batchRows) {
          await send({ type: "rows", sheet, state, rows });
          rows = [];
        }
      }
      if (rows.length > 0) await send({ type: "rows", sheet, state, rows });
    }
  } catch {
    return { type: "refused", problem: "corrupt" };
  }
  return { type: "end" };
}

async function main(task) {
  const source = task.mode === "rows" ? await fileSource(task.path) : bufferSource(Buffer.from(task.data.buffer, task.data.byteOffset, task.data.byteLength));
  try {
    await guardXlsx(source, task.guard);
  } catch (error) {
    if (error instanceof XlsxRefusal) return { type: "refused", problem: error.problem, detail: error.detail };
    throw error;
  } finally {
    await source.close();
  }
  return task.mode === "rows" ? streamRows(task) : readWorkbook(task);
}

main(workerData).then(
  (result) => send(result),
  () => send({ type: "refused", problem: "corrupt" }),
);
