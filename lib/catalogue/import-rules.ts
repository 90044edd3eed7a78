import type { z } from "zod";
import {
  AGREEMENT_KIND_SHORT,
  CONTRACT_TYPE_SHORT,
  agreementInputSchema,
  agreementReferenceProblems,
  categoryInputSchema,
  supplierInputSchema,
  supplierReferenceProblems,
  type AgreementInput,
  type CategoryInput,
  type MasterDataLookup,
  type SupplierInput,
} from "@/lib/catalogue/admin-schemas";
import type { XlsxCell, XlsxSheet } from "@/lib/xlsx/reader";
import type { TemplateColumn, TemplateSheet, TemplateSpec } from "@/lib/xlsx/template";

/**
 * The master-data import's file format and its row rules, without I/O. One workbook holds up to
 * three sheets, "Kategorier", "Leverandører" and "Aftaler" (others, such as the template's
 * "Vejledning", are ignored). Row 1 of a sheet holds the column headings; every column of the
 * sheet must be there (extra columns are ignored), so that a row always states the whole record.
 * Rows are judged by the same rules as the administration forms (admin-schemas.ts), plus
 * duplicates within the file and references to the database or to other sheets of the file.
 */

export type ImportProblem = {
  sheet: string;
  /** Excel's row number; 1 is the heading row. Null for a problem with the whole sheet. */
  row: number | null;
  /** The column heading, or null for a problem with the whole row or sheet. */
  column: string | null;
  message: string;
};

type ImportColumn<Field extends string> = TemplateColumn & {
  field: Field;
  /** Other headings accepted for the column (case and spacing never matter). */
  aliases?: readonly string[];
};

type ImportSheet<Field extends string> = Omit<TemplateSheet, "columns"> & {
  columns: readonly ImportColumn<Field>[];
  /** The field that identifies a row: duplicates within the sheet are refused. */
  key: Field;
};

const YES_NO = ["Ja", "Nej"] as const;

export const CATEGORY_SHEET: ImportSheet<keyof CategoryInput> = {
  name: "Kategorier",
  description: "Én række pr. indkøbskategori. En kategori, hvis kode findes, opdateres; ellers oprettes den.",
  key: "code",
  columns: [
    { field: "code", header: "Kategorikode", required: true, text: true, description: "Fire cifre.", example: "1920", width: 16 },
    {
      field: "name",
      header: "Indkøbskategori",
      aliases: ["Navn", "Kategori"],
      required: true,
      description: "Kategoriens navn, højst 50 tegn.",
      example: "Kontorartikler",
      width: 40,
    },
    {
      field: "hasMandatoryAgreements",
      header: "Forpligtende aftaler",
      required: false,
      choices: YES_NO,
      description: "Ja, hvis kategorien rummer forpligtende aftaler. Tom betyder Nej.",
      example: "Ja",
      width: 22,
    },
    {
      field: "contractType",
      header: "Kontrakttype",
      required: false,
      choices: Object.values(CONTRACT_TYPE_SHORT),
      description: `Hvilken EU-tærskelværdi kategoriens indkøb sammenlignes med. En af: ${Object.values(CONTRACT_TYPE_SHORT).join(", ")}. Tom betyder Varer og tjenesteydelser.`,
      example: CONTRACT_TYPE_SHORT.SUPPLIES_SERVICES,
      width: 26,
    },
  ],
};

export const SUPPLIER_SHEET: ImportSheet<keyof SupplierInput> = {
  name: "Leverandører",
  description: "Én række pr. leverandør. En leverandør, hvis CVR-nummer findes, opdateres; ellers oprettes den.",
  key: "cvr",
  columns: [
    {
      field: "cvr",
      header: "CVR-nummer",
      aliases: ["CVR", "Kreditor_CVR", "Leverandør-CVR"],
      required: true,
      text: true,
      description: "8 cifre med gyldigt kontrolciffer (modulus 11). Mellemrum og DK foran er tilladt.",
      example: "13748136",
      width: 16,
    },
    {
      field: "name",
      header: "Navn",
      aliases: ["Leverandør", "Leverandørnavn", "Kreditor_Navn"],
      required: true,
      description: "Leverandørens navn, højst 200 tegn.",
      example: "Kontorgrossisten A/S",
      width: 40,
    },
    {
      field: "categoryCode",
      header: "Kategorikode",
      required: false,
      text: true,
      description:
        "Leverandørens indkøbskategori (bruges til indkøbslinjer uden kategori). Skal findes i portalen eller på arket Kategorier. Tom betyder ingen kategori.",
      example: "1920",
      width: 16,
    },
  ],
};

