import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import bcrypt from "bcryptjs";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";
import { createPrismaClient } from "@/lib/db/create-client";
import { insertPurchaseLines, sqlClientFromPrisma, type PurchaseLineRow } from "@/lib/db/bulk-insert";
import { seedDemoData } from "@/lib/seed/seed";
import { DEMO_LOGINS, DEMO_PASSWORD, MOVED_INSTITUTION, demoInstitution } from "@/lib/seed/demo-data";

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe("seedDemoData", () => {
  it("writes the demo data once, and the second run writes nothing", async () => {
    const first = await seedDemoData(db.url, { purchaseLinesPerQuarter: 2_000 });
    expect(first.seeded).toBe(true);
    expect(first.counts).toMatchObject({ ministries: 12, institutions: 40, submissions: 160, purchaseLines: 8_000 });
    const second = await seedDemoData(db.url, { purchaseLinesPerQuarter: 2_000 });
    expect(second.seeded).toBe(false);
    expect(second.counts).toEqual(first.counts);
  });

  it("submissions carry the count and sum of their lines", async () => {
    const { rows } = await client.query(`SELECT count(*)::int AS bad FROM "Submission" s
      WHERE s."lineCount" <> (SELECT count(*) FROM "PurchaseLine" l WHERE l."submissionId" = s.id)
         OR s."totalOre" <> (SELECT coalesce(sum(l."amountOre"), 0) FROM "PurchaseLine" l WHERE l."submissionId" = s.id)`);
    expect(rows[0].bad).toBe(0);
    const formats = await client.query(`SELECT DISTINCT i."dataChannel", s.format FROM "Submission" s JOIN "Institution" i ON i.id = s."institutionId"`);
    expect(new Set(formats.rows.map((r) => `${r.dataChannel}:${r.format}`))).toEqual(new Set(["SKS:SKS_FEED", "MANUAL:LINES"]));
  });

  it("the moved institution's lines belong to the ministry of the purchase date", async () => {
    const moved = demoInstitution(MOVED_INSTITUTION.key);
    const { rows } = await client.query(
      `SELECT m.code, min(l."purchaseDate")::text AS first, max(l."purchaseDate")::text AS last
         FROM "PurchaseLine" l JOIN "Institution" i ON i.id = l."institutionId" JOIN "Ministry" m ON m.id = l."ministryId"
        WHERE i.cvr = $1 GROUP BY m.code ORDER BY first`,
      [moved.cvr],
    );
    expect(rows.map((r) => r.code)).toEqual([MOVED_INSTITUTION.fromMinistryCode, MOVED_INSTITUTION.toMinistryCode]);
    expect(rows[0].last < MOVED_INSTITUTION.movedOn).toBe(true);
    expect(rows[1].first >= MOVED_INSTITUTION.movedOn).toBe(true);
  });

  it("the demo log-ins work with the demo password", async () => {
    for (const login of DEMO_LOGINS) {
      const { rows } = await client.query(`SELECT role, "passwordHash" FROM "User" WHERE email = $1`, [login.email]);
      expect(rows[0]?.role).toBe(login.role);
      expect(await bcrypt.compare(DEMO_PASSWORD, rows[0].passwordHash)).toBe(true);
    }
  });

  it("sort keys give Danish order in the database's byte collation", async () => {
    const { rows } = await client.query(`SELECT name FROM "Institution" ORDER BY "sortKey", name`);
    const names = rows.map((r) => r.name as string);
    expect(names).toEqual([...names].sort(new Intl.Collator("da").compare));
  });
});

describe("insertPurchaseLines", () => {
  async function anySubmission() {
    const { rows } = await client.query(`SELECT id, "institutionId" FROM "Submission" ORDER BY id LIMIT 1`);
    return rows[0] as { id: number; institutionId: number };
  }

  function tricky(submissionId: number, institutionId: number): PurchaseLineRow[] {
    const base = { submissionId, institutionId, ministryId: 1, quarter: "2026Q3", ecommerce: false };
    return [
      { ...base, purchaseDate: "2026-07-01", supplierCvr: null, supplierName: 'Quote " and \\ backslash, {brace}', categoryCode: null, amountOre: 9007199254740993n, ean: null },
      { ...base, purchaseDate: null, supplierCvr: "NULL", supplierName: "NULL", categoryCode: "1920", amountOre: -150n, ean: "5798990010019", ecommerce: true },
      { ...base, purchaseDate: "2026-09-30", supplierCvr: "12345678", supplierName: "Ærø Ø Å – “tekst” 😀", categoryCode: "1150", amountOre: 0n, ean: "" },
    ];
  }

  it("round-trips awkward values and takes part in the caller's transaction", async () => {
    const sub = await anySubmission();
    const lines = tricky(sub.id, sub.institutionId);
    await client.query("BEGIN");
    const inserted = await insertPurchaseLines(client, lines, { batchSize: 2 });
    expect(inserted).toBe(3);
    const { rows } = await client.query(
      `SELECT "purchaseDate"::text AS "purchaseDate", "supplierCvr", "supplierName", "categoryCode", "amountOre"::text AS "amountOre", ecommerce, ean
         FROM "PurchaseLine" WHERE "submissionId" = $1 AND quarter = '2026Q3' AND "ministryId" = 1 ORDER BY id DESC LIMIT 3`,
      [sub.id],
    );
    await client.query("ROLLBACK");
    const back = rows.reverse().map((r) => ({ ...r, amountOre: BigInt(r.amountOre) }));
    expect(back).toEqual(
      lines.map((l) => ({
        purchaseDate: l.purchaseDate,
        supplierCvr: l.supplierCvr,
        supplierName: l.supplierName,
        categoryCode: l.categoryCode,
        amountOre: l.amountOre,
        ecommerce: l.ecommerce,
        ean: l.ean,
      })),
    );
    const after = await client.query(`SELECT count(*)::int AS n FROM "PurchaseLine" WHERE "amountOre" = 9007199254740993`);
    expect(after.rows[0].n).toBe(0);
  });

  it("reports a failing batch (foreign key) and leaves nothing behind", async () => {
    const sub = await anySubmission();
    const good = tricky(sub.id, sub.institutionId);
    const bad = { ...good[0]!, ministryId: 999_999 };
    await client.query("BEGIN");
    await expect(insertPurchaseLines(client, [...good, bad, ...good], { batchSize: 2 })).rejects.toThrow(/foreign key/);
    await client.query("ROLLBACK");
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "PurchaseLine" WHERE "supplierName" = 'NULL'`);
    expect(rows[0].n).toBe(0);
  });

  it("works inside a Prisma interactive transaction", async () => {
    const sub = await anySubmission();
    const prisma = createPrismaClient(db.url, 1);
    try {
      const before = await prisma.purchaseLine.count();
      await prisma.$transaction(async (tx) => {
        expect(await insertPurchaseLines(sqlClientFromPrisma(tx), tricky(sub.id, sub.institutionId))).toBe(3);
      });
      expect(await prisma.purchaseLine.count()).toBe(before + 3);
      await expect(
        prisma.$transaction(async (tx) => {
          await insertPurchaseLines(sqlClientFromPrisma(tx), tricky(sub.id, sub.institutionId));
          throw new Error("undo");
        }),
      ).rejects.toThrow("undo");
      expect(await prisma.purchaseLine.count()).toBe(before + 3);
    } finally {
      await prisma.$disconnect();
    }
  });
});
