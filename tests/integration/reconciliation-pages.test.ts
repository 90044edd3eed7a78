/**
 * The reconciliation's reads on the demo data (seeded with its sales reports): scopes (a ministry
 * never sees another ministry's institutions, a supplier never another supplier's rows, a buyer
 * nothing), the agency's overview, the tolerance setting (audited), and the late-report notice
 * (called twice, sent once).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/types";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { seedDemoData } from "@/lib/seed/seed";
import { DATA_QUARTERS } from "@/lib/seed/demo-data";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";
import { currentUserByEmail } from "@/tests/support/users";

let db: TestDatabase;
let prisma: PrismaClient;
let queries: typeof import("@/lib/reconciliation/queries");
let settings: typeof import("@/lib/reconciliation/settings");
let late: typeof import("@/lib/reconciliation/late");
let refresh: typeof import("@/lib/reconciliation/refresh");

const QUARTER = DATA_QUARTERS.at(-1)!;
const user = (email: string): Promise<CurrentUser> => currentUserByEmail(prisma, email);

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.url, { purchaseLinesPerQuarter: 3_000 });
  prisma = createPrismaClient(db.url);
  process.env.DATABASE_URL = db.url;
  queries = await import("@/lib/reconciliation/queries");
  settings = await import("@/lib/reconciliation/settings");
  late = await import("@/lib/reconciliation/late");
  refresh = await import("@/lib/reconciliation/refresh");
}, 180_000);
afterAll(async () => {
  await prisma.$disconnect();
  const { prisma: appClient } = await import("@/lib/db/client");
  await appClient.$disconnect();
  await db.drop();
});

async function allRows(viewer: CurrentUser) {
  const rows = [];
  for (let page = 1; ; page++) {
    const result = await queries.reconciliationRows(viewer, { quarter: QUARTER, filter: "all", page });
    rows.push(...result.rows);
    if (result.rows.length < queries.PAGE_SIZE) return { rows, total: result.total };
  }
}

describe("the seeded reconciliation", () => {
  it("is up to date after the seed and has every kind of finding", async () => {
    const { appClient } = { appClient: (await import("@/lib/db/client")).prisma };
    expect(await refresh.staleReconciliationQuarters(appClient, [...DATA_QUARTERS])).toEqual([]);
    const overview = await queries.reconciliationOverview(QUARTER, "2026-12-04");
    expect(overview.missing.map((m) => `${m.supplierName} ${m.agreementReference}`)).toEqual(["Strømkilden Demo A/S SIP 10.01"]);
    expect(overview.totals.differs).toBeGreaterThan(0);
    expect(overview.totals.purchasesOnly).toBeGreaterThan(0);
    expect(overview.nonParty.some((r) => r.supplierName === "Datagrej Demo A/S" && r.agreementReference === "SIP 08.01")).toBe(true);
    const differences = overview.largest.map((r) => (r.differenceOre < 0n ? -r.differenceOre : r.differenceOre));
    expect(differences).toEqual([...differences].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    // One earlier version of Datagrej's last report is kept, and does not count.
    expect(await prisma.salesReport.count({ where: { quarter: QUARTER, supersededAt: { not: null } } })).toBe(1);
  });
});

describe("the scopes", () => {
  it("give a ministry its own institutions' rows only, and another ministry none of them", async () => {
    const analyst = await user("analytiker@demo.example.dk");
    const foreign = await user("analytiker.skm@demo.example.dk");
    const groupBuyer = await user("koncernindkoeber@demo.example.dk");
    const mine = await allRows(analyst);
    const fmInstitutions = new Set((await prisma.institution.findMany({ where: { ministryId: analyst.ministryId! } })).map((i) => i.id));
    const expected = await prisma.reconciliation.count({ where: { quarter: QUARTER, institutionId: { in: [...fmInstitutions] } } });
    expect(mine.total).toBe(expected);
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(mine.rows.every((r) => fmInstitutions.has(r.institutionId))).toBe(true);
    expect((await allRows(groupBuyer)).total).toBe(expected);
    const theirs = await allRows(foreign);
    expect(theirs.rows.length).toBeGreaterThan(0);
    expect(theirs.rows.some((r) => fmInstitutions.has(r.institutionId))).toBe(false);
    // A row of ministry A, read by ministry B's analyst: as if it did not exist.
    const key = { quarter: QUARTER, agreementId: mine.rows[0]!.agreementId, supplierId: mine.rows[0]!.supplierId, institutionId: mine.rows[0]!.institutionId };
    expect(await queries.reconciliationDetail(analyst, key)).not.toBeNull();
    expect(await queries.reconciliationDetail(foreign, key)).toBeNull();
    const exported = [];
    for await (const row of queries.reconciliationExportRows(foreign, QUARTER, "all")) exported.push(row);
    expect(exported.length).toBe(theirs.total);
    expect(exported.some((r) => fmInstitutions.has(r.institutionId))).toBe(false);
  });

  it("give a supplier its own company's rows only, and another supplier none of them", async () => {
    const supplier = await user("leverandoer@demo.example.dk");
    const other = await user("leverandoer2@demo.example.dk");
    const mine = await allRows(supplier);
    expect(mine.total).toBe(await prisma.reconciliation.count({ where: { quarter: QUARTER, supplierId: supplier.supplierId! } }));
    expect(mine.rows.every((r) => r.supplierId === supplier.supplierId)).toBe(true);
    const theirs = await allRows(other);
    expect(theirs.rows.length).toBeGreaterThan(0);
    expect(theirs.rows.some((r) => r.supplierId === supplier.supplierId)).toBe(false);
    const row = mine.rows.find((r) => r.reportLineCount > 0 && r.purchaseLineCount > 0)!;
    const key = { quarter: QUARTER, agreementId: row.agreementId, supplierId: row.supplierId, institutionId: row.institutionId };
    const detail = await queries.reconciliationDetail(supplier, key);
    expect(detail?.reportLines.reduce((sum, l) => sum + l.amountOre, 0n)).toBe(row.reportedOre);
    expect(detail?.purchaseLines.reduce((sum, l) => sum + l.amountOre, 0n)).toBe(row.purchasedOre);
    expect(await queries.reconciliationDetail(other, key)).toBeNull();
    // Its missing reports and summaries are its own too.
    expect((await queries.missingReports(QUARTER, "2026-12-04", other.supplierId)).map((m) => m.agreementReference)).toEqual(["SIP 10.01"]);
    expect(await queries.missingReports(QUARTER, "2026-12-04", supplier.supplierId)).toEqual([]);
  });

  it("give a buyer nothing", async () => {
    expect((await allRows(await user("koeber.stat@demo.example.dk"))).total).toBe(0);
  });
});

describe("the tolerance", () => {
  it("is set by ADMIN, audited, and changes the stored statuses at once", async () => {
    const admin = await user("admin@demo.example.dk");
    const before = await prisma.reconciliation.count({ where: { status: "DIFFERS" } });
    const message = await settings.setTolerance(admin, { percent: 0, kroner: 0n });
    expect(message).toMatch(/^Tolerancen er nu 0\u00a0% og 0,00\u00a0kr\.; \d+ kunder har fået en ny status\.$/);
    const after = await prisma.reconciliation.count({ where: { status: "DIFFERS" } });
    expect(after).toBeGreaterThan(before);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "reconciliation.tolerance" }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ actorId: admin.id, before: { basisPoints: 500, ore: "1000000" }, after: { basisPoints: 0, ore: "0" } });
    await settings.setTolerance(admin, { percent: 500, kroner: 1_000_000n });
    expect(await prisma.reconciliation.count({ where: { status: "DIFFERS" } })).toBe(before);
  });
});

describe("late reports", () => {
  it("tell the agency once per supplier and quarter, however often the job runs", async () => {
    const now = new Date("2026-12-04T08:00:00Z");
    const admins = await prisma.user.count({ where: { role: "ADMIN", active: true } });
    const stroemkilden = await prisma.supplier.findFirstOrThrow({ where: { name: "Strømkilden Demo A/S" } });
    // ADMIN reopened an earlier quarter for Strømkilden until after "now": not late yet there.
    await prisma.salesReport.deleteMany({ where: { supplierId: stroemkilden.id, quarter: DATA_QUARTERS[0] } });
    const admin = await prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });
    await prisma.salesReportReopening.create({ data: { supplierId: stroemkilden.id, quarter: DATA_QUARTERS[0], until: new Date("2026-12-10T00:00:00Z"), reopenedById: admin.id } });

    const outboxBefore = await prisma.outboxMessage.count();
    const first = await late.notifyLateSalesReports(now);
    expect(first).toEqual({ notices: 1, messages: admins });
    const second = await late.notifyLateSalesReports(now);
    expect(second).toEqual({ notices: 0, messages: 0 });
    expect(await prisma.outboxMessage.count()).toBe(outboxBefore + admins);
    const message = await prisma.outboxMessage.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(message.subject).toBe(`Manglende omsætningsindberetning: Strømkilden Demo A/S, 3. kvartal 2026`);
    expect(message.body).toContain("SIP 10.01 Elektricitet");
    expect(message.link).toBe(`/afstemning?kvartal=${QUARTER}`);
    const notice = await prisma.lateSalesReportNotice.findUniqueOrThrow({ where: { supplierId_quarter: { supplierId: stroemkilden.id, quarter: QUARTER } } });
    expect(notice).toMatchObject({ missingReports: 1, recipients: admins });

    // After the reopening has passed, the earlier quarter is late too: told once.
    expect(await late.notifyLateSalesReports(new Date("2026-12-11T08:00:00Z"))).toEqual({ notices: 1, messages: admins });
    expect(await late.notifyLateSalesReports(new Date("2026-12-12T08:00:00Z"))).toEqual({ notices: 0, messages: 0 });
  });
});
