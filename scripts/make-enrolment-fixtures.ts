// npx tsx scripts/make-enrolment-fixtures.ts
//
// Writes the Skema upload fixtures into tests/fixtures/enrolment/: one good filled-in Skema and
// one file per way an upload must be refused (lib/enrolment/skema-file.test.ts and
// tests/integration/enrolment.test.ts read them; the browser test uploads the good one). The files
// are committed; run this again after changing the Skema's columns. A file over the 5 MB limit is
// not committed: the tests make it in memory.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { cvrWithCheck, eanWithCheck } from "@/lib/domain/identifiers";
import { MAX_SKEMA_ROWS, SKEMA_SHEET, skemaColumns, skemaTemplateSpec } from "@/lib/enrolment/skema";
import { buildTemplateWorkbook } from "@/lib/xlsx/template";
import { buildZip, unzip, type ZipFixtureEntry } from "@/tests/support/zip";

const OUT = path.join(process.cwd(), "tests", "fixtures", "enrolment");
const CREATED = new Date(Date.UTC(2026, 10, 22, 9, 0, 0));

// Fictitious identifiers (valid check digits), as in the demo data.
const CVR = cvrWithCheck("4100007")!;
const EANS = ["579000010001", "579000010002", "579000010003"].map(eanWithCheck);

/** The blank template of a phase 10 agreement (the category column is left empty in the rows, so the file fits any agreement). */
async function template(): Promise<ExcelJS.Workbook> {
  const spec = skemaTemplateSpec({ reference: "SIP 10.03", name: "Laboratorieudstyr og -forbrugsvarer", categories: [{ code: "1300", name: "Laboratorie" }] });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buildTemplateWorkbook(spec, CREATED)) as unknown as ArrayBuffer);
  workbook.created = CREATED;
  workbook.modified = CREATED;
  return workbook;
}

const HEADERS = skemaColumns([]).map((c) => c.header);

function values(overrides: Record<string, ExcelJS.CellValue> = {}, index = 0): ExcelJS.CellValue[] {
  const row: Record<string, ExcelJS.CellValue> = {
    Enhed: ["Rådhuset", "Sundhed og Omsorg", "Børn og Unge"][index % 3],
    "CVR-nummer": CVR,
    "EAN-lokationsnummer": EANS[index % 3],
    Leveringsadresse: "Rådhuspladsen 2, 8000 Aarhus C",
    Kontaktperson: ["Line Østergaard Nielsen", "Karsten Møller", "Aisha Rahimi"][index % 3],
    "E-mail": ["line@kommune.example.dk", "karsten@kommune.example.dk", "aisha@kommune.example.dk"][index % 3],
    Telefon: "+45 89 40 20 01",
    Indkøbskategori: null,
    "Forventet årligt forbrug (kr.)": [850000, 420000, 120000][index % 3],
    "E-handel": "Ja",
    ...overrides,
  };
  return HEADERS.map((header) => row[header] ?? null);
}

