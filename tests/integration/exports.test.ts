import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { danishSortKey } from "@/lib/domain/danish-sort";
import { seedDemoData } from "@/lib/seed/seed";
import { EXTRACTED_ROW, FIRST_DATA_ROW, HEADER_ROW, TITLE_ROW, XLSX_CONTENT_TYPE } from "@/lib/xlsx/writer";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

let db: TestDatabase;
let prisma: PrismaClient;
let dir: string;
let exportsModule: typeof import("@/lib/catalogue/exports");
let route: typeof import("@/app/lister/[list]/route");

const HOSTILE_NAME = '=HYPERLINK("http://example.invalid","klik")';
const HOSTILE_REFERENCE = "SIP 99.01";
const HOSTILE_SUPPLIER = "+45 Leverandøren ApS";

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.url, { purchaseLinesPerQuarter: 50 });
  prisma = createPrismaClient(db.url);
  dir = await mkdtemp(path.join(tmpdir(), "sip-exports-"));

  // An agreement (in phase 11, with a supplier and a party) whose texts look like formulas.
  const phase = await prisma.phase.findUniqueOrThrow({ where: { number: 11 } });
  const supplier = await prisma.supplier.create({
    data: { cvr: "13748136", name: HOSTILE_SUPPLIER, sortKey: danishSortKey(HOSTILE_SUPPLIER) },
  });
  const institution = await prisma.institution.findFirstOrThrow({ where: { name: "Økonomistyrelsen" } });
  await prisma.agreement.create({
    data: {
      reference: HOSTILE_REFERENCE,
      name: HOSTILE_NAME,
      sortKey: danishSortKey(HOSTILE_NAME),
      kind: "VOLUNTARY_CENTRAL",
      phaseId: phase.id,
      validFrom: new Date("2027-01-01"),
      validTo: new Date("2030-12-31"),
      suppliers: { create: [{ supplierId: supplier.id }] },
      parties: { create: [{ institutionId: institution.id, source: "OBLIGATED", since: new Date("2027-01-01") }] },
    },
  });
  // A retired agreement must not be published.
  await prisma.agreement.update({ where: { reference: "SIP 08.03" }, data: { retiredAt: new Date() } });

  // Server modules read DATABASE_URL when first imported: point them at this test's database.
  process.env.DATABASE_URL = db.url;
  exportsModule = await import("@/lib/catalogue/exports");
  route = await import("@/app/lister/[list]/route");
});

afterAll(async () => {
  await prisma?.$disconnect();
  const { prisma: appClient } = await import("@/lib/db/client");
  await appClient.$disconnect();
  await rm(dir, { recursive: true, force: true });
  await db?.drop();
});

function list(fileName: string) {
  const found = exportsModule.findPublishedList(fileName);
  if (!found) throw new Error(`no list ${fileName}`);
  return found;
}

async function exportAndOpen(fileName: string, batchSize?: number): Promise<{ sheet: ExcelJS.Worksheet; rows: number }> {
  const file = path.join(dir, `${batchSize ?? "default"}-${fileName}`);
  const result = await list(fileName).write(createWriteStream(file), { db: prisma, batchSize });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  expect(workbook.worksheets).toHaveLength(1);
  return { sheet: workbook.worksheets[0]!, rows: result.rows };
}

/** The data rows as arrays of cell values (index 0 = column A). */
function dataRows(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const out: ExcelJS.CellValue[][] = [];
  for (let r = FIRST_DATA_ROW; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values: ExcelJS.CellValue[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) values.push(row.getCell(c).value);
    out.push(values);
  }
  return out;
}

function findRow(sheet: ExcelJS.Worksheet, match: (values: ExcelJS.CellValue[]) => boolean): ExcelJS.Row {
  for (let r = FIRST_DATA_ROW; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values: ExcelJS.CellValue[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) values.push(row.getCell(c).value);
    if (match(values)) return row;
  }
  throw new Error("row not found");
}

async function count(sql: string): Promise<number> {
  const [row] = await prisma.$queryRawUnsafe<{ n: number }[]>(sql);
  return row!.n;
}

const COMMON = `a."kind" <> 'OWN' AND a."retiredAt" IS NULL`;

function expectLayout(sheet: ExcelJS.Worksheet, title: string, headers: string[], dataRowCount: number): void {
  expect(sheet.getCell(TITLE_ROW, 1).value).toBe(title);
  expect(String(sheet.getCell(EXTRACTED_ROW, 1).value)).toMatch(/^Udtrukket \d{1,2}\. [a-zæøå]+ \d{4}$/);
  expect(sheet.getRow(HEADER_ROW).values).toEqual([undefined, ...headers]);
  expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: HEADER_ROW });
  expect(sheet.autoFilter).toBe(`A${HEADER_ROW}:${String.fromCharCode(64 + headers.length)}${HEADER_ROW + dataRowCount}`);
  expect(sheet.rowCount).toBe(HEADER_ROW + dataRowCount);
  for (let c = 1; c <= headers.length; c++) expect(sheet.getColumn(c).width).toBeGreaterThan(5);
}

