import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/types";
import {
  agreementFormSchema,
  categoryFormSchema,
  phaseFormSchema,
  supplierFormSchema,
} from "@/lib/catalogue/admin-schemas";
import { AGREEMENT_SHEET, CATEGORY_SHEET, SUPPLIER_SHEET } from "@/lib/catalogue/import-rules";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { danishSortKey } from "@/lib/domain/danish-sort";
import { cvrWithCheck } from "@/lib/domain/identifiers";
import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";
import { HOSTILE_KINDS, HOSTILE_REFUSALS, hostileXlsx } from "@/tests/support/hostile-xlsx";
import { buildZip, unzip } from "@/tests/support/zip";

let db: TestDatabase;
let prisma: PrismaClient;
let admin: CurrentUser;
let adminLib: typeof import("@/lib/catalogue/admin");
let importLib: typeof import("@/lib/catalogue/import");

/** Fresh valid CVR numbers that the demo data do not use (the demo's start at 4100000). */
const freshCvrs = (() => {
  const out: string[] = [];
  for (let body = 9_000_001; out.length < 20; body += 7) {
    const cvr = cvrWithCheck(String(body));
    if (cvr) out.push(cvr);
  }
  return out;
})();

async function snapshotCounts() {
  const [agreements, suppliers, categories, phases, audit, links] = await Promise.all([
    prisma.agreement.count(),
    prisma.supplier.count(),
    prisma.category.count(),
    prisma.phase.count(),
    prisma.auditLog.count(),
    prisma.agreementSupplier.count(),
  ]);
  return { agreements, suppliers, categories, phases, audit, links };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.url, { purchaseLinesPerQuarter: 50 });
  prisma = createPrismaClient(db.url);
  process.env.DATABASE_URL = db.url;
  adminLib = await import("@/lib/catalogue/admin");
  importLib = await import("@/lib/catalogue/import");
  const user = await prisma.user.findUniqueOrThrow({ where: { email: "admin@demo.example.dk" } });
  admin = {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    institutionId: null,
    institutionName: null,
    ministryId: null,
    ministryName: null,
    supplierId: null,
    supplierName: null,
  };
});

afterAll(async () => {
  await prisma?.$disconnect();
  const { prisma: appClient } = await import("@/lib/db/client");
  await appClient.$disconnect();
  await db?.drop();
});

