import { describe, expect, it } from "vitest";
import { cvrWithCheck, eanWithCheck } from "@/lib/domain/identifiers";
import type { XlsxCell, XlsxSheet } from "@/lib/xlsx/reader";
import { MAX_LISTED_PROBLEMS, SKEMA_SHEET, skemaColumns, skemaTemplateSpec, validateSkema } from "./skema";

const CATEGORIES = ["1440 Software og licenser"];
const HEADERS = skemaColumns(CATEGORIES).map((c) => c.header);
const EAN_1 = eanWithCheck("579000000001");
const EAN_2 = eanWithCheck("579000000002");

function row(overrides: Partial<Record<string, XlsxCell>> = {}): XlsxCell[] {
  const values: Record<string, XlsxCell> = {
    Enhed: "Rådhuset",
    "CVR-nummer": "13748136",
    "EAN-lokationsnummer": EAN_1,
    Leveringsadresse: "Rådhuspladsen 2, 8000 Aarhus C",
    Kontaktperson: "Line Østergaard Nielsen",
    "E-mail": "line@kommune.example.dk",
    Telefon: "+45 89 40 20 01",
    Indkøbskategori: "1440 Software og licenser",
    "Forventet årligt forbrug (kr.)": 250000,
    "E-handel": "Ja",
    ...overrides,
  };
  return HEADERS.map((header) => values[header] ?? null);
}

function sheet(rows: XlsxCell[][], extra: Partial<XlsxSheet> = {}): XlsxSheet[] {
  return [
    { name: "Vejledning", rows: [{ number: 1, cells: ["Skema"] }], state: "visible" },
    { name: SKEMA_SHEET, rows: [HEADERS, ...rows].map((cells, i) => ({ number: i + 1, cells })), state: "visible", formulas: [], formulaCount: 0, ...extra },
  ];
}