export const AGREEMENT_SHEET: ImportSheet<keyof AgreementInput> = {
  name: "Aftaler",
  description:
    "Én række pr. aftale. En aftale, hvis reference findes, opdateres (også dens kategorier og leverandører); ellers oprettes den. Import udfaser ikke aftaler: det gøres på aftalens side.",
  key: "reference",
  columns: [
    { field: "reference", header: "Reference", required: true, text: true, description: "Aftalens entydige reference, højst 50 tegn.", example: "SIP 12.03", width: 14 },
    { field: "name", header: "Navn", aliases: ["Aftale", "Aftalenavn"], required: true, description: "Aftalens navn.", example: "Kontorartikler", width: 32 },
    { field: "description", header: "Beskrivelse", required: false, description: "Kort beskrivelse af aftalen.", example: "Papir, skriveredskaber og andre kontorartikler.", width: 40 },
    {
      field: "kind",
      header: "Aftaletype",
      aliases: ["Type"],
      required: true,
      choices: Object.values(AGREEMENT_KIND_SHORT),
      description: `En af: ${Object.values(AGREEMENT_KIND_SHORT).join(", ")}.`,
      example: AGREEMENT_KIND_SHORT.MANDATORY_CENTRAL,
      width: 22,
    },
    {
      field: "phaseNumber",
      header: "Fase",
      required: false,
      requiredNote: "Ved centrale aftaler",
      description:
        "Fasens (udbudsrundens) nummer. Skal udfyldes for forpligtende og frivillige centralt koordinerede aftaler og være tom for SKI-aftaler og egne aftaler. Fasen skal findes i portalen.",
      example: "12",
      width: 8,
    },
    { field: "validFrom", header: "Gyldig fra", required: true, date: true, description: "Første dag, aftalen gælder (dd-mm-åååå).", example: "01-01-2026", width: 14 },
    {
      field: "validTo",
      header: "Gyldig til",
      required: true,
      date: true,
      description: "Sidste dag, aftalen gælder. Samme dag som Gyldig fra eller senere.",
      example: "31-12-2029",
      width: 14,
    },
    {
      field: "ownerCvr",
      header: "Ejer-CVR",
      aliases: ["Ejerinstitution", "Ejer"],
      required: false,
      requiredNote: "Ved egne aftaler",
      text: true,
      description: "CVR-nummeret på den institution, der ejer en egen aftale. Tom for alle andre aftaletyper.",
      example: "",
      width: 14,
    },
    {
      field: "categoryCodes",
      header: "Kategorikoder",
      aliases: ["Kategorier", "Kategorikode"],
      required: true,
      text: true,
      description: "Mindst én kategorikode; flere adskilles med komma. Skal findes i portalen eller på arket Kategorier.",
      example: "1920, 1210",
      width: 18,
    },
    {
      field: "supplierCvrs",
      header: "Leverandør-CVR",
      aliases: ["Leverandører", "Leverandør-CVR-numre"],
      required: false,
      text: true,
      description: "Leverandørernes CVR-numre, adskilt med komma. Skal findes i portalen eller på arket Leverandører.",
      example: "13748136",
      width: 30,
    },
    { field: "ecommerce", header: "E-handel", required: false, choices: YES_NO, description: "Ja, hvis aftalen kan bruges via e-handel (IndFak). Tom betyder Nej.", example: "Ja", width: 10 },
    {
      field: "estimatedValueOre",
      header: "Anslået værdi (kr.)",
      aliases: ["Anslået værdi", "Estimeret værdi"],
      required: false,
      description: "Aftalens anslåede værdi for alle kunder tilsammen i kroner ekskl. moms, fx 12.000.000. Tom betyder ikke registreret.",
      example: "12.000.000",
      width: 20,
    },
    {
      field: "maximumValueOre",
      header: "Maksimal værdi (kr.)",
      aliases: ["Maksimal værdi", "Maksimum"],
      required: false,
      description:
        "Aftalens maksimale værdi for alle kunder tilsammen i kroner ekskl. moms. Når den er nået, har aftalen ikke længere virkning (C-216/17, C-23/20). Tom betyder «maksimum ikke registreret».",
      example: "15.000.000",
      width: 20,
    },
  ],
};

export const IMPORT_SHEETS = [CATEGORY_SHEET, SUPPLIER_SHEET, AGREEMENT_SHEET] as const;

/** The blank template: the sheets above and a guide that describes every column. */
export const IMPORT_TEMPLATE: TemplateSpec = {
  title: "Import af stamdata til Statens Indkøbsprogram",
  intro: [
    "Udfyld de ark, du vil importere (Kategorier, Leverandører og/eller Aftaler), og slet ikke kolonneoverskrifterne i række 1.",
    "Alle kolonner skal være med; celler, der ikke er påkrævede, må være tomme. Ekstra kolonner ignoreres.",
    "Hele filen kontrolleres først. Er der fejl i blot én række, gemmes intet, og du får en liste med ark, række, kolonne og fejl.",
    "Rækkefølgen er Kategorier, Leverandører, Aftaler: en aftale kan henvise til kategorier og leverandører fra samme fil.",
    "Faser og institutioner importeres ikke; de skal findes i portalen i forvejen.",
  ],
  sheets: IMPORT_SHEETS,
};