describe("suppliers and categories", () => {
  it("creates a supplier with its audit entry, and refuses a duplicate CVR and a bad category with nothing written", async () => {
    const cvr = freshCvrs[0]!;
    const outcome = await adminLib.saveSupplier(admin, supplierFormSchema.parse({ cvr: `DK ${cvr}`, name: "Ærø Papir ApS", categoryCode: "1920" }));
    const supplier = await prisma.supplier.findUniqueOrThrow({ where: { cvr } });
    expect(outcome).toMatchObject({ id: String(supplier.id), changed: true });
    expect(supplier).toMatchObject({ name: "Ærø Papir ApS", sortKey: "{r| papir aps", categoryCode: "1920" });
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "supplier.create", entityId: String(supplier.id) } });
    expect(entry).toMatchObject({ actorId: admin.id, entity: "Supplier", before: null, after: { cvr, name: "Ærø Papir ApS", categoryCode: "1920" } });

    const before = await snapshotCounts();
    await expect(adminLib.saveSupplier(admin, supplierFormSchema.parse({ cvr, name: "Igen" }))).rejects.toMatchObject({
      field: "cvr",
      message: `Der findes allerede en leverandør med CVR-nummer ${cvr}: Ærø Papir ApS.`,
    });
    await expect(
      adminLib.saveSupplier(admin, supplierFormSchema.parse({ cvr: freshCvrs[1], name: "Ny", categoryCode: "9999" })),
    ).rejects.toMatchObject({ field: "categoryCode", message: expect.stringContaining("Kategorien 9999 findes ikke") });
    expect(await snapshotCounts()).toEqual(before);
  });

  it("edits a supplier but never its CVR number, and writes nothing when nothing changed", async () => {
    const supplier = await prisma.supplier.findUniqueOrThrow({ where: { cvr: freshCvrs[0]! } });
    await adminLib.saveSupplier(admin, supplierFormSchema.parse({ id: supplier.id, cvr: supplier.cvr, name: "Ærø Papir A/S", categoryCode: "" }));
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "supplier.update", entityId: String(supplier.id) } });
    expect(entry.before).toMatchObject({ name: "Ærø Papir ApS", categoryCode: "1920" });
    expect(entry.after).toMatchObject({ name: "Ærø Papir A/S", categoryCode: null });
    const audits = await prisma.auditLog.count();
    const same = await adminLib.saveSupplier(admin, supplierFormSchema.parse({ id: supplier.id, cvr: supplier.cvr, name: "Ærø Papir A/S" }));
    expect(same.changed).toBe(false);
    expect(await prisma.auditLog.count()).toBe(audits);
    await expect(
      adminLib.saveSupplier(admin, supplierFormSchema.parse({ id: supplier.id, cvr: freshCvrs[2], name: "Ærø Papir A/S" })),
    ).rejects.toMatchObject({ field: "cvr", message: expect.stringContaining("CVR-nummeret kan ikke ændres") });
  });

  it("creates and edits a category; refuses a taken code", async () => {
    await adminLib.saveCategory(admin, categoryFormSchema.parse({ code: "1990", name: "Diverse", hasMandatoryAgreements: "" }));
    await adminLib.saveCategory(
      admin,
      categoryFormSchema.parse({ editing: "1990", code: "1990", name: "Diverse varer", hasMandatoryAgreements: "on", contractType: "SOCIAL_SERVICES" }),
    );
    expect(await prisma.category.findUnique({ where: { code: "1990" } })).toMatchObject({
      name: "Diverse varer",
      hasMandatoryAgreements: true,
      contractType: "SOCIAL_SERVICES",
    });
    const entries = await prisma.auditLog.findMany({ where: { entity: "Category", entityId: "1990" }, orderBy: { id: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["category.create", "category.update"]);
    expect(entries[1]!.before).toMatchObject({ contractType: "SUPPLIES_SERVICES" });
    expect(entries[1]!.after).toMatchObject({ contractType: "SOCIAL_SERVICES" });
    await expect(adminLib.saveCategory(admin, categoryFormSchema.parse({ code: "1920", name: "Kopi" }))).rejects.toMatchObject({
      field: "code",
      message: "Kategorikoden 1920 findes allerede (Kontorartikler).",
    });
  });
});

describe("phases", () => {
  it("creates and closes a phase, and refuses to reopen it or change its number", async () => {
    const created = await adminLib.savePhase(admin, phaseFormSchema.parse({ number: "13", tenderYear: "2027", effectiveDate: "2028-01-01" }));
    const id = Number(created.id);
    expect(await prisma.phase.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "13. fase", closed: false });
    await adminLib.savePhase(admin, phaseFormSchema.parse({ id, number: "13", name: "13. fase", tenderYear: "2027", effectiveDate: "2028-01-01", closed: "on" }));
    expect(await prisma.auditLog.findFirst({ where: { action: "phase.close", entityId: String(id) } })).toMatchObject({
      before: { closed: false },
      after: { closed: true },
    });
    await expect(
      adminLib.savePhase(admin, phaseFormSchema.parse({ id, number: "13", name: "13. fase", tenderYear: "2027", effectiveDate: "2028-01-01" })),
    ).rejects.toMatchObject({ field: "closed", message: expect.stringContaining("kan ikke genåbnes") });
    await expect(
      adminLib.savePhase(admin, phaseFormSchema.parse({ id, number: "14", tenderYear: "2027", effectiveDate: "2028-01-01", closed: "on" })),
    ).rejects.toMatchObject({ field: "number" });
    await expect(adminLib.savePhase(admin, phaseFormSchema.parse({ number: "12", tenderYear: "2017", effectiveDate: "2018-01-01" }))).rejects.toMatchObject({
      field: "number",
      message: "Der findes allerede en fase med nummer 12.",
    });
  });
});

