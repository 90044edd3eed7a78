import { isValidCvr, isValidEan, normalizeCvr, normalizeEan } from "@/lib/domain/identifiers";
import type { XlsxCell, XlsxSheet } from "@/lib/xlsx/reader";
import type { TemplateColumn, TemplateSpec } from "@/lib/xlsx/template";

/**
 * The "Skema" workbook a voluntary customer fills in with its Bilag 7 enrolment: one row per unit
 * (enhed) and EAN location number that will buy on the agreement. This module holds the format
 * (for the template and for reading it back) and the row rules, without I/O:
 * - the input sheet «Skema» must be there, visible, with every column heading in row 1;
 * - no cell anywhere holds a formula;
 * - every row: required fields, CVR modulus 11, EAN/GLN check digit, e-mail, known values in the
 *   columns with fixed values, numbers where numbers belong, no duplicate rows (same EAN);
 * - the template's example row, left as it was, is ignored.
 * Every problem is reported with sheet, row, column and reason, in Danish.
 */

export const SKEMA_SHEET = "Skema";
/** Data rows the input sheet may hold (the reader refuses more before they are validated). */
export const MAX_SKEMA_ROWS = 10_000;
/** Problems listed to the user (all of them are counted). */
export const MAX_LISTED_PROBLEMS = 500;
const MAX_TEXT = 200;

export type SkemaField = "unit" | "cvr" | "ean" | "address" | "contactName" | "email" | "phone" | "category" | "annualSpend" | "ecommerce";

export type SkemaColumn = TemplateColumn & { field: SkemaField };

const YES_NO = ["Ja", "Nej"] as const;

/** The agreement's categories as the drop-down offers them, e.g. "1440 Software og licenser". */
export function categoryChoice(category: { code: string; name: string }): string {
  return `${category.code} ${category.name}`;
}

/** The input sheet's columns; `categories` are the agreement's (the drop-down's values). */
export function skemaColumns(categories: readonly string[]): SkemaColumn[] {
  return [
    { field: "unit", header: "Enhed", required: true, description: "Den enhed (afdeling, skole, plejecenter …), der skal købe ind på aftalen.", example: "Rådhuset", width: 30 },
    {
      field: "cvr",
      header: "CVR-nummer",
      required: true,
      text: true,
      description: "Enhedens CVR-nummer: 8 cifre. Som regel jeres institutions CVR-nummer.",
      example: "13748136",
      width: 14,
    },
    {
      field: "ean",
      header: "EAN-lokationsnummer",
      required: true,
      text: true,
      description: "Det EAN-lokationsnummer (13 cifre), som fakturaer til enheden sendes til.",
      example: "4260304620007",
      width: 20,
    },
    { field: "address", header: "Leveringsadresse", required: true, description: "Adresse, som varer og ydelser leveres til.", example: "Rådhuspladsen 2, 8000 Aarhus C", width: 34 },
    { field: "contactName", header: "Kontaktperson", required: true, description: "Enhedens kontaktperson for aftalen.", example: "Line Østergaard Nielsen", width: 26 },
    { field: "email", header: "E-mail", required: true, description: "Kontaktpersonens e-mail.", example: "indkoeb@kommune.example.dk", width: 30 },
    { field: "phone", header: "Telefon", required: false, text: true, description: "Kontaktpersonens telefonnummer.", example: "+45 89 40 20 01", width: 16 },
    {
      field: "category",
      header: "Indkøbskategori",
      required: false,
      choices: categories.length > 0 ? categories : undefined,
      description: "Den af aftalens indkøbskategorier, enheden især skal købe i. Vælg fra listen.",
      example: categories[0] ?? "",
      width: 34,
    },
    {
      field: "annualSpend",
      header: "Forventet årligt forbrug (kr.)",
      required: false,
      description: "Skøn over enhedens årlige køb på aftalen i hele kroner ekskl. moms. Tilmeldingen forpligter ikke.",
      example: "250000",
      width: 18,
    },
    {
      field: "ecommerce",
      header: "E-handel",
      required: false,
      choices: YES_NO,
      description: "Ja, hvis enheden vil bestille via e-handel (fx IndFak), hvor aftalen giver mulighed for det.",
      example: "Ja",
      width: 12,
    },
  ];
}

