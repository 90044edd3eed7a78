import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { quarterFromCode } from "@/lib/purchase-data/quarter";
import { inClientTransaction } from "@/lib/purchase-data/run";
import { FILE_LABELS, type SalesRowInput } from "@/lib/sales-report/rows";
import { DEMO_INSTITUTIONS } from "@/lib/seed/demo-data";
import { seedDemoData } from "@/lib/seed/seed";

// A sales report on the embedded database (the demo's `npm start`): no COPY, unnest batches into the
// shared partition for a small report and into a partition of its own for a large one; the receipt.
describe("sales reports on the embedded database", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sip-embedded-sales-"));
  let db: EmbeddedDatabase;
  let client: pg.Client;
  let keys: { agreementId: number; supplierId: number; userId: number; category: string };
  let storeSalesReport: typeof import("@/lib/sales-report/store").storeSalesReport;
  const oes = DEMO_INSTITUTIONS.find((i) => i.key === "oes")!;

  beforeAll(async () => {
    db = await startEmbeddedDatabase(path.join(dir, "pglite"));
    await migrate(db.url);
    // The portal's own client on the embedded database (env is read when the store is first imported).
    process.env.DATABASE_URL = db.url;
    ({ storeSalesReport } = await import("@/lib/sales-report/store"));
    await seedDemoData(db.url, { purchaseLinesPerQuarter: 10 });
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT a.id AS "agreementId", s.id AS "supplierId", u.id AS "userId", c."categoryCode" AS category
         FROM "User" u JOIN "Supplier" s ON s.id = u."supplierId" JOIN "AgreementSupplier" x ON x."supplierId" = s.id
         JOIN "Agreement" a ON a.id = x."agreementId" JOIN "AgreementCategory" c ON c."agreementId" = a.id
        WHERE u.email = 'leverandoer@demo.example.dk' AND a."validTo" >= DATE '2026-09-30' ORDER BY a.id LIMIT 1`,
    );
    keys = rows[0];
  }, 240_000);
  afterAll(async () => {
    const { prisma } = await import("@/lib/db/client");
    await prisma.$disconnect();
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function store(rows: number, partitionMinRows: number, amount = "1.000,25") {
    const input: SalesRowInput[] = Array.from({ length: rows }, (_, i) => ({ row: i + 2, cells: { customerCvr: oes.cvr, categoryCode: keys.category, amount, ecommerce: "nej" } }));
    return inClientTransaction(client, (conn) =>
      storeSalesReport(
        {
          agreementId: keys.agreementId,
          supplierId: keys.supplierId,
          quarter: quarterFromCode("2026Q3")!,
          channel: "CSV",
          sender: { userId: keys.userId, apiKeyId: null },
          fileName: "f.csv",
          content: { noSales: false, rows: (async function* () { yield input; })(), options: { amountUnit: "kroner", labels: FILE_LABELS } },
          today: "2026-10-15",
          partitionMinRows,
        },
        conn,
      ),
    );
  }

  const active = async () =>
    (await client.query(`SELECT count(*)::int AS n, sum(l."amountOre")::text AS s FROM "SalesReportLine" l JOIN "SalesReport" r ON r.id = l."reportId" WHERE r."supersededAt" IS NULL
          AND r."agreementId" = $1 AND r."supplierId" = $2 AND r."quarter" = '2026Q3'`, [keys.agreementId, keys.supplierId])).rows[0];

  it("stores a small report, then a large one that supersedes it, and refuses a bad one storing nothing", async () => {
    expect(await store(10, 1_000)).toMatchObject({ ok: true, lineCount: 10, totalOre: 1000250n });
    expect(await active()).toEqual({ n: 10, s: "1000250" });
    expect(await store(30, 10)).toMatchObject({ ok: true, lineCount: 30, replaced: true });
    expect(await active()).toEqual({ n: 30, s: "3000750" });
    expect(await store(3, 1_000, "abc")).toMatchObject({ ok: false, totalProblems: 3 });
    expect(await active()).toEqual({ n: 30, s: "3000750" });
    const receipts = await client.query(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE "recipientUserId" = $1 AND subject LIKE 'Kvittering%'`, [keys.userId]);
    expect(receipts.rows[0].n).toBe(2);
  }, 120_000);

  it("stores in a transaction of its own through the portal's Prisma client (no connection given)", async () => {
    // The embedded server takes one connection at a time: the portal's client gets it now.
    await client.end();
    const noSales = await storeSalesReport({
      agreementId: keys.agreementId,
      supplierId: keys.supplierId,
      quarter: quarterFromCode("2026Q3")!,
      channel: "API",
      sender: { userId: keys.userId, apiKeyId: null },
      fileName: null,
      content: { noSales: true },
      today: "2026-10-15",
    });
    expect(noSales).toMatchObject({ ok: true, lineCount: 0, replaced: true });
    const { prisma } = await import("@/lib/db/client");
    const report = await prisma.salesReport.findFirstOrThrow({ where: { supersededAt: null } });
    expect(report).toMatchObject({ noSales: true, lineCount: 0, channel: "API" });
    const receipt = await prisma.outboxMessage.findFirstOrThrow({ where: { recipientUserId: keys.userId, subject: { startsWith: "Kvittering" } }, orderBy: { id: "desc" } });
    expect(receipt.body).toContain("ingen omsætning");
  }, 120_000);
});