describe("validateSkema", () => {
  it("accepts good rows, keyed by heading, with identifiers normalised and numbers as text", () => {
    const result = validateSkema(sheet([row(), row({ Enhed: "Skoler", "EAN-lokationsnummer": Number(EAN_2), "CVR-nummer": "DK 13 74 81 36", "E-mail": "SKOLE@Kommune.example.dk", Telefon: null, "E-handel": "nej" })]), CATEGORIES);
    expect(result.problems).toEqual([]);
    expect(result.rows).toHaveLength(2);
    expect(result.rows[1]).toEqual({
      rowNumber: 3,
      data: {
        Enhed: "Skoler",
        "CVR-nummer": "13748136",
        "EAN-lokationsnummer": EAN_2,
        Leveringsadresse: "Rådhuspladsen 2, 8000 Aarhus C",
        Kontaktperson: "Line Østergaard Nielsen",
        "E-mail": "skole@kommune.example.dk",
        Indkøbskategori: "1440 Software og licenser",
        "Forventet årligt forbrug (kr.)": "250000",
        "E-handel": "Nej",
      },
    });
  });

  it("reports every bad cell by sheet, row, column and reason, and keeps no rows", () => {
    const badCvr = String(Number(cvrWithCheck("1374813")) + 1);
    const result = validateSkema(
      sheet([
        row({ Enhed: null, "CVR-nummer": badCvr }),
        row({ "EAN-lokationsnummer": "5790000000009", "E-mail": "ikke-en-mail", Telefon: "abc" }),
        row({ Indkøbskategori: "9999 Andet", "E-handel": "Måske", "Forventet årligt forbrug (kr.)": "mange" }),
        row({ "E-mail": { error: "#N/A" } }),
      ]),
      CATEGORIES,
    );
    expect(result.rows).toEqual([]);
    const at = (r: number, column: string) => result.problems.find((p) => p.row === r && p.column === column)?.message;
    expect(result.problems.every((p) => p.sheet === SKEMA_SHEET)).toBe(true);
    expect(at(2, "Enhed")).toBe("Skal udfyldes.");
    expect(at(2, "CVR-nummer")).toContain("ikke et gyldigt CVR-nummer");
    expect(at(3, "EAN-lokationsnummer")).toContain("ikke et gyldigt EAN-lokationsnummer");
    expect(at(3, "E-mail")).toContain("ikke en gyldig e-mailadresse");
    expect(at(3, "Telefon")).toContain("telefonnummer");
    expect(at(4, "Indkøbskategori")).toContain("1440 Software og licenser");
    expect(at(4, "E-handel")).toContain("Ja, Nej");
    expect(at(4, "Forventet årligt forbrug (kr.)")).toContain("beløb");
    expect(at(5, "E-mail")).toContain("#N/A");
    expect(result.totalProblems).toBe(result.problems.length);
  });

  it("refuses duplicate rows and the same EAN location twice", () => {
    const result = validateSkema(sheet([row(), row(), row({ Enhed: "Andet navn" })]), CATEGORIES);
    expect(result.problems).toEqual([
      { sheet: SKEMA_SHEET, row: 3, column: null, message: "Rækken er en gentagelse af række 2." },
      { sheet: SKEMA_SHEET, row: 4, column: "EAN-lokationsnummer", message: expect.stringContaining("står også i række 2") },
    ]);
  });

  it("ignores the template's untouched example row, and needs at least one row", () => {
    const example = skemaColumns(CATEGORIES).map((c) => c.example);
    expect(validateSkema(sheet([example, row()]), CATEGORIES)).toMatchObject({ problems: [], rows: [{ rowNumber: 3 }] });
    expect(validateSkema(sheet([example]), CATEGORIES).problems[0]!.message).toContain("ingen udfyldte rækker");
  });

  it("refuses formulas, a hidden input sheet, a missing sheet and missing headings", () => {
    const formulas = validateSkema(sheet([row()], { formulas: [{ row: 2, column: 9 }], formulaCount: 1 }), CATEGORIES);
    expect(formulas.problems).toEqual([{ sheet: SKEMA_SHEET, row: 2, column: "I", message: "Cellen indeholder en formel. Skriv værdien i stedet." }]);
    expect(formulas.rows).toEqual([]);
    expect(validateSkema(sheet([row()], { state: "hidden" }), CATEGORIES).problems[0]!.message).toContain("er skjult");
    expect(validateSkema(sheet([row()], { state: "veryHidden" }), CATEGORIES).problems[0]!.message).toContain("er skjult");
    expect(validateSkema([{ name: "Ark1", rows: [] }], CATEGORIES).problems[0]!.message).toContain("«Skema» findes ikke");
    const noEmail = [{ name: SKEMA_SHEET, rows: [{ number: 1, cells: HEADERS.filter((h) => h !== "E-mail") }] }];
    expect(validateSkema(noEmail, CATEGORIES).problems[0]).toMatchObject({ row: 1, message: expect.stringContaining("«E-mail» mangler") });
  });

  it("lists at most MAX_LISTED_PROBLEMS problems but counts them all", () => {
    const rows = Array.from({ length: MAX_LISTED_PROBLEMS + 10 }, (_, i) => row({ Enhed: `Enhed ${i}`, "CVR-nummer": "12345678" }));
    const result = validateSkema(sheet(rows), CATEGORIES);
    expect(result.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(result.totalProblems).toBe(MAX_LISTED_PROBLEMS + 10);
  });

  it("builds a template whose example row and drop-downs come from the agreement", () => {
    const spec = skemaTemplateSpec({ reference: "SIP 10.02", name: "Standardsoftware", categories: [{ code: "1440", name: "Software og licenser" }] });
    expect(spec.title).toContain("Standardsoftware (SIP 10.02)");
    const [input] = spec.sheets;
    expect(input).toMatchObject({ name: SKEMA_SHEET, exampleRow: true });
    expect(input!.columns.find((c) => c.header === "Indkøbskategori")!.choices).toEqual(CATEGORIES);
    expect(input!.columns.filter((c) => c.text).map((c) => c.header)).toEqual(["CVR-nummer", "EAN-lokationsnummer", "Telefon"]);
  });
});
