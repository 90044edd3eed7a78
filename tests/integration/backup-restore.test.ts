import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "@/lib/db/setup";
import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

// The documented backup (README, "Backup and restore"): pg_dump in custom format, pg_restore into
// a new database. The restored database must hold the same data, and keep the audit log append-only.
const TABLES = ["Ministry", "Institution", "User", "Agreement", "AgreementParty", "Submission", "PurchaseLine", "AuditLog", "_prisma_migrations"];

async function fingerprint(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result: Record<string, string> = {};
    for (const table of TABLES) {
      const { rows } = await client.query<{ digest: string }>(
        `SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS digest FROM "${table}" t`,
      );
      result[table] = rows[0]!.digest;
    }
    return result;
  } finally {
    await client.end();
  }
}

/** The documented commands: pg_dump in custom format, pg_restore into the (new, empty) target. */
function dumpAndRestore(sourceUrl: string, targetUrl: string): void {
  const dump = path.join(mkdtempSync(path.join(tmpdir(), "sip-backup-")), "sip.dump");
  execFileSync("pg_dump", ["--format=custom", "--no-owner", `--file=${dump}`, sourceUrl]);
  execFileSync("pg_restore", ["--no-owner", "--exit-on-error", `--dbname=${targetUrl}`, dump]);
}

describe("backup and restore", () => {
  let source: TestDatabase;
  let target: TestDatabase;
  beforeAll(async () => {
    source = await createTestDatabase();
    await seedDemoData(source.url, { purchaseLinesPerQuarter: 300 });
    const client = new pg.Client({ connectionString: source.url });
    await client.connect();
    await client.query(`INSERT INTO "AuditLog" (action, entity, "entityId", after) VALUES ('backup.test', 'Test', '1', '{"ok": true}')`);
    await client.end();
    target = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await source.drop();
    await target.drop();
  });

  it("restores a pg_dump into a new database with the same data", async () => {
    dumpAndRestore(source.url, target.url);
    expect(await fingerprint(target.url)).toEqual(await fingerprint(source.url));
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      await expect(client.query(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });
});

describe("backup and restore with the database roles", () => {
  let source: TestDatabase;
  let target: TestDatabase;
  beforeAll(async () => {
    source = await createTestDatabase({ migrated: false });
    await prepareDatabase(source.url);
    await seedDemoData(source.url, { purchaseLinesPerQuarter: 50 });
    target = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await source.drop();
    await target.drop();
  });

  it("restores as the administrator, and db:migrate hands the objects to the owner and serves as sip_app again", async () => {
    dumpAndRestore(source.url, target.url);
    const { servingUrl, applied } = await prepareDatabase(target.url);
    expect(applied).toEqual([]);
    expect(await fingerprint(target.url)).toEqual(await fingerprint(source.url));
    const client = new pg.Client({ connectionString: servingUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ owner: string }>(`SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = '"AuditLog"'::regclass`);
      expect(rows[0]!.owner).toBe("sip_owner");
      await expect(client.query(`UPDATE "AuditLog" SET action = action`)).rejects.toThrow(/permission denied/);
      expect((await client.query(`SELECT count(*)::int AS n FROM "Agreement"`)).rows[0].n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });
});
