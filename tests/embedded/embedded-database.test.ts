import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { diffSchemas, expectedSchema, introspect } from "@/lib/db/schema-spec";
import { seedDemoData } from "@/lib/seed/seed";

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const count = (client: pg.Client, table: string) =>
  client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`).then((r) => Number(r.rows[0]!.n));

describe("the embedded database (PGlite behind a socket)", () => {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "sip-embedded-")), "pglite");
  let db: EmbeddedDatabase;
  beforeAll(async () => {
    db = await startEmbeddedDatabase(dataDir);
  });
  afterAll(() => db.stop());

  it("takes the same migrations and matches schema.prisma", async () => {
    expect((await migrate(db.url)).length).toBeGreaterThan(0);
    const problems = await withClient(db.url, async (client) => diffSchemas(expectedSchema(), await introspect(client)));
    expect(problems).toEqual([]);
  });

  it("is seeded once: the second seed writes nothing", async () => {
    const first = await seedDemoData(db.url, { purchaseLinesPerQuarter: 400 });
    expect(first.seeded).toBe(true);
    const before = await withClient(db.url, (c) => count(c, "PurchaseLine"));
    expect(before).toBeGreaterThanOrEqual(400);
    const second = await seedDemoData(db.url, { purchaseLinesPerQuarter: 400 });
    expect(second.seeded).toBe(false);
    expect(await withClient(db.url, (c) => count(c, "PurchaseLine"))).toBe(before);
  });

  it("keeps its data across a restart, and refuses the audit log being changed", async () => {
    const users = await withClient(db.url, (c) => count(c, "User"));
    await db.stop();
    db = await startEmbeddedDatabase(dataDir);
    expect(await migrate(db.url)).toEqual([]);
    expect(await withClient(db.url, (c) => count(c, "User"))).toBe(users);
    await withClient(db.url, async (client) => {
      await client.query(`INSERT INTO "AuditLog" (action, entity) VALUES ('test', 'Test')`);
      await expect(client.query(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    });
  });

  it("counts rate limits in its table and hands out work leases (not the in-memory fallback)", async () => {
    // The app's client, as `npm start` sets it up on the embedded database: one connection.
    process.env.DATABASE_URL = db.url;
    process.env.DATABASE_POOL_MAX = "1";
    const { prisma } = await import("@/lib/db/client");
    try {
      const { hitRateLimit } = await import("@/lib/security/rate-limit");
      const { acquireWorkLease } = await import("@/lib/security/work-lease");
      const verdicts = [];
      for (let hit = 0; hit < 3; hit++) verdicts.push((await hitRateLimit("test:embedded", 2, 60)).allowed);
      expect(verdicts).toEqual([true, true, false]);
      expect(await prisma.rateLimit.findUnique({ where: { key: "test:embedded" } })).toMatchObject({ points: 3 });
      expect(await acquireWorkLease("user:embedded", 1)).not.toBeNull();
      expect(await acquireWorkLease("user:embedded", 1)).toBeNull();
    } finally {
      await prisma.$disconnect();
    }
  });
});