/** Fills the input sheet from row 2 on (over the example row). */
async function filled(rows: ExcelJS.CellValue[][], adjust?: (workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = await template();
  const sheet = workbook.getWorksheet(SKEMA_SHEET)!;
  rows.forEach((cells, i) => {
    const row = sheet.getRow(i + 2);
    row.values = cells;
    row.font = {};
    row.commit();
  });
  adjust?.(workbook, sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function replaceEntry(entries: ZipFixtureEntry[], name: string, data: Buffer): ZipFixtureEntry[] {
  return entries.map((entry) => (entry.name === name ? { ...entry, data } : entry));
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const files: Record<string, Buffer> = {};

  // The good one: three units.
  const good = await filled([values({}, 0), values({}, 1), values({}, 2)]);
  files["skema-gyldig.xlsx"] = good;

  // Rows with problems: missing unit, bad CVR, bad EAN, bad e-mail, a duplicate row, a repeated EAN.
  files["skema-raekkefejl.xlsx"] = await filled([
    values({ Enhed: null }, 0),
    values({ "CVR-nummer": String(Number(CVR) + 1) }, 1),
    values({ "EAN-lokationsnummer": `${EANS[2]!.slice(0, 12)}${(Number(EANS[2]![12]) + 1) % 10}` }, 2),
    values({ "E-mail": "ikke-en-e-mail", "EAN-lokationsnummer": eanWithCheck("579000010004") }, 0),
    values({}, 1),
    values({}, 1),
    values({ Enhed: "Andet navn" }, 1),
  ]);

  // A formula in a cell.
  files["skema-formel.xlsx"] = await filled([values({ "Forventet årligt forbrug (kr.)": { formula: "100000*12", result: 1200000 } as ExcelJS.CellFormulaValue }, 0)]);

  // The input sheet hidden.
  files["skema-skjult-ark.xlsx"] = await filled([values({}, 0)], (_workbook, sheet) => {
    sheet.state = "hidden";
  });

  // More rows than allowed (only the first column filled, to keep the file small).
  {
    const workbook = await template();
    const sheet = workbook.getWorksheet(SKEMA_SHEET)!;
    for (let i = 0; i < MAX_SKEMA_ROWS + 1; i++) sheet.getRow(i + 2).getCell(1).value = `Enhed ${i + 1}`;
    files["skema-for-mange-raekker.xlsx"] = Buffer.from(await workbook.xlsx.writeBuffer());
  }

  const entries = unzip(good);

  // Macros: a VBA project inside (as .xlsm, and renamed to .xlsx), and a macro-enabled workbook's content type.
  const withMacro = buildZip([...entries, { name: "xl/vbaProject.bin", data: Buffer.from("Attribute VB_Name = \"Module1\"\nSub AutoOpen()\nEnd Sub\n") }]);
  files["skema-makro.xlsm"] = withMacro;
  files["skema-makro-omdoebt.xlsx"] = withMacro;
  const types = entries.find((e) => e.name === "[Content_Types].xml")!.data.toString("utf8");
  files["skema-xlsm-indhold.xlsx"] = buildZip(
    replaceEntry(
      entries,
      "[Content_Types].xml",
      Buffer.from(types.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")),
    ),
  );

  // An old .xls (OLE2 compound file), as .xls and renamed to .xlsx.
  const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096 - 8)]);
  files["skema-gammel.xls"] = ole2;
  files["skema-gammel-omdoebt.xlsx"] = ole2;

  // A CSV renamed to .xlsx.
  files["skema-csv-omdoebt.xlsx"] = Buffer.from(
    `${HEADERS.join(";")}\r\nRådhuset;${CVR};${EANS[0]};Rådhuspladsen 2, 8000 Aarhus C;Line Østergaard Nielsen;line@kommune.example.dk;;;850000;Ja\r\n`,
    "utf8",
  );

  // Zip bombs: a worksheet part that inflates to 120 MB, once declared honestly, once declared as 2 KB.
  const huge = Buffer.alloc(120 * 1024 * 1024, 0x20);
  const sheetPart = entries.find((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name) && e.data.includes(`<sheetData`))!.name;
  files["skema-zipbombe.xlsx"] = buildZip(replaceEntry(entries, sheetPart, huge));
  files["skema-zipbombe-falsk-stoerrelse.xlsx"] = buildZip(entries.map((e) => (e.name === sheetPart ? { ...e, data: huge, declaredSize: 2048 } : e)));

  // XML entity expansion ("billion laughs") in the shared strings.
  const laughs = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    "<!DOCTYPE sst [",
    '  <!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`),
    "]>",
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>',
  ].join("\n");
  files["skema-xml-entiteter.xlsx"] = buildZip(
    entries.some((e) => e.name === "xl/sharedStrings.xml")
      ? replaceEntry(entries, "xl/sharedStrings.xml", Buffer.from(laughs))
      : [...entries, { name: "xl/sharedStrings.xml", data: Buffer.from(laughs) }],
  );

  // Too many parts in the zip's directory.
  files["skema-for-mange-dele.xlsx"] = buildZip([
    ...entries,
    ...Array.from({ length: 1000 }, (_, i) => ({ name: `xl/media/image${i + 1}.bin`, data: Buffer.from([i & 0xff]) })),
  ]);

  for (const [name, data] of Object.entries(files)) {
    writeFileSync(path.join(OUT, name), data);
    console.log(`${name.padEnd(42)} ${(data.length / 1024).toFixed(1).padStart(8)} KB`);
  }
}

await main();
