import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { XlsxFileError, type XlsxFileProblem } from "@/lib/xlsx/reader";
import { SKEMA_SHEET } from "./skema";
import { readSkemaFile } from "./skema-file";

// The fixtures are made by scripts/make-enrolment-fixtures.ts.
const FIXTURES = path.join(process.cwd(), "tests", "fixtures", "enrolment");
const fixture = (name: string) => ({ name, data: new Uint8Array(readFileSync(path.join(FIXTURES, name))) });
const CATEGORIES = ["1300 Laboratorie"];

async function refusal(file: { name: string; data: Uint8Array }): Promise<{ problem: XlsxFileProblem; message: string; field?: string }> {
  try {
    await readSkemaFile(file, CATEGORIES);
  } catch (error) {
    if (error instanceof XlsxFileError) return { problem: error.problem, message: error.message, field: error.field };
    throw error;
  }
  throw new Error(`${file.name} was read`);
}

describe("reading an uploaded Skema", () => {
  it("reads the good fixture: three rows, no problems", async () => {
    const result = await readSkemaFile(fixture("skema-gyldig.xlsx"), CATEGORIES);
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => r.data.Enhed)).toEqual(["Rådhuset", "Sundhed og Omsorg", "Børn og Unge"]);
  });

  it.each([
    ["skema-makro.xlsm", "macro", ".xlsm"],
    ["skema-makro-omdoebt.xlsx", "macro", "makroer"],
    ["skema-xlsm-indhold.xlsx", "macro", ".xlsm"],
    ["skema-gammel.xls", "not-xlsx", ".xls"],
    ["skema-gammel-omdoebt.xlsx", "legacy-or-encrypted", ".xls"],
    ["skema-csv-omdoebt.xlsx", "not-xlsx", "CSV"],
    ["skema-zipbombe.xlsx", "too-much-content", "pakkes ud"],
    ["skema-zipbombe-falsk-stoerrelse.xlsx", "corrupt", "beskadiget"],
    ["skema-xml-entiteter.xlsx", "xml-entities", "entiteter"],
    ["skema-for-mange-dele.xlsx", "too-much-content", "for mange dele"],
    ["skema-for-mange-raekker.xlsx", "too-much-content", "over 10.000 rækker"],
  ] as const)("refuses %s with a Danish message at the file field", async (name, problem, text) => {
    const refused = await refusal(fixture(name));
    expect(refused).toMatchObject({ problem, field: "file" });
    expect(refused.message).toContain(text);
  });

  it("refuses a file over 5 MB before reading it", async () => {
    const big = { name: "stor.xlsx", data: new Uint8Array(5 * 1024 * 1024 + 1) };
    expect(await refusal(big)).toMatchObject({ problem: "too-large", message: expect.stringContaining("må højst være 5 MB") });
  });

  it("reports formulas, a hidden input sheet and bad rows by sheet, row and column", async () => {
    const formula = await readSkemaFile(fixture("skema-formel.xlsx"), CATEGORIES);
    expect(formula.problems).toEqual([{ sheet: SKEMA_SHEET, row: 2, column: "I", message: "Cellen indeholder en formel. Skriv værdien i stedet." }]);
    const hidden = await readSkemaFile(fixture("skema-skjult-ark.xlsx"), CATEGORIES);
    expect(hidden.problems[0]!.message).toContain("er skjult");
    const rows = await readSkemaFile(fixture("skema-raekkefejl.xlsx"), CATEGORIES);
    expect(rows.rows).toEqual([]);
    expect(rows.problems.map((p) => [p.row, p.column])).toEqual([
      [2, "Enhed"],
      [3, "CVR-nummer"],
      [4, "EAN-lokationsnummer"],
      [5, "E-mail"],
      [7, null],
      [8, "EAN-lokationsnummer"],
    ]);
  }, 30_000);
});