/** The template workbook's text and columns for one agreement. */
export function skemaTemplateSpec(agreement: { reference: string; name: string; categories: readonly { code: string; name: string }[] }): TemplateSpec {
  return {
    title: `Skema – tilmelding til ${agreement.name} (${agreement.reference})`,
    intro: [
      "Skemaet hører til Bilag 7 og udfyldes af frivillige kunder, der vil tilmelde sig aftalen.",
      `Udfyld arket «${SKEMA_SHEET}» med én række pr. enhed og EAN-lokationsnummer, der skal kunne købe ind på aftalen.`,
      "Række 2 er et eksempel. Skriv over den, eller slet den: står den uændret, bliver den ikke læst.",
      "Skriv værdier, ikke formler. Behold arkets navn og overskrifterne i række 1, og lad arket være synligt.",
      "CVR- og EAN-kolonnerne er formateret som tekst, så Excel ikke ændrer numrene.",
      `Arket må højst have ${MAX_SKEMA_ROWS.toLocaleString("da-DK")} rækker. Gem filen som «Excel-projektmappe (.xlsx)» (højst 5 MB, uden makroer).`,
      "Indsend skemaet sammen med Bilag 7 i portalen på aftalens side. Tilmeldingen forpligter ikke til at købe.",
    ],
    sheets: [
      {
        name: SKEMA_SHEET,
        description: "Én række pr. enhed. Kolonner med «Ja» under «Påkrævet» skal udfyldes.",
        columns: skemaColumns(agreement.categories.map(categoryChoice)),
        exampleRow: true,
      },
    ],
  };
}

export type SkemaProblem = {
  sheet: string;
  /** Excel's row number (1 = the heading row); null for a problem with the whole sheet or file. */
  row: number | null;
  /** The column heading (or the column letter), or null for the whole row or sheet. */
  column: string | null;
  message: string;
};

/** One validated row, keyed by the column headings (as stored in EnrolmentRow.data). */
export type SkemaRow = { rowNumber: number; data: Record<string, string> };

export type SkemaResult = { rows: SkemaRow[]; problems: SkemaProblem[]; totalProblems: number };

