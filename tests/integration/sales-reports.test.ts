import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/types";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { quarterFromCode } from "@/lib/purchase-data/quarter";
import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";
import { HOSTILE_KINDS, HOSTILE_REFUSALS, hostileXlsx } from "@/tests/support/hostile-xlsx";
import { currentUserByEmail } from "@/tests/support/users";

// Issue 13, deliverables 2, 3 and 6: suppliers' sales reports stored through the one path.
let db: TestDatabase;
let prisma: PrismaClient;
let submit: typeof import("@/lib/sales-report/submit");
let store: typeof import("@/lib/sales-report/store");

const SUPPLIER = "leverandoer@demo.example.dk";
const OTHER_SUPPLIER = "leverandoer2@demo.example.dk";
const dir = mkdtempSync(path.join(tmpdir(), "sales-report-test-"));
let fileNumber = 0;

function file(content: Buffer | string, ext = "csv") {
  const data = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  const target = path.join(dir, `f${++fileNumber}.${ext}`);
  writeFileSync(target, data);
  return { path: target, fileName: `omsaetning.${ext}`, contentType: "application/octet-stream", size: data.length };
}

let supplier: CurrentUser;
let otherSupplier: CurrentUser;
let agreement: { id: number; reference: string; category: string };
let otherAgreement: { id: number; reference: string };
let customer: { cvr: string; name: string };

// The current quarter is open until its default deadline; the previous one closed on its default deadline.
const today = new Date().toISOString().slice(0, 10);
const month = Number(today.slice(5, 7));
const OPEN = `${today.slice(0, 4)}Q${Math.floor((month - 1) / 3) + 1}`;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.url, { purchaseLinesPerQuarter: 20 });
  prisma = createPrismaClient(db.url);
  process.env.DATABASE_URL = db.url;
  submit = await import("@/lib/sales-report/submit");
  store = await import("@/lib/sales-report/store");
  supplier = await currentUserByEmail(prisma, SUPPLIER);
  otherSupplier = await currentUserByEmail(prisma, OTHER_SUPPLIER);
  const a = await prisma.agreement.findFirstOrThrow({
    where: { suppliers: { some: { supplierId: supplier.supplierId! } }, parties: { some: {} }, validTo: { gte: new Date() } },
    include: { categories: true, parties: { include: { institution: true }, take: 1 } },
  });
  agreement = { id: a.id, reference: a.reference, category: a.categories[0]!.categoryCode };
  customer = { cvr: a.parties[0]!.institution.cvr, name: a.parties[0]!.institution.name };
  const b = await prisma.agreement.findFirstOrThrow({ where: { suppliers: { some: { supplierId: otherSupplier.supplierId! }, none: { supplierId: supplier.supplierId! } } } });
  otherAgreement = { id: b.id, reference: b.reference };
}, 240_000);

afterAll(async () => {
  await (globalThis as { purchaseImportPool?: { end(): Promise<void> } }).purchaseImportPool?.end();
  await prisma.$disconnect();
  const { prisma: appClient } = await import("@/lib/db/client");
  await appClient.$disconnect();
  await db.drop();
});

const csv = (rows: string[]) => ["Kunde-CVR;Kundenavn;EAN;Kategorikode;Beløb ekskl. moms;E-handel", ...rows].join("\r\n") + "\r\n";

