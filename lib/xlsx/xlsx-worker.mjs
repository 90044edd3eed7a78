// The worker thread in which lib/xlsx/reader.ts has exceljs parse an uploaded workbook, so that a
// hostile file can at most exhaust the worker's own heap (the reader starts it with resourceLimits
// and a time limit), never the server's. Plain JavaScript: a worker thread runs outside the
// TypeScript build and the Next.js bundle. It reads workerData { data, maxRowsPerSheet, maxFormulaCells }
// and posts back one message:
//   { ok: true, sheets: [{ name, state, rows: [{ number, cells }], formulas: [{ row, column }], formulaCount }] }
//   { ok: false, problem: "corrupt" } or { ok: false, problem: "too-many-rows", sheet }
import { parentPort, workerData } from "node:worker_threads";
import ExcelJS from "exceljs";

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

async function parse({ data, maxRowsPerSheet, maxFormulaCells }) {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  } catch {
    return { ok: false, problem: "corrupt" };
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
    if (tooMany) return { ok: false, problem: "too-many-rows", sheet: worksheet.name };
    sheets.push({ name: worksheet.name, state: worksheet.state ?? "visible", rows, formulas, formulaCount });
  }
  return { ok: true, sheets };
}

parse(workerData).then(
  (result) => parentPort.postMessage(result),
  () => parentPort.postMessage({ ok: false, problem: "corrupt" }),
);
