import { describe, expect, it } from "vitest";
import type { XlsxCell, XlsxSheet } from "@/lib/xlsx/reader";
import { AGREEMENT_SHEET, checkImportReferences, IMPORT_TEMPLATE, parseImportWorkbook, SUPPLIER_SHEET } from "./import-rules";

function sheet(name: string, rows: XlsxCell[][]): XlsxSheet {
  return { name, rows: rows.map((cells, i) => ({ number: i + 1, cells })) };
}

const SUPPLIER_HEADINGS = SUPPLIER_SHEET.columns.map((c) => c.header);
const AGREEMENT_HEADINGS = AGREEMENT_SHEET.columns.map((c) => c.header);
const existing = {
  phaseNumbers: new Set([11, 12]),
  institutionCvrs: new Set(["13748136"]),
  categoryCodes: new Set(["1920"]),
  supplierCvrs: new Set<string>(),
};

describe("the import file's sheets and columns", () => {
  it("reads rows by heading, in any column order, with aliases and ignoring extra columns", () => {
    const parsed = parseImportWorkbook([
      sheet("Vejledning", [["Tekst"]]),
      sheet(" leverandører ", [
        ["Bemærkning", "navn", "Kategorikode", "CVR"],
        ["x", "Kontorgrossisten A/S", "1920", 13748136],
      ]),
    ]);
    expect(parsed.fileProblems).toEqual([]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.sheetsFound).toEqual(["Leverandører"]);
    expect(parsed.suppliers).toEqual([{ row: 2, input: { cvr: "13748136", name: "Kontorgrossisten A/S", categoryCode: "1920" } }]);
  });

  it("refuses a sheet that lacks a column, naming the sheet and the column", () => {
    const parsed = parseImportWorkbook([sheet("Leverandører", [["CVR-nummer", "Kategorikode"], ["13748136", "1920"]])]);
    expect(parsed.fileProblems).toEqual([
      { sheet: "Leverandører", row: 1, column: "Navn", message: "Arket «Leverandører» mangler kolonnen «Navn» i række 1." },
    ]);
    expect(parsed.suppliers).toEqual([]);
  });

  it("refuses a file without any known sheet", () => {
    const parsed = parseImportWorkbook([sheet("Ark1", [["CVR"]])]);
    expect(parsed.fileProblems[0]!.message).toMatch(/ingen af arkene «Kategorier», «Leverandører» og «Aftaler»/);
  });
});

describe("row problems", () => {
  it("give sheet, row, column and a Danish reason for each bad cell, and keep good rows apart", () => {
    const parsed = parseImportWorkbook([
      sheet("Leverandører", [
        SUPPLIER_HEADINGS,
        ["13748136", "God leverandør", ""],
        ["12345678", "", "19"],
        ["DK 13748136", "Samme CVR", ""],
        [{ error: "#N/A" }, "Fejlcelle", ""],
      ]),
    ]);
    expect(parsed.problems).toEqual([
      { sheet: "Leverandører", row: 3, column: "CVR-nummer", message: expect.stringContaining("kontrolcifferet passer ikke") },
      { sheet: "Leverandører", row: 3, column: "Navn", message: "Skriv leverandørens navn." },
      { sheet: "Leverandører", row: 3, column: "Kategorikode", message: expect.stringContaining("fire cifre") },
      { sheet: "Leverandører", row: 4, column: "CVR-nummer", message: expect.stringContaining("står også i række 2") },
      { sheet: "Leverandører", row: 5, column: "CVR-nummer", message: "Cellen indeholder Excel-fejlen #N/A." },
    ]);
    expect(parsed.suppliers.map((r) => r.row)).toEqual([2]);
  });

  it("apply the agreement rules: phase by kind, owner, date range, and references to the file and database", () => {
    const row = (values: Record<string, XlsxCell>) => AGREEMENT_HEADINGS.map((h) => values[h] ?? null);
    const base = {
      Reference: "SIP 12.20",
      Navn: "Kontorartikler",
      Aftaletype: "Forpligtende central",
      Fase: 12,
      "Gyldig fra": new Date(Date.UTC(2026, 0, 1)),
      "Gyldig til": "31-12-2029",
      Kategorikoder: "1920, 1210",
      "Leverandør-CVR": "13748136",
    };
    const parsed = parseImportWorkbook([
      sheet("Kategorier", [
        ["Kategorikode", "Indkøbskategori", "Forpligtende aftaler", "Kontrakttype"],
        ["1210", "Rengøring", "Ja", ""],
        ["1211", "Ombygning", "Nej", "Bygge og anlæg"],
        ["1212", "Tolkning", "Nej", "tolkeydelser"],
      ]),
      sheet("Leverandører", [SUPPLIER_HEADINGS, ["13748136", "Kontorgrossisten A/S", "1210"]]),
      sheet("Aftaler", [
        AGREEMENT_HEADINGS,
        row(base),
        row({ ...base, Reference: "SKI 1", Aftaletype: "Frivillig SKI" }),
        row({ ...base, Reference: "SIP 13.01", Fase: 13 }),
        row({ ...base, Reference: "EGEN 1", Aftaletype: "Egen", Fase: null, "Ejer-CVR": "24256790" }),
        row({ ...base, Reference: "SIP 12.21", "Gyldig fra": "2030-01-01" }),
      ]),
    ]);
    expect(parsed.fileProblems).toEqual([]);
    expect(parsed.categories.map((r) => [r.input.code, r.input.contractType])).toEqual([
      ["1210", "SUPPLIES_SERVICES"],
      ["1211", "WORKS"],
    ]);
    checkImportReferences(parsed, existing);
    expect(parsed.problems).toEqual([
      { sheet: "Kategorier", row: 4, column: "Kontrakttype", message: expect.stringContaining("Ukendt kontrakttype «tolkeydelser»") },
      { sheet: "Aftaler", row: 3, column: "Fase", message: expect.stringContaining("SKI-aftale hører ikke til en fase") },
      { sheet: "Aftaler", row: 4, column: "Fase", message: expect.stringContaining("Fase 13 findes ikke") },
      { sheet: "Aftaler", row: 5, column: "Ejer-CVR", message: "Der er ingen institution med CVR-nummer 24256790." },
      { sheet: "Aftaler", row: 6, column: "Gyldig til", message: expect.stringContaining("Slutdatoen ligger før startdatoen") },
    ]);
    // The first agreement refers to a category and a supplier that exist only in the same file.
    expect(parsed.agreements.map((r) => r.input.reference)).toEqual(["SIP 12.20"]);
  });
});

describe("the template", () => {
  it("has a guide and the three sheets, each column described", () => {
    expect(IMPORT_TEMPLATE.sheets.map((s) => s.name)).toEqual(["Kategorier", "Leverandører", "Aftaler"]);
    for (const s of IMPORT_TEMPLATE.sheets) for (const c of s.columns) expect(c.description.length).toBeGreaterThan(5);
  });
});