/** Headings and sheet names compare without case, surrounding spaces or a trailing asterisk. */
export function normalizeHeading(text: string): string {
  return text.toLowerCase().replace(/\*+$/, "").replace(/\s+/g, " ").trim();
}

function cellToRaw(cell: XlsxCell | undefined): unknown {
  if (cell === undefined || cell === null) return null;
  if (typeof cell === "object" && !(cell instanceof Date)) return null; // an Excel error, reported apart
  return cell;
}

export type RowOf<T> = { row: number; input: T };

export type ParsedImport = {
  /** Problems that make the whole file unusable (no known sheet, missing or doubled columns). */
  fileProblems: ImportProblem[];
  /** Problems with single rows. */
  problems: ImportProblem[];
  categories: RowOf<CategoryInput>[];
  suppliers: RowOf<SupplierInput>[];
  agreements: RowOf<AgreementInput>[];
  /** Which of the known sheets the file holds (even with no rows). */
  sheetsFound: string[];
};

function quoted(names: readonly string[]): string {
  const parts = names.map((name) => `«${name}»`);
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} og ${parts.at(-1)}`;
}

/** Reads one known sheet's rows into inputs with the schema; returns the column problems as well. */
function parseSheet<Field extends string, Input>(
  spec: ImportSheet<Field>,
  sheet: XlsxSheet,
  schema: z.ZodType<Input>,
  result: ParsedImport,
): RowOf<Input>[] {
  const [headingRow, ...dataRows] = sheet.rows;
  if (!headingRow) return [];
  const columnIndex = new Map<Field, number>();
  const seen = new Map<Field, string>();
  headingRow.cells.forEach((cell, index) => {
    if (typeof cell !== "string") return;
    const heading = normalizeHeading(cell);
    const column = spec.columns.find(
      (c) => normalizeHeading(c.header) === heading || (c.aliases ?? []).some((alias) => normalizeHeading(alias) === heading),
    );
    if (!column) return;
    if (columnIndex.has(column.field)) {
      result.fileProblems.push({
        sheet: sheet.name,
        row: headingRow.number,
        column: column.header,
        message: `Kolonnen «${column.header}» står mere end én gang i arket «${sheet.name}» (${quoted([seen.get(column.field)!, cell.trim()])}).`,
      });
      return;
    }
    columnIndex.set(column.field, index);
    seen.set(column.field, cell.trim());
  });
  const missing = spec.columns.filter((column) => !columnIndex.has(column.field));
  if (missing.length > 0) {
    result.fileProblems.push({
      sheet: sheet.name,
      row: headingRow.number,
      column: missing.map((column) => column.header).join(", "),
      message: `Arket «${sheet.name}» mangler ${missing.length === 1 ? "kolonnen" : "kolonnerne"} ${quoted(missing.map((c) => c.header))} i række ${headingRow.number}.`,
    });
    return [];
  }

  const headerOf = (field: PropertyKey): string | null => spec.columns.find((c) => c.field === field)?.header ?? null;
  const firstRowOfKey = new Map<string, number>();
  const rows: RowOf<Input>[] = [];
  for (const dataRow of dataRows) {
    const raw: Record<string, unknown> = {};
    const rowProblems: ImportProblem[] = [];
    for (const column of spec.columns) {
      const cell = dataRow.cells[columnIndex.get(column.field)!];
      if (cell && typeof cell === "object" && !(cell instanceof Date)) {
        rowProblems.push({ sheet: sheet.name, row: dataRow.number, column: column.header, message: `Cellen indeholder Excel-fejlen ${cell.error}.` });
      }
      raw[column.field] = cellToRaw(cell);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (rowProblems.some((p) => p.column === headerOf(field ?? ""))) continue;
        rowProblems.push({ sheet: sheet.name, row: dataRow.number, column: field === undefined ? null : headerOf(field), message: issue.message });
      }
    }
    if (parsed.success) {
      const key = String((parsed.data as Record<string, unknown>)[spec.key]);
      const first = firstRowOfKey.get(key);
      if (first !== undefined) {
        rowProblems.push({
          sheet: sheet.name,
          row: dataRow.number,
          column: headerOf(spec.key),
          message: `${headerOf(spec.key)} ${key} står også i række ${first}. Hver ${spec.key === "code" ? "kategori" : spec.key === "cvr" ? "leverandør" : "aftale"} må kun stå én gang.`,
        });
      } else {
        firstRowOfKey.set(key, dataRow.number);
      }
    }
    if (rowProblems.length > 0) result.problems.push(...rowProblems.sort(byColumn(spec)));
    else if (parsed.success) rows.push({ row: dataRow.number, input: parsed.data });
  }
  return rows;
}

function byColumn<Field extends string>(spec: ImportSheet<Field>) {
  const order = (column: string | null) => (column === null ? -1 : spec.columns.findIndex((c) => c.header === column));
  return (a: ImportProblem, b: ImportProblem) => order(a.column) - order(b.column);
}

/** Finds the known sheets, checks their columns and parses every row; no database needed. */
export function parseImportWorkbook(sheets: readonly XlsxSheet[]): ParsedImport {
  const result: ParsedImport = { fileProblems: [], problems: [], categories: [], suppliers: [], agreements: [], sheetsFound: [] };
  const find = (name: string) => {
    const matches = sheets.filter((sheet) => normalizeHeading(sheet.name) === normalizeHeading(name));
    if (matches.length > 0) result.sheetsFound.push(name);
    return matches[0];
  };
  const categories = find(CATEGORY_SHEET.name);
  const suppliers = find(SUPPLIER_SHEET.name);
  const agreements = find(AGREEMENT_SHEET.name);
  if (!categories && !suppliers && !agreements) {
    result.fileProblems.push({
      sheet: sheets.map((sheet) => sheet.name).join(", "),
      row: null,
      column: null,
      message: `Filen har ingen af arkene ${quoted(IMPORT_SHEETS.map((s) => s.name))}. Brug skabelonen, og behold arkenes navne.`,
    });
    return result;
  }
  if (categories) result.categories = parseSheet(CATEGORY_SHEET, categories, categoryInputSchema, result);
  if (suppliers) result.suppliers = parseSheet(SUPPLIER_SHEET, suppliers, supplierInputSchema, result);
  if (agreements) result.agreements = parseSheet(AGREEMENT_SHEET, agreements, agreementInputSchema, result);
  return result;
}

/** The database's master data as the reference rules need it. */
export type ExistingMasterData = {
  phaseNumbers: ReadonlySet<number>;
  institutionCvrs: ReadonlySet<string>;
  categoryCodes: ReadonlySet<string>;
  supplierCvrs: ReadonlySet<string>;
};

/**
 * References of the parsed rows to the database or to other sheets of the same file: a supplier's
 * category, an agreement's phase, owner, categories and suppliers. Adds to `parsed.problems` and
 * drops the rows concerned.
 */
export function checkImportReferences(parsed: ParsedImport, existing: ExistingMasterData): void {
  const fileCategories = new Set(parsed.categories.map((row) => row.input.code));
  const fileSuppliers = new Set(parsed.suppliers.map((row) => row.input.cvr));
  const lookup: MasterDataLookup = {
    phaseExists: (number) => existing.phaseNumbers.has(number),
    institutionExists: (cvr) => existing.institutionCvrs.has(cvr),
    categoryExists: (code) => existing.categoryCodes.has(code) || fileCategories.has(code),
    supplierExists: (cvr) => existing.supplierCvrs.has(cvr) || fileSuppliers.has(cvr),
  };
  const header = (spec: ImportSheet<string>, field: string) => spec.columns.find((c) => c.field === field)?.header ?? field;
  parsed.suppliers = parsed.suppliers.filter(({ row, input }) => {
    const problems = supplierReferenceProblems(input, lookup);
    for (const p of problems) parsed.problems.push({ sheet: SUPPLIER_SHEET.name, row, column: header(SUPPLIER_SHEET, p.field), message: p.message });
    return problems.length === 0;
  });
  parsed.agreements = parsed.agreements.filter(({ row, input }) => {
    const problems = agreementReferenceProblems(input, lookup);
    for (const p of problems) parsed.problems.push({ sheet: AGREEMENT_SHEET.name, row, column: header(AGREEMENT_SHEET, p.field), message: p.message });
    return problems.length === 0;
  });
  const sheetOrder = (sheet: string) => IMPORT_SHEETS.findIndex((s) => s.name === sheet);
  const columnOrder = (sheet: string, column: string | null) =>
    IMPORT_SHEETS.find((s) => s.name === sheet)?.columns.findIndex((c) => c.header === column) ?? -1;
  parsed.problems.sort(
    (a, b) => sheetOrder(a.sheet) - sheetOrder(b.sheet) || (a.row ?? 0) - (b.row ?? 0) || columnOrder(a.sheet, a.column) - columnOrder(b.sheet, b.column),
  );
}
