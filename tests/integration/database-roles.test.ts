import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshCompliance } from "@/lib/compliance/rollup";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { prepareDatabase } from "@/lib/db/setup";
import { quarterFromCode } from "@/lib/purchase-data/quarter";
import { importWithClient } from "@/lib/purchase-data/run";
import { sourceFromFile } from "@/lib/purchase-data/sources";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { DEMO_INSTITUTIONS, DEMO_SUPPLIERS } from "@/lib/seed/demo-data";
import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase, databaseUrlFor, type TestDatabase } from "@/tests/support/database";

// npm start on PostgreSQL with an administrator's DATABASE_URL (as in development and CI): the
// portal must serve as a role that cannot change, remove or take over the audit log, and that may
// still do everything the portal does at runtime (docs/decisions/0011-database-roles.md).
let db: TestDatabase;
let servingUrl: string;
let serving: pg.Client;
let prisma: PrismaClient;
const notices: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
  ({ servingUrl } = await prepareDatabase(db.url));
  await seedDemoData(db.url, { purchaseLinesPerQuarter: 50 });
  serving = new pg.Client({ connectionString: servingUrl });
  await serving.connect();
  serving.on("notice", (notice) => notices.push(notice.message ?? ""));
  prisma = createPrismaClient(servingUrl);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await serving?.end();
  await db?.drop();
});

describe("the role the portal serves as", () => {
  it("is neither a superuser nor the owner of the tables", async () => {
    const { rows } = await serving.query<{ role: string; superuser: boolean; owner: string }>(
      `SELECT current_user AS role, r.rolsuper AS superuser, pg_get_userbyid(c.relowner) AS owner
         FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = '"AuditLog"'::regclass`,
    );
    expect(rows[0]).toEqual({ role: "sip_app", superuser: false, owner: "sip_owner" });
  });

  it.each([
    `UPDATE "AuditLog" SET "action" = 'changed'`,
    `DELETE FROM "AuditLog"`,
    `TRUNCATE "AuditLog"`,
    `ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"`,
    `ALTER TABLE "AuditLog" DISABLE TRIGGER ALL`,
    `DROP TABLE "AuditLog"`,
    `ALTER TABLE "AuditLog" OWNER TO sip_app`,
    `DROP FUNCTION "audit_log_refuse_change"() CASCADE`,
    `SET session_replication_role = replica`,
    `SET ROLE sip_owner`,
  ])("may not: %s", async (statement) => {
    await expect(serving.query(statement)).rejects.toThrow(/permission denied|must be owner|must be a member/);
  });

  it("reads and adds audit entries, and writes the other tables", async () => {
    const entry = await prisma.auditLog.create({ data: { action: "roles.test", entity: "Test", entityId: "1" } });
    expect(await prisma.auditLog.count({ where: { id: entry.id } })).toBe(1);
    const ministry = await prisma.ministry.findFirstOrThrow();
    await prisma.ministry.update({ where: { id: ministry.id }, data: { name: ministry.name } });
    const pool = new pg.Pool({ connectionString: servingUrl, max: 1 });
    try {
      const first = await hitRateLimit("roles-test", 2, 60, pool);
      const second = await hitRateLimit("roles-test", 2, 60, pool);
      const third = await hitRateLimit("roles-test", 2, 60, pool);
      expect([first.allowed, second.allowed, third.allowed]).toEqual([true, true, false]);
    } finally {
      await pool.end();
    }
  });

  it("loads a large purchase-data file into a partition of its own and refreshes the compliance figures", async () => {
    const oes = DEMO_INSTITUTIONS.find((i) => i.key === "oes")!;
    const supplier = DEMO_SUPPLIERS.find((s) => s.categoryCode !== null)!;
    const quarter = quarterFromCode("2026Q3")!;
    const rows = Array.from({ length: 30 }, () => `${quarter.year};${quarter.q};${oes.cvr};Institution;${supplier.categoryCode};Kategori;${supplier.cvr};Leverandør;2,00`);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "sip-roles-")), "data.csv");
    writeFileSync(file, `År;Kvartal;Virk_CVR;Virksomhedsnavn;Kategorikode;Indkøbskategori;Kreditor_CVR;Kreditor_Navn;Beløb\n${rows.join("\n")}\n`);
    const institution = await prisma.institution.findUniqueOrThrow({ where: { cvr: oes.cvr } });
    const result = await importWithClient(serving, {
      quarter,
      channel: "MANUAL",
      actorId: null,
      source: await sourceFromFile(file, "data.csv"),
      today: "2026-11-22",
      scope: { channel: "MANUAL", institutionIds: new Set([institution.id]), outsideMessage: "Kun egen institution" },
      partitionMinRows: 10,
    });
    expect(result).toMatchObject({ ok: true, lines: 30, mode: "partition" });

    notices.length = 0;
    expect(await refreshCompliance(serving, { quarter: quarter.code })).toMatchObject({ mode: "full" });
    // PostgreSQL skips (with a warning) an ANALYZE of a table the role does not own.
    expect(notices.filter((notice) => /skipping/.test(notice))).toEqual([]);
  });
});

describe("setting up the database", () => {
  it("refuses to serve with a role that could change the audit log", async () => {
    await expect(prepareDatabase(db.url, db.url)).rejects.toThrow(/superuser/);
  });

  it("migrates as the operator's owner role (MIGRATION_DATABASE_URL) and grants the serving role (DATABASE_URL)", async () => {
    // The production setup of the README: both roles made by the operator, the database the owner's.
    const suffix = randomBytes(4).toString("hex");
    const [owner, app] = [`sip_test_owner_${suffix}`, `sip_test_app_${suffix}`];
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const name = `sip_test_roles_${suffix}`;
    const urlAs = (role: string) => {
      const url = new URL(databaseUrlFor(name));
      url.username = role;
      return url.toString();
    };
    try {
      await admin.query(`CREATE ROLE ${owner} LOGIN; CREATE ROLE ${app} LOGIN`);
      await admin.query(`CREATE DATABASE ${name} OWNER ${owner}`);
      const { servingUrl, applied } = await prepareDatabase(urlAs(app), urlAs(owner));
      expect(servingUrl).toBe(urlAs(app));
      expect(applied.length).toBeGreaterThan(0);
      const client = new pg.Client({ connectionString: servingUrl });
      await client.connect();
      try {
        await client.query(`INSERT INTO "AuditLog" ("action", "entity") VALUES ('roles.test', 'Test')`);
        await expect(client.query(`DELETE FROM "AuditLog"`)).rejects.toThrow(/permission denied/);
        await expect(client.query(`ALTER TABLE "AuditLog" DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
      } finally {
        await client.end();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${app}`);
      await admin.query(`DROP ROLE IF EXISTS ${owner}`);
      await admin.end();
    }
  });
});
