import ExcelJS from "exceljs";
import { AGENCY_FORMAT, FORMATS, LINES_FORMAT, type FormatSpec } from "./formats";

/**
 * The downloadable templates: one workbook with a guide sheet documenting every column of both
 * formats and one empty sheet per format (identifier columns formatted as text, so Excel keeps their
 * digits), and a CSV header line per format (UTF-8 with byte-order mark, semicolons), which is how
 * Danish Excel opens it correctly.
 */
export const TEMPLATE_FILES = {
  xlsx: { fileName: "indkoebsdata-skabelon.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  "styrelsen.csv": { fileName: "indkoebsdata-styrelsens-format.csv", contentType: "text/csv; charset=utf-8" },
  "linjer.csv": { fileName: "indkoebsdata-linjeformat.csv", contentType: "text/csv; charset=utf-8" },
} as const;

export type TemplateKind = keyof typeof TEMPLATE_FILES;

export function templateCsv(format: FormatSpec): Buffer {
  return Buffer.from(`\uFEFF${format.columns.map((c) => c.header).join(";")}\r\n`, "utf8");
}

function dataSheet(workbook: ExcelJS.Workbook, format: FormatSpec): void {
  const sheet = workbook.addWorksheet(format.name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = format.columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: Math.max(14, column.header.length + 4, column.example.length + 4),
    style: column.text ? { numFmt: "@" } : {},
  }));
  sheet.getRow(1).font = { bold: true };
}

export async function templateWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Statens Indkøbsprogram";
  const guide = workbook.addWorksheet("Vejledning");
  guide.columns = [{ width: 22 }, { width: 100 }, { width: 26 }];
  const add = (values: (string | null)[], bold = false) => {
    const row = guide.addRow(values);
    if (bold) row.font = { bold: true };
    row.alignment = { wrapText: true, vertical: "top" };
  };
  add(["Indkøbsdata – skabelon"], true);
  add([
    null,
    "Udfyld ét af arkene «Styrelsens format» eller «Portalens linjeformat», og upload filen under Indkøbsdata > Indsend data. " +
      "Behold overskrifterne i række 1. Beløb er i kroner uden moms. Hele filen kontrolleres, før noget gemmes; er der fejl, gemmes intet, " +
      "og du får en liste med række, kolonne og årsag. Sender du samme kvartal igen, erstatter den nye fil institutionens tidligere manuelle data " +
      "for kvartalet (de gamle data gemmes i historikken). Filen kan også gemmes som CSV (semikolon- eller kommasepareret, UTF-8 eller Windows-1252).",
  ]);
  for (const format of FORMATS) {
    add([]);
    add([format.name], true);
    add([null, format.description]);
    add(["Kolonne", "Beskrivelse", "Eksempel"], true);
    for (const column of format.columns) add([column.header, column.description, column.example]);
  }
  dataSheet(workbook, AGENCY_FORMAT);
  dataSheet(workbook, LINES_FORMAT);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function templateFile(kind: TemplateKind): Promise<Buffer> {
  if (kind === "xlsx") return templateWorkbook();
  return templateCsv(kind === "styrelsen.csv" ? AGENCY_FORMAT : LINES_FORMAT);
}
