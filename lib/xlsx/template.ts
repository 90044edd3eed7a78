import ExcelJS from "exceljs";

/**
 * Blank import templates (xlsx): one data sheet per entity with a frozen, bold header row, text
 * format on identifier columns (so Excel keeps CVR numbers and codes as typed), drop-down lists
 * where a column takes fixed values, and a first sheet "Vejledning" describing every column.
 * Small workbooks, written in memory. exceljs stays behind lib/xlsx.
 */

export type TemplateColumn = {
  header: string;
  /** The cell must be filled. */
  required: boolean;
  /** What the guide says under "Påkrævet" instead of Ja/Nej, e.g. "Ved egne aftaler". */
  requiredNote?: string;
  /** What the column holds, for the guide sheet. */
  description: string;
  example: string;
  width?: number;
  /** Format the column as text (identifiers, codes, lists of identifiers). */
  text?: boolean;
  /** Offer these values in a drop-down. */
  choices?: readonly string[];
  /**
   * Offer the values of a column of a list sheet (TemplateSpec.lists) in a drop-down: for lists
   * longer than Excel's 255 characters of inline choices, e.g. an agreement's customers.
   */
  choicesFrom?: { sheet: string; column: number };
  /** Format the column as a date (dd-mm-yyyy). */
  date?: boolean;
};

export type TemplateSheet = {
  name: string;
  description: string;
  columns: readonly TemplateColumn[];
  /** Put the columns' examples in row 2 (grey italics), as a filled-in example row. */
  exampleRow?: boolean;
};

/** A sheet of reference lists after the data sheets: each column a header and its values. */
export type TemplateListSheet = { name: string; columns: readonly { header: string; values: readonly string[]; width?: number }[] };

export type TemplateSpec = { title: string; intro: readonly string[]; sheets: readonly TemplateSheet[]; lists?: readonly TemplateListSheet[] };

/** Rows below the header that get the drop-downs and formats. */
const PREPARED_ROWS = 2000;

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE6E6E6" } };

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

type WithValidations = { dataValidations?: { add(range: string, validation: ExcelJS.DataValidation): void } };

export async function buildTemplateWorkbook(spec: TemplateSpec, created = new Date()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Statens Indkøbsprogram";
  workbook.created = created;

  const guide = workbook.addWorksheet("Vejledning");
  guide.columns = [{ width: 24 }, { width: 12 }, { width: 80 }, { width: 30 }];
  guide.addRow([spec.title]).font = { bold: true, size: 14 };
  for (const line of spec.intro) guide.addRow([line]);
  for (const sheet of spec.sheets) {
    guide.addRow([]);
    guide.addRow([`Arket «${sheet.name}»`]).font = { bold: true, size: 12 };
    guide.addRow([sheet.description]);
    const header = guide.addRow(["Kolonne", "Påkrævet", "Indhold", "Eksempel"]);
    header.font = { bold: true };
    header.eachCell((cell) => (cell.fill = HEADER_FILL));
    for (const column of sheet.columns) {
      const row = guide.addRow([column.header, column.requiredNote ?? (column.required ? "Ja" : "Nej"), column.description, column.example]);
      row.getCell(3).alignment = { wrapText: true, vertical: "top" };
      row.getCell(4).numFmt = "@";
    }
  }

  for (const sheet of spec.sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((column) => ({
      header: column.header,
      width: column.width ?? Math.max(14, column.header.length + 4),
      style: column.text ? { numFmt: "@" } : column.date ? { numFmt: "dd-mm-yyyy" } : {},
    }));
    const header = worksheet.getRow(1);
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = HEADER_FILL;
      cell.numFmt = "General";
    });
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
    if (sheet.exampleRow) {
      // Strings only (never formulas): the example's identifiers stay text in their text columns.
      const example = worksheet.addRow(sheet.columns.map((column) => column.example));
      example.font = { italic: true, color: { argb: "FF6B6B6B" } };
    }
    const validations = (worksheet as unknown as WithValidations).dataValidations;
    sheet.columns.forEach((column, index) => {
      if (!validations) return;
      const letter = columnLetter(index);
      if (column.choicesFrom) {
        const list = spec.lists?.find((l) => l.name === column.choicesFrom!.sheet);
        const rows = list?.columns[column.choicesFrom.column]?.values.length ?? 0;
        const source = columnLetter(column.choicesFrom.column);
        validations.add(`${letter}2:${letter}${PREPARED_ROWS + 1}`, {
          type: "list",
          allowBlank: !column.required,
          formulae: [`'${column.choicesFrom.sheet}'!$${source}$2:$${source}$${Math.max(2, rows + 1)}`],
          showErrorMessage: true,
          errorTitle: column.header,
          error: `Vælg en værdi fra arket «${column.choicesFrom.sheet}».`,
        });
        return;
      }
      if (!column.choices) return;
      validations.add(`${letter}2:${letter}${PREPARED_ROWS + 1}`, {
        type: "list",
        allowBlank: !column.required,
        formulae: [`"${column.choices.join(",")}"`],
        showErrorMessage: true,
        errorTitle: column.header,
        error: `Vælg en af: ${column.choices.join(", ")}`,
      });
    });
  }

  for (const list of spec.lists ?? []) {
    const worksheet = workbook.addWorksheet(list.name, { views: [{ state: "frozen", ySplit: 1 }] });
    worksheet.columns = list.columns.map((column) => ({ header: column.header, width: column.width ?? 20, style: { numFmt: "@" } }));
    worksheet.getRow(1).font = { bold: true };
    const longest = Math.max(0, ...list.columns.map((column) => column.values.length));
    for (let i = 0; i < longest; i++) worksheet.addRow(list.columns.map((column) => column.values[i] ?? null));
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
