import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { quarterFromCode } from "@/lib/purchase-data/quarter";
import { importWithClient } from "@/lib/purchase-data/run";
import { sourceFromFile } from "@/lib/purchase-data/sources";
import { DEMO_INSTITUTIONS, DEMO_SUPPLIERS } from "@/lib/seed/demo-data";
import { seedDemoData } from "@/lib/seed/seed";

// The import on the embedded database: no COPY (it breaks through PGlite's socket), unnest batches
// into the shared partition for a small file and into a partition of its own for a large one.
describe("purchase-data import on the embedded database", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sip-embedded-import-"));
  let db: EmbeddedDatabase;
  let client: pg.Client;
  const oes = DEMO_INSTITUTIONS.find((i) => i.key === "oes")!;
  const supplier = DEMO_SUPPLIERS.find((s) => s.categoryCode !== null)!;

  beforeAll(async () => {
    db = await startEmbeddedDatabase(path.join(dir, "pglite"));
    await migrate(db.url);
    await seedDemoData(db.url, { purchaseLinesPerQuarter: 100 });
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function load(rows: number, partitionMinRows: number) {
    const lines = ["År;Kvartal;Virk_CVR;Virksomhedsnavn;Kategorikode;Indkøbskategori;Kreditor_CVR;Kreditor_Navn;Beløb"];
    for (let i = 0; i < rows; i++) lines.push(`2026;3;${oes.cvr};Økonomistyrelsen;${supplier.categoryCode};K;${supplier.cvr};${supplier.name.slice(0, 50)};1.000,25`);
    const file = path.join(dir, `f${rows}.csv`);
    writeFileSync(file, `${lines.join("\n")}\n`);
    const institutionId = Number((await client.query(`SELECT id FROM "Institution" WHERE cvr = $1`, [oes.cvr])).rows[0].id);
    return importWithClient(client, {
      quarter: quarterFromCode("2026Q3")!,
      channel: "MANUAL",
      scope: { channel: "MANUAL", institutionIds: new Set([institutionId]), outsideMessage: "" },
      actorId: null,
      source: await sourceFromFile(file, "f.csv"),
      today: "2026-11-22",
      partitionMinRows,
    });
  }

  const activeTotal = async () =>
    (await client.query(`SELECT count(*)::int AS n, sum("amountOre")::text AS s FROM "ActivePurchaseLine" l JOIN "Institution" i ON i.id = l."institutionId" WHERE i.cvr = $1 AND l.quarter = '2026Q3'`, [oes.cvr])).rows[0];

  it("loads a small file into the shared partition and replaces the earlier data", async () => {
    expect(await load(10, 1_000)).toMatchObject({ ok: true, lines: 10, mode: "shared" });
    expect(await activeTotal()).toEqual({ n: 10, s: "1000250" });
  });

  it("loads a large file into a partition of its own, attached with its indexes", async () => {
    expect(await load(3_000, 1_000)).toMatchObject({ ok: true, lines: 3_000, mode: "partition" });
    expect(await activeTotal()).toEqual({ n: 3_000, s: "300075000" });
  });
});
