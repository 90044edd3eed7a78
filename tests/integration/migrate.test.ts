import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, mkdirSync, writeFileSync, appendFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, readMigrations } from "@/lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("the migration runner", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterAll(() => db.drop());

  it("records every migration as Prisma does, with the sha256 of its file", async () => {
    const applied = await migrate(db.url);
    const files = readMigrations();
    expect(applied).toEqual(files.map((m) => m.name));
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      db.url,
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((m) => m.name));
    const first = rows[0]!;
    const sql = readFileSync(path.join(MIGRATIONS_DIR, first.migration_name, "migration.sql"));
    expect(first.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
  });

  it("applies nothing the second time", async () => {
    expect(await migrate(db.url)).toEqual([]);
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    appendFileSync(path.join(dir, readMigrations()[0]!.name, "migration.sql"), "\n-- edited\n");
    await expect(migrate(db.url, { dir })).rejects.toThrow(/was changed after it was applied/);
  });

  it("leaves no trace of a migration that fails half-way", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    mkdirSync(path.join(dir, "99999999999999_broken"));
    writeFileSync(
      path.join(dir, "99999999999999_broken", "migration.sql"),
      'CREATE TABLE "HalfWritten" (id int);\nSELECT * FROM "NoSuchTable";\n',
    );
    await expect(migrate(db.url, { dir })).rejects.toThrow(/99999999999999_broken failed/);
    const leftovers = await query(db.url, `SELECT 1 FROM pg_tables WHERE tablename = 'HalfWritten'`);
    const recorded = await query(db.url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99999999999999_broken'`);
    expect(leftovers).toEqual([]);
    expect(recorded).toEqual([]);
  });
});

describe("the audit log", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it("is append-only: the database refuses UPDATE, DELETE and TRUNCATE", async () => {
    await query(db.url, `INSERT INTO "AuditLog" (action, entity) VALUES ('test', 'Test')`);
    await expect(query(db.url, `UPDATE "AuditLog" SET action = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(query(db.url, `DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    await expect(query(db.url, `TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only/);
    expect(await query(db.url, `SELECT action FROM "AuditLog"`)).toEqual([{ action: "test" }]);
  });
});