describe("agreements", () => {
  let agreementId: number;

  it("creates an agreement with categories and suppliers; the search text follows by trigger", async () => {
    const suppliers = await prisma.supplier.findMany({ where: { categoryCode: "1920" }, take: 2, orderBy: { id: "asc" } });
    const outcome = await adminLib.saveAgreement(
      admin,
      agreementFormSchema.parse({
        reference: "SIP 12.90",
        name: "Øko-kontorartikler",
        description: "Miljømærkede kontorartikler",
        kind: "MANDATORY_CENTRAL",
        phaseNumber: "12",
        validFrom: "01-01-2027",
        validTo: "31-12-2030",
        "category:1920": "on",
        supplierCvrs: suppliers.map((s) => s.cvr).join(", "),
        ecommerce: "on",
      }),
    );
    agreementId = Number(outcome.id);
    const agreement = await prisma.agreement.findUniqueOrThrow({
      where: { id: agreementId },
      include: { phase: true, categories: true, suppliers: true },
    });
    expect(agreement).toMatchObject({ kind: "MANDATORY_CENTRAL", sortKey: danishSortKey("Øko-kontorartikler"), ecommerce: true, retiredAt: null });
    expect(agreement.phase?.number).toBe(12);
    expect(agreement.categories.map((c) => c.categoryCode)).toEqual(["1920"]);
    expect(agreement.suppliers).toHaveLength(2);
    expect(agreement.searchText).toContain(suppliers[0]!.name.toLowerCase());
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "agreement.create", entityId: String(agreementId) } });
    expect(entry.after).toMatchObject({ reference: "SIP 12.90", phaseNumber: 12, validFrom: "2027-01-01", categoryCodes: ["1920"] });
  });

  it("edits the agreement and its links, recording before and after", async () => {
    const current = await adminLib.getAgreementForAdmin(agreementId);
    const keep = current!.suppliers[0]!.supplier.cvr;
    await adminLib.saveAgreement(
      admin,
      agreementFormSchema.parse({
        id: String(agreementId),
        reference: "SIP 12.90",
        name: "Økologiske kontorartikler",
        kind: "VOLUNTARY_CENTRAL",
        phaseNumber: "12",
        validFrom: "2027-01-01",
        validTo: "2030-12-31",
        "category:1920": "on",
        "category:1210": "on",
        supplierCvrs: keep,
      }),
    );
    const agreement = await prisma.agreement.findUniqueOrThrow({ where: { id: agreementId }, include: { categories: true, suppliers: true } });
    expect(agreement.categories.map((c) => c.categoryCode).sort()).toEqual(["1210", "1920"]);
    expect(agreement.suppliers).toHaveLength(1);
    expect(agreement.ecommerce).toBe(false);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "agreement.update", entityId: String(agreementId) } });
    expect(entry.before).toMatchObject({ name: "Øko-kontorartikler", kind: "MANDATORY_CENTRAL", ecommerce: true });
    expect(entry.after).toMatchObject({ name: "Økologiske kontorartikler", kind: "VOLUNTARY_CENTRAL", ecommerce: false, supplierCvrs: [keep] });
  });

  it("refuses invalid agreements with the message at the field and nothing written", async () => {
    const before = await snapshotCounts();
    const base = {
      reference: "SIP 12.91",
      name: "Ugyldig",
      kind: "MANDATORY_CENTRAL",
      phaseNumber: "12",
      validFrom: "2027-01-01",
      validTo: "2030-12-31",
      "category:1920": "on",
    };
    // Rules of the form itself.
    const ski = agreementFormSchema.safeParse({ ...base, kind: "VOLUNTARY_SKI" });
    expect(ski.success).toBe(false);
    expect(ski.error?.issues[0]).toMatchObject({ path: ["phaseNumber"], message: expect.stringContaining("SKI-aftale") });
    // Rules that need the database, all reported at once.
    const error = await adminLib
      .saveAgreement(admin, agreementFormSchema.parse({ ...base, phaseNumber: "77", supplierCvrs: freshCvrs[5], "category:9998": "on" }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(adminLib.MasterDataError);
    expect((error as InstanceType<typeof adminLib.MasterDataError>).problems.map((p) => p.field)).toEqual([
      "phaseNumber",
      "categoryCodes",
      "supplierCvrs",
    ]);
    await expect(adminLib.saveAgreement(admin, agreementFormSchema.parse({ ...base, reference: "SIP 08.01" }))).rejects.toMatchObject({
      field: "reference",
      message: "Der findes allerede en aftale med referencen SIP 08.01 (Computeraftalen).",
    });
    expect(await snapshotCounts()).toEqual(before);
  });

  it("retires an agreement without deleting it, once", async () => {
    await adminLib.retireAgreement(admin, { id: agreementId });
    const agreement = await prisma.agreement.findUniqueOrThrow({ where: { id: agreementId } });
    expect(agreement.retiredAt).toBeInstanceOf(Date);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "agreement.retire", entityId: String(agreementId) } });
    expect(entry.before).toEqual({ retiredAt: null });
    await expect(adminLib.retireAgreement(admin, { id: agreementId })).rejects.toThrow("Aftalen SIP 12.90 er allerede udgået.");
  });
});

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