function normalizeHeading(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A cell as the text the user sees; numbers without exponent or grouping. */
function cellText(cell: XlsxCell | undefined): string | { error: string } {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number") return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  if (typeof cell === "boolean") return cell ? "Ja" : "Nej";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return { error: cell.error };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{6,19}$/;

/** A Danish amount in whole kroner or with decimal comma ("250.000", "250000,50"); null if not one. */
function parseKroner(text: string): number | null {
  const compact = text.replace(/\s|kr\.?/gi, "");
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(compact) || /^\d+(,\d{1,2})?$/.test(compact)) {
    return Number(compact.replace(/\./g, "").replace(",", "."));
  }
  if (/^\d+(\.\d{1,2})?$/.test(compact)) return Number(compact);
  return null;
}

/**
 * Validates the filled-in Skema. `categories` are the agreement's category choices. The result's
 * rows are usable only when `problems` is empty.
 */
export function validateSkema(sheets: readonly XlsxSheet[], categories: readonly string[]): SkemaResult {
  const problems: SkemaProblem[] = [];
  let total = 0;
  const report = (problem: SkemaProblem) => {
    total++;
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push(problem);
  };
  const done = (rows: SkemaRow[]): SkemaResult => ({ rows: total === 0 ? rows : [], problems, totalProblems: total });

  // Formulas anywhere: a formula's value is whatever Excel last computed, and may hide a link.
  for (const sheet of sheets) {
    for (const cell of sheet.formulas ?? []) {
      report({ sheet: sheet.name, row: cell.row, column: columnLetter(cell.column - 1), message: "Cellen indeholder en formel. Skriv værdien i stedet." });
    }
    const unlisted = (sheet.formulaCount ?? 0) - (sheet.formulas?.length ?? 0);
    if (unlisted > 0) report({ sheet: sheet.name, row: null, column: null, message: `Yderligere ${unlisted} celler indeholder formler.` });
  }

  const sheet = sheets.find((s) => normalizeHeading(s.name) === normalizeHeading(SKEMA_SHEET));
  if (!sheet) {
    report({
      sheet: SKEMA_SHEET,
      row: null,
      column: null,
      message: `Arket «${SKEMA_SHEET}» findes ikke i filen (fandt: ${sheets.map((s) => `«${s.name}»`).join(", ") || "ingen ark"}). Brug skabelonen til aftalen.`,
    });
    return done([]);
  }
  if (sheet.state && sheet.state !== "visible") {
    report({
      sheet: sheet.name,
      row: null,
      column: null,
      message: `Arket «${sheet.name}» er skjult. Vis arket igen (højreklik på en arkfane og vælg «Vis»), kontrollér indholdet, og indsend filen igen.`,
    });
    return done([]);
  }

  const columns = skemaColumns(categories);
  const header = sheet.rows[0];
  if (!header || header.number !== 1) {
    report({ sheet: sheet.name, row: 1, column: null, message: "Række 1 skal indeholde kolonneoverskrifterne fra skabelonen." });
    return done([]);
  }
  const positions = new Map<SkemaField, number>();
  header.cells.forEach((cell, index) => {
    const text = cellText(cell);
    if (typeof text !== "string") return;
    const column = columns.find((c) => normalizeHeading(c.header) === normalizeHeading(text));
    if (column && !positions.has(column.field)) positions.set(column.field, index);
  });
  const missing = columns.filter((c) => !positions.has(c.field));
  if (missing.length > 0) {
    report({
      sheet: sheet.name,
      row: 1,
      column: null,
      message: `Overskrift${missing.length === 1 ? "en" : "erne"} ${missing.map((c) => `«${c.header}»`).join(", ")} mangler i række 1. Brug skabelonen til aftalen.`,
    });
    return done([]);
  }

  const example = columns.map((c) => c.example);
  const rows: SkemaRow[] = [];
  const seenRows = new Map<string, number>();
  const seenEans = new Map<string, number>();
  for (const row of sheet.rows.slice(1)) {
    const raw = columns.map((column) => cellText(row.cells[positions.get(column.field)!]));
    if (row.number === 2 && raw.every((value, i) => value === example[i])) continue; // the untouched example row
    const data: Record<string, string> = {};
    let rowOk = true;
    const problem = (column: SkemaColumn | null, message: string) => {
      rowOk = false;
      report({ sheet: sheet.name, row: row.number, column: column?.header ?? null, message });
    };
    columns.forEach((column, i) => {
      const value = raw[i]!;
      if (typeof value !== "string") return problem(column, `Cellen indeholder en fejlværdi (${value.error}).`);
      if (value === "") {
        if (column.required) problem(column, "Skal udfyldes.");
        return;
      }
      if (value.length > MAX_TEXT) return problem(column, `Højst ${MAX_TEXT} tegn (cellen har ${value.length}).`);
      switch (column.field) {
        case "cvr": {
          const cvr = normalizeCvr(value);
          if (!isValidCvr(cvr)) return problem(column, `«${value}» er ikke et gyldigt CVR-nummer (8 cifre med korrekt kontrolciffer).`);
          data[column.header] = cvr;
          return;
        }
        case "ean": {
          const ean = normalizeEan(value);
          if (!isValidEan(ean)) return problem(column, `«${value}» er ikke et gyldigt EAN-lokationsnummer (13 cifre med korrekt kontrolciffer).`);
          data[column.header] = ean;
          return;
        }
        case "email":
          if (!EMAIL.test(value)) return problem(column, `«${value}» er ikke en gyldig e-mailadresse.`);
          data[column.header] = value.toLowerCase();
          return;
        case "phone":
          if (!PHONE.test(value)) return problem(column, `«${value}» er ikke et gyldigt telefonnummer.`);
          data[column.header] = value;
          return;
        case "annualSpend": {
          const amount = parseKroner(value);
          if (amount === null || amount < 0 || amount > 1e12) return problem(column, `«${value}» er ikke et beløb i kroner (fx 250000).`);
          data[column.header] = String(Math.round(amount));
          return;
        }
        case "category":
        case "ecommerce": {
          const choices = column.choices ?? [];
          const match = choices.find((choice) => choice.toLowerCase() === value.toLowerCase());
          if (choices.length > 0 && !match) return problem(column, `«${value}» er ikke en af værdierne på listen: ${choices.join(", ")}.`);
          data[column.header] = match ?? value;
          return;
        }
        default:
          data[column.header] = value;
      }
    });
    if (!rowOk) continue;
    const key = JSON.stringify(columns.map((c) => (data[c.header] ?? "").toLowerCase()));
    const sameRow = seenRows.get(key);
    if (sameRow !== undefined) {
      problem(null, `Rækken er en gentagelse af række ${sameRow}.`);
      continue;
    }
    seenRows.set(key, row.number);
    const eanHeader = columns.find((c) => c.field === "ean")!.header;
    const ean = data[eanHeader]!;
    const sameEan = seenEans.get(ean);
    if (sameEan !== undefined) {
      problem(columns.find((c) => c.field === "ean")!, `EAN-lokationsnummeret ${ean} står også i række ${sameEan}. Hver EAN-lokation tilmeldes én gang.`);
      continue;
    }
    seenEans.set(ean, row.number);
    rows.push({ rowNumber: row.number, data });
  }
  if (rows.length === 0 && total === 0) {
    report({ sheet: sheet.name, row: null, column: null, message: `Arket «${sheet.name}» har ingen udfyldte rækker under overskrifterne.` });
  }
  return done(rows);
}
