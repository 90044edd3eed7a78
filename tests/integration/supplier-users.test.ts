import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agreementWhere, institutionWhere, ministryWhere } from "@/lib/auth/scope";
import type { CurrentUser } from "@/lib/auth/types";
import { parseCatalogueQuery } from "@/lib/catalogue/search-params";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";
import { currentUserByEmail } from "@/tests/support/users";

// Issue 13, deliverable 1: users of a supplier company (role SUPPLIER).
let db: TestDatabase;
let prisma: PrismaClient;
let manage: typeof import("@/lib/users/manage");
let search: typeof import("@/lib/catalogue/search");
let agreementPage: typeof import("@/lib/catalogue/agreement");
let enrolment: typeof import("@/lib/enrolment/queries");

const currentUser = (email: string): Promise<CurrentUser> => currentUserByEmail(prisma, email);
const SUPPLIER = "leverandoer@demo.example.dk";
const OTHER_SUPPLIER = "leverandoer2@demo.example.dk";

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.url, { purchaseLinesPerQuarter: 50 });
  prisma = createPrismaClient(db.url);
  process.env.DATABASE_URL = db.url;
  manage = await import("@/lib/users/manage");
  search = await import("@/lib/catalogue/search");
  agreementPage = await import("@/lib/catalogue/agreement");
  enrolment = await import("@/lib/enrolment/queries");
});
afterAll(async () => {
  await prisma.$disconnect();
  const { prisma: appClient } = await import("@/lib/db/client");
  await appClient.$disconnect();
  await db.drop();
});

async function agreementIdsOfSupplier(supplierId: number): Promise<number[]> {
  const rows = await prisma.agreementSupplier.findMany({ where: { supplierId, agreement: { retiredAt: null } }, select: { agreementId: true } });
  return rows.map((row) => row.agreementId).sort((a, b) => a - b);
}

describe("creating a supplier user", () => {
  it("stores the user with its company and audits the creation", async () => {
    const admin = await currentUser("admin@demo.example.dk");
    const supplier = await prisma.supplier.findFirstOrThrow({ where: { name: "Storkøkkenet Demo Engros A/S" } });
    const message = await manage.createSupplierUser(admin, { name: "Ny Leverandørbruger", email: "ny@storkoekken.example.dk", role: "SUPPLIER", supplierCvr: supplier.cvr });
    expect(message).toBe("Ny Leverandørbruger er oprettet som leverandørbruger for Storkøkkenet Demo Engros A/S.");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "ny@storkoekken.example.dk" } });
    expect(user).toMatchObject({ role: "SUPPLIER", supplierId: supplier.id, institutionId: null, ministryId: null, passwordHash: null });
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "user.create", entityId: String(user.id) } });
    expect(entry.actorId).toBe(admin.id);
    expect(entry.after).toMatchObject({ email: user.email, role: "SUPPLIER", supplierId: supplier.id, supplierCvr: supplier.cvr });
  });

  it("refuses an unknown supplier or a taken e-mail, and writes nothing", async () => {
    const admin = await currentUser("admin@demo.example.dk");
    const before = await prisma.user.count();
    const audited = await prisma.auditLog.count({ where: { action: "user.create" } });
    await expect(
      manage.createSupplierUser(admin, { name: "X", email: "x@example.dk", role: "SUPPLIER", supplierCvr: "13748136" }),
    ).rejects.toThrow("Der er ingen leverandør med CVR-nummer 13748136.");
    const supplier = await prisma.supplier.findFirstOrThrow();
    await expect(
      manage.createSupplierUser(admin, { name: "X", email: SUPPLIER, role: "SUPPLIER", supplierCvr: supplier.cvr }),
    ).rejects.toThrow(`Der findes allerede en bruger med e-mailen ${SUPPLIER}.`);
    expect(await prisma.user.count()).toBe(before);
    expect(await prisma.auditLog.count({ where: { action: "user.create" } })).toBe(audited);
  });

  it("is kept apart from the other roles by the database: a supplier user needs its company, nobody else has one", async () => {
    const supplier = await prisma.supplier.findFirstOrThrow();
    await expect(prisma.user.create({ data: { email: "uden@example.dk", name: "Uden", role: "SUPPLIER" } })).rejects.toThrow(/User_supplier_role_check/);
    await expect(
      prisma.user.create({ data: { email: "koeber@example.dk", name: "Køber", role: "ADMIN", supplierId: supplier.id } }),
    ).rejects.toThrow(/User_supplier_role_check/);
  });

  it("refuses a role change of a supplier user; deactivating it is the way to revoke it", async () => {
    const admin = await currentUser("admin@demo.example.dk");
    const supplierUser = await currentUser(OTHER_SUPPLIER);
    await expect(manage.changeUserRole(admin, { userId: supplierUser.id, role: "ADMIN" })).rejects.toThrow(
      "En leverandørbruger kan ikke skifte rolle. Deaktivér brugeren, og opret en ny.",
    );
    expect((await prisma.user.findUniqueOrThrow({ where: { id: supplierUser.id } })).role).toBe("SUPPLIER");
  });
});

describe("what a supplier user reads", () => {
  it("carries its company in the current user", async () => {
    const user = await currentUser(SUPPLIER);
    expect(user).toMatchObject({ role: "SUPPLIER", supplierName: "Datagrej Demo A/S", institutionId: null, ministryId: null });
  });

  it("lists in the catalogue exactly the agreements its company is on", async () => {
    for (const email of [SUPPLIER, OTHER_SUPPLIER]) {
      const user = await currentUser(email);
      const own = await agreementIdsOfSupplier(user.supplierId!);
      expect(own.length).toBeGreaterThan(0);
      const found = await search.searchAgreements(user, parseCatalogueQuery({}).query);
      expect(found.hits.map((hit) => hit.id).sort((a, b) => a - b)).toEqual(own);
      const viaWhere = await prisma.agreement.findMany({ where: agreementWhere(user, { retiredAt: null }), select: { id: true } });
      expect(viaWhere.map((a) => a.id).sort((a, b) => a - b)).toEqual(own);
    }
  });

  it("opens its company's agreement, and another supplier's agreement answers as a missing one", async () => {
    const supplier = await currentUser(SUPPLIER);
    const other = await currentUser(OTHER_SUPPLIER);
    const [ownId] = await agreementIdsOfSupplier(supplier.supplierId!);
    const [othersId] = await agreementIdsOfSupplier(other.supplierId!);
    expect((await agreementPage.getAgreement(supplier, ownId!)).status).toBe("found");
    expect(await agreementPage.getAgreement(other, ownId!)).toEqual({ status: "missing" });
    expect(await agreementPage.getAgreement(supplier, othersId!)).toEqual({ status: "missing" });
    // The other supplier's agreement needs enrolment (phase 10): its Skema is outside the first supplier's scope.
    expect(await enrolment.skemaTemplate(supplier, othersId!)).toBeNull();
    expect(await enrolment.skemaTemplate(other, othersId!)).not.toBeNull();
  });

  it("reads no institution and no ministry", async () => {
    const user = await currentUser(SUPPLIER);
    expect(await prisma.institution.count({ where: institutionWhere(user) })).toBe(0);
    expect(await prisma.ministry.count({ where: ministryWhere(user) })).toBe(0);
  });

  it("matches no agreement without its company", async () => {
    const orphan: CurrentUser = { ...(await currentUser(SUPPLIER)), supplierId: null };
    expect(await prisma.agreement.count({ where: agreementWhere(orphan) })).toBe(0);
    expect((await search.searchAgreements(orphan, parseCatalogueQuery({}).query)).total).toBe(0);
  });
});