type Rows = Record<string, unknown>[];

async function importWorkbook(sheets: { categories?: Rows; suppliers?: Rows; agreements?: Rows }, drop: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Vejledning").addRow(["Ignoreres"]);
  const add = (spec: typeof CATEGORY_SHEET | typeof SUPPLIER_SHEET | typeof AGREEMENT_SHEET, rows: Rows | undefined) => {
    if (!rows) return;
    const headers = spec.columns.map((c) => c.header).filter((h) => !drop.includes(h));
    const sheet = wb.addWorksheet(spec.name);
    sheet.addRow(headers);
    for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? null));
  };
  add(CATEGORY_SHEET, sheets.categories);
  add(SUPPLIER_SHEET, sheets.suppliers);
  add(AGREEMENT_SHEET, sheets.agreements);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("import of master data from xlsx", () => {
  it("imports a valid workbook in one go: creates, updates and leaves unchanged rows, with audit entries", async () => {
    const existingSupplier = await prisma.supplier.findFirstOrThrow({ where: { cvr: { not: freshCvrs[0] } }, orderBy: { id: "asc" } });
    const owner = await prisma.institution.findFirstOrThrow({ where: { customerType: "OBLIGATED" } });
    const data = await importWorkbook({
      categories: [
        { Kategorikode: "1995", Indkøbskategori: "Kunst og udsmykning", "Forpligtende aftaler": "Nej" },
        { Kategorikode: "1920", Indkøbskategori: "Kontorartikler", "Forpligtende aftaler": "Ja" },
        { Kategorikode: "1996", Indkøbskategori: "Ombygning af lokaler", Kontrakttype: "Bygge og anlæg" },
      ],
      suppliers: [
        { "CVR-nummer": freshCvrs[10], Navn: "Billedhuggeren ApS", Kategorikode: "1995" },
        { "CVR-nummer": Number(freshCvrs[11]), Navn: "Galleri Aarhus A/S", Kategorikode: "" },
        { "CVR-nummer": existingSupplier.cvr, Navn: `${existingSupplier.name} (nyt navn)`, Kategorikode: existingSupplier.categoryCode },
      ],
      agreements: [
        {
          Reference: "SIP 12.95",
          Navn: "Kunstudlån",
          Beskrivelse: "Udlån af kunst til statens bygninger",
          Aftaletype: "Frivillig central",
          Fase: 12,
          "Gyldig fra": new Date(Date.UTC(2026, 0, 1)),
          "Gyldig til": "31-12-2028",
          Kategorikoder: "1995",
          "Leverandør-CVR": `${freshCvrs[10]}, ${freshCvrs[11]}`,
          "E-handel": "Ja",
          "Anslået værdi (kr.)": 12_000_000,
          "Maksimal værdi (kr.)": "15.000.000,00",
        },
        {
          Reference: "EGEN 2026-01",
          Navn: "Egen rammeaftale om rammer",
          Aftaletype: "Egen",
          "Gyldig fra": "2026-01-01",
          "Gyldig til": "2026-12-31",
          "Ejer-CVR": owner.cvr,
          Kategorikoder: "1995",
        },
      ],
    });
    const outcome = await importLib.importMasterData(admin, { name: "stamdata.xlsx", data });
    expect(outcome).toMatchObject({
      ok: true,
      counts: {
        categories: { created: 2, updated: 0, unchanged: 1 },
        suppliers: { created: 2, updated: 1, unchanged: 0 },
        agreements: { created: 2, updated: 0, unchanged: 0 },
      },
    });
    expect(outcome.message).toMatch(/^Importen er gennemført\. Kategorier: 2 oprettet, 0 ændret, 1 uændret\./);
    expect(await prisma.category.findUniqueOrThrow({ where: { code: "1996" } })).toMatchObject({ contractType: "WORKS" });
    const art = await prisma.agreement.findUniqueOrThrow({ where: { reference: "SIP 12.95" }, include: { suppliers: { include: { supplier: true } }, phase: true } });
    expect(art).toMatchObject({ kind: "VOLUNTARY_CENTRAL", ecommerce: true, validTo: new Date(Date.UTC(2028, 11, 31)) });
    expect([art.estimatedValueOre, art.maximumValueOre]).toEqual([12_000_000_00n, 15_000_000_00n]);
    expect((await prisma.agreement.findUniqueOrThrow({ where: { reference: "EGEN 2026-01" } })).maximumValueOre).toBeNull();
    expect(art.phase?.number).toBe(12);
    expect(art.suppliers.map((s) => s.supplier.name).sort()).toEqual(["Billedhuggeren ApS", "Galleri Aarhus A/S"]);
    expect(art.searchText).toContain("billedhuggeren");
    expect(await prisma.agreement.findUniqueOrThrow({ where: { reference: "EGEN 2026-01" } })).toMatchObject({ ownerInstitutionId: owner.id, phaseId: null });
    expect((await prisma.supplier.findUniqueOrThrow({ where: { id: existingSupplier.id } })).name).toBe(`${existingSupplier.name} (nyt navn)`);

    const summary = await prisma.auditLog.findFirstOrThrow({ where: { action: "catalogue.import" } });
    expect(summary.after).toMatchObject({ fileName: "stamdata.xlsx", counts: { suppliers: { created: 2, updated: 1 } } });
    expect(await prisma.auditLog.count({ where: { action: "supplier.create", entityId: { in: (await prisma.supplier.findMany({ where: { cvr: { in: freshCvrs.slice(10, 12) } } })).map((s) => String(s.id)) } } })).toBe(2);
    expect(await prisma.auditLog.count({ where: { action: "supplier.update", entityId: String(existingSupplier.id) } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "agreement.create", entityId: String(art.id) } })).toBe(1);

    // The same file again changes nothing.
    const again = await importLib.importMasterData(admin, { name: "stamdata.xlsx", data });
    expect(again).toMatchObject({ ok: true, counts: { suppliers: { created: 0, updated: 0, unchanged: 3 }, agreements: { unchanged: 2 } } });
  });

  it("writes nothing when one row is bad, and reports sheet, row, column and reason", async () => {
    const before = await snapshotCounts();
    const data = await importWorkbook({
      suppliers: [
        { "CVR-nummer": freshCvrs[14], Navn: "God leverandør ApS" },
        { "CVR-nummer": "12345678", Navn: "Dårlig leverandør ApS" },
      ],
      agreements: [
        {
          Reference: "SIP 12.96",
          Navn: "God aftale",
          Aftaletype: "Forpligtende central",
          Fase: 12,
          "Gyldig fra": "2026-01-01",
          "Gyldig til": "2027-12-31",
          Kategorikoder: "1920",
          "Leverandør-CVR": freshCvrs[14],
        },
      ],
    });
    const outcome = await importLib.importMasterData(admin, { name: "fejl.xlsx", data });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toBe("Filen indeholder 1 fejl, og intet er importeret. Ret fejlen, og prøv igen.");
    expect(outcome.problems).toEqual([
      { sheet: "Leverandører", row: 3, column: "CVR-nummer", message: "CVR-nummeret 12345678 er ikke gyldigt: kontrolcifferet passer ikke (modulus 11)." },
    ]);
    expect(await snapshotCounts()).toEqual(before);
    expect(await prisma.supplier.findUnique({ where: { cvr: freshCvrs[14]! } })).toBeNull();
  });

  it("refuses a file that is not xlsx, a corrupt one, one with macros and one with a missing column, saying which", async () => {
    const before = await snapshotCounts();
    const csv = await importLib.importMasterData(admin, { name: "leverandoerer.csv", data: Buffer.from("CVR;Navn\n13748136;A/S\n") });
    expect(csv).toMatchObject({ ok: false, fileProblem: "not-xlsx", message: expect.stringContaining("ikke et Excel-regneark (xlsx)") });

    const good = await importWorkbook({ suppliers: [{ "CVR-nummer": freshCvrs[15], Navn: "X ApS" }] });
    const corrupt = await importLib.importMasterData(admin, { name: "x.xlsx", data: good.subarray(0, Math.floor(good.length / 2)) });
    expect(corrupt).toMatchObject({ ok: false, fileProblem: "corrupt", message: expect.stringContaining("beskadiget") });

    const macro = buildZip([...unzip(good), { name: "xl/vbaProject.bin", data: Buffer.from("Sub AutoOpen()") }]);
    expect(await importLib.importMasterData(admin, { name: "x.xlsm", data: macro })).toMatchObject({
      ok: false,
      fileProblem: "macro",
      message: expect.stringContaining("makroer"),
    });

    const missing = await importWorkbook({ suppliers: [{ "CVR-nummer": freshCvrs[15], Navn: "X ApS" }] }, ["Navn"]);
    const outcome = await importLib.importMasterData(admin, { name: "x.xlsx", data: missing });
    expect(outcome).toMatchObject({
      ok: false,
      fileProblem: "columns",
      message: "Arket «Leverandører» mangler kolonnen «Navn» i række 1. Intet er importeret.",
      problems: [{ sheet: "Leverandører", row: 1, column: "Navn" }],
    });
    expect(await snapshotCounts()).toEqual(before);
  });

  it("refuses every hostile workbook (zip bombs, surplus shared strings and styles, deep XML, ...) in Danish and imports nothing", async () => {
    const before = await snapshotCounts();
    const good = await importWorkbook({ suppliers: [{ "CVR-nummer": freshCvrs[16], Navn: "Bombe ApS" }] });
    for (const kind of HOSTILE_KINDS) {
      const outcome = await importLib.importMasterData(admin, { name: `${kind}.xlsx`, data: hostileXlsx(good, kind) });
      expect(outcome, kind).toMatchObject({ ok: false, fileProblem: HOSTILE_REFUSALS[kind].problem, message: expect.stringContaining(HOSTILE_REFUSALS[kind].text) });
    }
    expect(await snapshotCounts()).toEqual(before);
    expect(await prisma.supplier.findUnique({ where: { cvr: freshCvrs[16]! } })).toBeNull();
  }, 120_000);

  it("serves a template that the import itself reads (and finds empty)", async () => {
    const template = await importLib.importTemplateWorkbook();
    const outcome = await importLib.importMasterData(admin, { name: "skabelon.xlsx", data: template });
    expect(outcome).toMatchObject({ ok: false, fileProblem: "no-rows" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Vejledning", "Kategorier", "Leverandører", "Aftaler"]);
    expect(wb.getWorksheet("Leverandører")!.getRow(1).values).toEqual([undefined, "CVR-nummer", "Navn", "Kategorikode"]);
  });
});