function expectType(row: ExcelJS.Row, column: number, type: ExcelJS.ValueType): void {
  expect(row.getCell(column).type).toBe(type);
  expect(row.getCell(column).formula).toBeUndefined();
}

describe("the published lists, written from PostgreSQL and read back with exceljs", () => {
  it("indkoebskategorier.xlsx: every category, codes as text, counts as numbers", async () => {
    const { sheet, rows } = await exportAndOpen("indkoebskategorier.xlsx");
    const expected = await count(`SELECT count(*)::int AS n FROM "Category"`);
    expect(rows).toBe(expected);
    expectLayout(
      sheet,
      "Indkøbskategorier i Statens Indkøbsprogram",
      ["Kategorikode", "Indkøbskategori", "Har forpligtende aftaler", "Antal fælles aftaler"],
      expected,
    );
    const office = findRow(sheet, (v) => v[0] === "1920");
    expect(office.getCell(2).value).toBe("Kontorartikler");
    expect(office.getCell(3).value).toBe("Ja");
    expectType(office, 1, ExcelJS.ValueType.String);
    expectType(office, 4, ExcelJS.ValueType.Number);
    expect(office.getCell(4).value).toBe(
      await count(`SELECT count(*)::int AS n FROM "AgreementCategory" x JOIN "Agreement" a ON a.id = x."agreementId"
                    WHERE x."categoryCode" = '1920' AND ${COMMON}`),
    );
    expect(findRow(sheet, (v) => v[0] === "1170").getCell(3).value).toBe("Nej");
    const codes = dataRows(sheet).map((v) => v[0] as string);
    expect(codes).toEqual([...codes].sort());
  });

  it("leverandoerer.xlsx: suppliers with CVR on the common agreements only", async () => {
    const { sheet, rows } = await exportAndOpen("leverandoerer.xlsx");
    const expected = await count(`SELECT count(*)::int AS n FROM "AgreementSupplier" x JOIN "Agreement" a ON a.id = x."agreementId" WHERE ${COMMON}`);
    expect(rows).toBe(expected);
    expectLayout(
      sheet,
      "Leverandører på de fælles statslige aftaler",
      ["Leverandørens CVR-nr.", "Leverandør", "Aftalenr.", "Aftale", "Aftaletype", "Gyldig fra", "Gyldig til"],
      expected,
    );
    const it1 = await prisma.supplier.findFirstOrThrow({ where: { name: "Datagrej Demo A/S" } });
    const row = findRow(sheet, (v) => v[0] === it1.cvr && v[2] === "SIP 08.01");
    expect(row.getCell(2).value).toBe("Datagrej Demo A/S");
    expect(row.getCell(4).value).toBe("Computeraftalen");
    expect(row.getCell(5).value).toBe("Forpligtende centralt koordineret aftale");
    expectType(row, 1, ExcelJS.ValueType.String);
    expectType(row, 6, ExcelJS.ValueType.Date);
    expect(row.getCell(6).value).toEqual(new Date("2023-03-01T00:00:00Z"));
    expect(row.getCell(6).numFmt).toBe("dd-mm-yyyy");
    const all = dataRows(sheet);
    expect(all.some((v) => String(v[2]).startsWith("EGEN"))).toBe(false);
    expect(all.some((v) => v[2] === "SIP 08.03")).toBe(false);
    expect(all.some((v) => v[4] === "Frivillig SKI-aftale")).toBe(true);
  });

  it("aftaleparter.xlsx: institutions party to the common agreements", async () => {
    const { sheet, rows } = await exportAndOpen("aftaleparter.xlsx");
    const expected = await count(`SELECT count(*)::int AS n FROM "AgreementParty" p JOIN "Agreement" a ON a.id = p."agreementId" WHERE ${COMMON}`);
    expect(expected).toBeGreaterThan(100);
    expect(rows).toBe(expected);
    expectLayout(
      sheet,
      "Offentlige institutioner, der er part på de fælles statslige aftaler",
      ["Institutionens CVR-nr.", "Institution", "Kundetype", "Aftalenr.", "Aftale", "Fase", "Part siden", "Grundlag"],
      expected,
    );
    const oes = await prisma.institution.findFirstOrThrow({ where: { name: "Økonomistyrelsen" } });
    const row = findRow(sheet, (v) => v[0] === oes.cvr && v[3] === "SIP 08.01");
    expect(row.getCell(2).value).toBe("Økonomistyrelsen");
    expect(row.getCell(3).value).toBe("Forpligtet kunde");
    expect(row.getCell(5).value).toBe("Computeraftalen");
    expectType(row, 1, ExcelJS.ValueType.String);
    expectType(row, 6, ExcelJS.ValueType.Number);
    expect(row.getCell(6).value).toBe(8);
    expectType(row, 7, ExcelJS.ValueType.Date);
    expect(row.getCell(7).value).toEqual(new Date("2023-03-01T00:00:00Z"));
    expect(row.getCell(8).value).toBe("Forpligtet kunde");

    // A voluntary customer, and an SKI agreement without a phase (an empty cell).
    const kk = findRow(sheet, (v) => v[1] === "Københavns Kommune" && String(v[3]).startsWith("SKI"));
    expect(kk.getCell(3).value).toBe("Frivillig kunde");
    expect(kk.getCell(6).type).toBe(ExcelJS.ValueType.Null);

    // Ordered by agreement reference, then institution name in Danish order.
    const all = dataRows(sheet);
    const keys = all.map((v) => [v[3] as string, danishSortKey(v[1] as string)] as const);
    const sorted = [...keys].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
    expect(keys).toEqual(sorted);
    expect(all.some((v) => String(v[3]).startsWith("EGEN"))).toBe(false);
  });

  it("aftaler-og-faser.xlsx: the agreements of each phase, with typed numbers and dates", async () => {
    const { sheet, rows } = await exportAndOpen("aftaler-og-faser.xlsx");
    const expected = await count(`SELECT count(*)::int AS n FROM "Agreement" a WHERE a."phaseId" IS NOT NULL AND ${COMMON}`);
    expect(rows).toBe(expected);
    expectLayout(
      sheet,
      "Aftaler og faser (udbudsrunder) i Statens Indkøbsprogram",
      ["Fase", "Fasenavn", "Udbudt år", "Ikrafttrædelse", "Aftalenr.", "Aftale", "Aftaletype", "Gyldig fra", "Gyldig til"],
      expected,
    );
    const row = findRow(sheet, (v) => v[4] === "SIP 11.01");
    const agreement = await prisma.agreement.findUniqueOrThrow({ where: { reference: "SIP 11.01" } });
    expectType(row, 1, ExcelJS.ValueType.Number);
    expect(row.getCell(1).value).toBe(11);
    expect(row.getCell(2).value).toBe("11. fase");
    expectType(row, 3, ExcelJS.ValueType.Number);
    expect(row.getCell(3).value).toBe(2016);
    expectType(row, 4, ExcelJS.ValueType.Date);
    expect(row.getCell(4).value).toEqual(new Date("2017-01-01T00:00:00Z"));
    expect(row.getCell(6).value).toBe(agreement.name);
    expect(row.getCell(9).value).toEqual(agreement.validTo);
    const phases = dataRows(sheet).map((v) => v[0] as number);
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    expect(dataRows(sheet).some((v) => v[4] === "SIP 08.03")).toBe(false);
  });

  it("writes texts that look like formulas as plain strings in every list", async () => {
    const { sheet: phases } = await exportAndOpen("aftaler-og-faser.xlsx");
    const phaseRow = findRow(phases, (v) => v[4] === HOSTILE_REFERENCE);
    expectType(phaseRow, 6, ExcelJS.ValueType.String);
    expect(phaseRow.getCell(6).value).toBe(HOSTILE_NAME);

    const { sheet: parties } = await exportAndOpen("aftaleparter.xlsx");
    const partyRow = findRow(parties, (v) => v[3] === HOSTILE_REFERENCE);
    expectType(partyRow, 5, ExcelJS.ValueType.String);
    expect(partyRow.getCell(5).value).toBe(HOSTILE_NAME);

    const { sheet: suppliers } = await exportAndOpen("leverandoerer.xlsx");
    const supplierRow = findRow(suppliers, (v) => v[2] === HOSTILE_REFERENCE);
    expectType(supplierRow, 2, ExcelJS.ValueType.String);
    expect(supplierRow.getCell(2).value).toBe(HOSTILE_SUPPLIER);
    expectType(supplierRow, 4, ExcelJS.ValueType.String);
    expect(supplierRow.getCell(4).value).toBe(HOSTILE_NAME);
  });

  it("pages through the database by key: small batches give exactly the same rows", async () => {
    for (const fileName of ["indkoebskategorier.xlsx", "leverandoerer.xlsx", "aftaleparter.xlsx", "aftaler-og-faser.xlsx"]) {
      const whole = dataRows((await exportAndOpen(fileName)).sheet);
      const paged = dataRows((await exportAndOpen(fileName, 7)).sheet);
      expect(paged, fileName).toEqual(whole);
    }
  });
});

describe("GET /lister/[list]", () => {
  const call = (name: string) => route.GET(new Request(`http://localhost/lister/${name}`), { params: Promise.resolve({ list: name }) });

  it("streams a known list as an xlsx attachment, without a log-in", async () => {
    const response = await call("aftaleparter.xlsx");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(XLSX_CONTENT_TYPE);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="aftaleparter.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets[0]!.getCell(TITLE_ROW, 1).value).toBe(
      "Offentlige institutioner, der er part på de fælles statslige aftaler",
    );
  });

  it("answers an unknown list with 404 and a Danish message", async () => {
    for (const name of ["ukendt.xlsx", "aftaleparter", "__proto__", "..%2Fetc%2Fpasswd"]) {
      const response = await call(name);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: string }).error).toMatch(/Listen findes ikke/);
    }
  });
});