describe("storing a report", () => {
  it("stores a Windows-1252 CSV in Danish formats, sends the receipt, and a second version supersedes the first", async () => {
    const content = iconv.encode(csv([`${customer.cvr};Kunde Ø;;${agreement.category};1.234,50;ja`, `${customer.cvr};;;${agreement.category};-34,50;nej`]), "windows-1252");
    const first = await submit.submitSalesFile(supplier, { agreementId: agreement.id, quarter: OPEN, file: file(content) });
    expect(first).toMatchObject({ ok: true, lineCount: 2, totalOre: 120000n, replaced: false });
    const lines = await prisma.salesReportLine.findMany({ where: { reportId: first.ok ? first.report.reportId : -1 }, orderBy: { id: "asc" } });
    expect(lines.map((l) => [l.customerCvr, l.amountOre, l.ecommerce, l.agreementId, l.supplierId, l.quarter])).toEqual([
      [customer.cvr, 123450n, true, agreement.id, supplier.supplierId, OPEN],
      [customer.cvr, -3450n, false, agreement.id, supplier.supplierId, OPEN],
    ]);
    const receipts = await prisma.outboxMessage.findMany({ where: { recipientUserId: supplier.id, subject: { startsWith: "Kvittering" } } });
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.body).toContain("2 rækker, i alt 1.200,00");

    const second = await submit.submitSalesFile(supplier, { agreementId: agreement.id, quarter: OPEN, file: file(`\uFEFF${csv([`${customer.cvr};;;${agreement.category};10;nej`])}`) });
    expect(second).toMatchObject({ ok: true, lineCount: 1, totalOre: 1000n, replaced: true });
    const versions = await prisma.salesReport.findMany({ where: { agreementId: agreement.id, supplierId: supplier.supplierId!, quarter: OPEN }, orderBy: { id: "asc" } });
    expect(versions.map((v) => v.supersededAt === null)).toEqual([false, true]);
    expect(await prisma.salesReportLine.count({ where: { reportId: versions[0]!.id } })).toBe(2);
  });

  it("refuses a file with any error whole, listing every problem by row and column, and stores nothing", async () => {
    const before = [await prisma.salesReport.count(), await prisma.salesReportLine.count()];
    const result = await submit.submitSalesFile(supplier, {
      agreementId: agreement.id,
      quarter: OPEN,
      file: file(csv([`${customer.cvr};;;${agreement.category};100;ja`, `12345678;;5798000000002;9999;1.2.3;kanske`])),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.row, p.column])).toEqual([
      [3, "Kunde-CVR"],
      [3, "EAN"],
      [3, "Kategorikode"],
      [3, "Beløb ekskl. moms"],
      [3, "E-handel"],
    ]);
    expect(result.problems[0]!.message).toContain("kontrolcifferet");
    expect([await prisma.salesReport.count(), await prisma.salesReportLine.count()]).toEqual(before);
  });

  it("loads a large report into a partition of its own by COPY", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ row: i + 2, cells: { customerCvr: customer.cvr, categoryCode: agreement.category, amount: `${i + 1},00`, ecommerce: "nej" } }));
    const result = await store.storeSalesReport({
      agreementId: agreement.id,
      supplierId: supplier.supplierId!,
      quarter: quarterFromCode(OPEN)!,
      channel: "CSV",
      sender: { userId: supplier.id, apiKeyId: null },
      fileName: "stor.csv",
      content: { noSales: false, rows: (async function* () { yield rows; })(), options: { amountUnit: "kroner", labels: (await import("@/lib/sales-report/rows")).FILE_LABELS } },
      today,
      partitionMinRows: 10,
    });
    expect(result).toMatchObject({ ok: true, lineCount: 30, totalOre: 46500n });
    const partitions = await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = '"SalesReportLine"'::regclass`);
    expect(partitions[0]!.n).toBe(2);
  });
});

describe("deadlines", () => {
  it("refuses a closed quarter naming the date, and takes it once ADMIN reopened it for the supplier", async () => {
    const admin = await currentUserByEmail(prisma, "admin@demo.example.dk");
    const { reopenQuarter, setSupplierDeadline } = await import("@/lib/sales-report/admin");
    const quarter = quarterFromCode(OPEN)!;
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    if (yesterday <= quarter.end && yesterday >= quarter.start) {
      // The deadline must lie after the quarter: use the direct row for the test's closed quarter.
      await prisma.supplierDeadline.upsert({ where: { quarter: OPEN }, create: { quarter: OPEN, deadline: new Date(`${yesterday}T00:00:00Z`) }, update: { deadline: new Date(`${yesterday}T00:00:00Z`) } });
    } else {
      await setSupplierDeadline(admin, { quarter: OPEN, deadline: yesterday });
    }
    await expect(submit.declareNoSales(supplier, { agreementId: agreement.id, quarter: OPEN })).rejects.toThrow(/^Fristen for omsætningsindberetning for .* var /);
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await reopenQuarter(admin, { supplierId: supplier.supplierId!, quarter: OPEN, until: until > quarter.end ? until : "2999-12-31", reason: "Forsinket bogføring" });
    await expect(submit.declareNoSales(supplier, { agreementId: agreement.id, quarter: OPEN })).resolves.toMatchObject({ ok: true, lineCount: 0 });
    expect(await prisma.auditLog.count({ where: { action: "salesReport.reopen" } })).toBe(1);
    await prisma.supplierDeadline.delete({ where: { quarter: OPEN } });
  });
});

describe("API keys", () => {
  it("a supplier's key reports for its own company only; another supplier's agreement is not found; a revoked key is refused", async () => {
    const { createSupplierApiKey, revokeSupplierApiKey } = await import("@/lib/sales-report/api-keys");
    const { authenticateApiKey } = await import("@/lib/auth/api-key");
    const { key, id } = await createSupplierApiKey(supplier, { name: "Økonomisystem" });
    const caller = (await authenticateApiKey(`Bearer ${key}`, { method: "POST", endpoint: "/api/omsaetning" }))!;
    expect(caller).toMatchObject({ role: "SUPPLIER", supplierId: supplier.supplierId, apiKeyId: id });
    const body = { agreement: agreement.reference, quarter: OPEN, rows: [{ customerCvr: customer.cvr, categoryCode: agreement.category, amountOre: 500, ecommerce: true }] };
    await expect(submit.receiveApiReport(caller, body)).resolves.toMatchObject({ ok: true, lineCount: 1, totalOre: 500n });
    const bad = await submit.receiveApiReport(caller, { ...body, rows: [{ ...body.rows[0]!, amountOre: "12,5" as unknown as number }] });
    expect(bad).toMatchObject({ ok: false, problems: [{ row: 1, column: "amountOre" }] });
    await expect(submit.receiveApiReport(caller, { ...body, agreement: otherAgreement.reference })).rejects.toBeInstanceOf(submit.NotInScope);
    // The other supplier's key cannot report for this supplier's agreement either.
    const other = await createSupplierApiKey(otherSupplier, { name: "Andet system" });
    const otherCaller = (await authenticateApiKey(`Bearer ${other.key}`, { method: "POST", endpoint: "/api/omsaetning" }))!;
    await expect(submit.receiveApiReport(otherCaller, body)).rejects.toBeInstanceOf(submit.NotInScope);
    await expect(revokeSupplierApiKey(otherSupplier, id)).rejects.toThrow("API-nøglen findes ikke.");
    await revokeSupplierApiKey(supplier, id);
    expect(await authenticateApiKey(`Bearer ${key}`, { method: "POST", endpoint: "/api/omsaetning" })).toBeNull();
    expect(await prisma.auditLog.count({ where: { entity: "SupplierApiKey", action: { in: ["apikey.create", "apikey.revoke"] } } })).toBe(3);
  });
});

describe("xlsx", () => {
  it("the agreement's template, filled in with exceljs, comes back through the hardened reader", async () => {
    const { salesTemplateWorkbook } = await import("@/lib/sales-report/template");
    const template = await salesTemplateWorkbook({ reference: agreement.reference, name: "Aftale", categories: [{ code: agreement.category, name: "Kategori" }], customers: [customer] }, OPEN);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Omsætning")!;
    sheet.addRow([customer.cvr, customer.name, "", agreement.category, 2500.5, "ja"]);
    sheet.addRow([customer.cvr, "", "", agreement.category, "1.000,00", "nej"]);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await submit.submitSalesFile(supplier, { agreementId: agreement.id, quarter: OPEN, file: file(filled, "xlsx") });
    expect(result).toMatchObject({ ok: true, lineCount: 2, totalOre: 350050n });
    const report = await prisma.salesReport.findFirstOrThrow({ where: { supersededAt: null, agreementId: agreement.id, supplierId: supplier.supplierId!, quarter: OPEN } });
    expect(report.channel).toBe("XLSX");
  });

  it("refuses every hostile workbook in Danish and stores nothing", async () => {
    const { salesTemplateWorkbook } = await import("@/lib/sales-report/template");
    const base = await salesTemplateWorkbook({ reference: agreement.reference, name: "Aftale", categories: [{ code: agreement.category, name: "Kategori" }], customers: [customer] }, OPEN);
    const before = [await prisma.salesReport.count(), await prisma.salesReportLine.count()];
    for (const kind of HOSTILE_KINDS) {
      const expected = { name: "XlsxFileError", field: "file", problem: HOSTILE_REFUSALS[kind].streamed ?? HOSTILE_REFUSALS[kind].problem };
      await expect(submit.submitSalesFile(supplier, { agreementId: agreement.id, quarter: OPEN, file: file(hostileXlsx(base, kind), "xlsx") }), kind).rejects.toMatchObject(expected);
    }
    expect([await prisma.salesReport.count(), await prisma.salesReportLine.count()]).toEqual(before);
  }, 180_000);
});
