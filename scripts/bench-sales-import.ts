// npx tsx --conditions=react-server scripts/bench-sales-import.ts [--rows 1000000] [--quick]
//
// Benchmark of a supplier's sales report import (issue 13). Against PostgreSQL (TEST_ADMIN_DATABASE_URL,
// else DATABASE_URL, else the local server; a fresh database is created, migrated, seeded and dropped):
//   1. generates a CSV of --rows rows as Danish Excel writes it (";", decimal comma, thousands dot,
//      Windows-1252), customers among all institutions, some EANs, both e-commerce flags;
//   2. imports it through the real path (lib/sales-report: file reading, the one row check, the
//      store's transaction with supersede, COPY into a partition, attach, receipt) in a child
//      process, and reads its time and peak RSS;
//   3. COPYs the same rows (as the table's columns, text format) into a plain table of the same schema
//      as "SalesReportLine" (primary key, the reportId index, the three foreign keys), in the same run;
// and prints both times and their ratio, also as BENCH-RESULT lines for `npm run bench`. --quick: 200,000
// rows, against the 10 s per 1,000,000 rows scaled to them.
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import iconv from "iconv-lite";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { eanWithCheck } from "@/lib/domain/identifiers";
import { quarterFromCode } from "@/lib/purchase-data/quarter";
import { inClientTransaction } from "@/lib/purchase-data/run";
import { prepareChild, runReportingChild, scriptPath } from "./bench-child";
import { benchDatabase, DEMO_MASTER_DATA, reportResult, seedMasterData } from "./bench-support";

const QUARTER = "2026Q3";
const TODAY = "2026-10-15";
const SUPPLIER_NAME = "Datagrej Demo A/S";

type ChildReport = { ok: boolean; rows: number; ms: number; cpuMs: number; rssMb: number; message: string };

async function child(url: string, file: string, agreementId: number, supplierId: number, userId: number): Promise<void> {
  const { salesFile } = await import("@/lib/sales-report/file");
  const { storeSalesReport } = await import("@/lib/sales-report/store");
  const { FILE_LABELS } = await import("@/lib/sales-report/rows");
  const client = new pg.Client({ connectionString: url, application_name: "sip-bench-sales" });
  await client.connect();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const read = await salesFile(file);
  const result = await inClientTransaction(client, (conn) =>
    storeSalesReport(
      {
        agreementId,
        supplierId,
        quarter: quarterFromCode(QUARTER)!,
        channel: read.kind,
        sender: { userId, apiKeyId: null },
        fileName: path.basename(file),
        content: { noSales: false, rows: read.rows, options: { amountUnit: "kroner", labels: FILE_LABELS } },
        today: TODAY,
      },
      conn,
    ),
  );
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await client.end();
  const report: ChildReport = {
    ok: result.ok,
    rows: result.ok ? result.lineCount : 0,
    ms,
    cpuMs: (used.user + used.system) / 1000,
    rssMb: process.resourceUsage().maxRSS / 1024,
    message: result.ok ? result.message : `${result.message} ${JSON.stringify(result.problems.slice(0, 3))}`,
  };
  process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
}

type World = { agreementId: number; supplierId: number; userId: number; categories: string[]; institutions: { id: number; cvr: string; name: string }[] };

async function loadWorld(client: pg.Client): Promise<World> {
  const { rows } = await client.query<{ agreementId: number; supplierId: number; userId: number }>(
    `SELECT a."id" AS "agreementId", s."id" AS "supplierId", u."id" AS "userId"
       FROM "Supplier" s JOIN "AgreementSupplier" x ON x."supplierId" = s."id" JOIN "Agreement" a ON a."id" = x."agreementId"
       JOIN "User" u ON u."supplierId" = s."id"
      WHERE s."name" = $1 AND a."validFrom" <= DATE '2026-09-30' AND a."validTo" >= DATE '2026-07-01' ORDER BY a."id" LIMIT 1`,
    [SUPPLIER_NAME],
  );
  const world = rows[0]!;
  const categories = (await client.query<{ code: string }>(`SELECT "categoryCode" AS code FROM "AgreementCategory" WHERE "agreementId" = $1`, [world.agreementId])).rows.map((r) => r.code);
  const institutions = (await client.query<{ id: number; cvr: string; name: string }>(`SELECT "id", "cvr", "name" FROM "Institution" ORDER BY "id"`)).rows;
  return { ...world, categories, institutions };
}

/** The CSV as a supplier's clerk saves it, and the same rows as the table's columns for the reference COPY. */
async function writeFiles(csvPath: string, copyPath: string, world: World, rows: number): Promise<void> {
  const csv = createWriteStream(csvPath);
  const copy = createWriteStream(copyPath);
  let csvChunk = "Kunde-CVR;Kundenavn;EAN;Kategorikode;Beløb ekskl. moms;E-handel\r\n";
  let copyChunk = "";
  const flush = async (final = false) => {
    if (!csv.write(iconv.encode(csvChunk, "windows-1252"))) await once(csv, "drain");
    if (!copy.write(copyChunk)) await once(copy, "drain");
    csvChunk = "";
    copyChunk = "";
    if (final) {
      csv.end();
      copy.end();
      await Promise.all([once(csv, "finish"), once(copy, "finish")]);
    }
  };
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < rows; i++) {
    const customer = world.institutions[i % world.institutions.length]!;
    const category = world.categories[i % world.categories.length]!;
    const ore = Math.floor(random() * 5_000_000) - (i % 50 === 0 ? 6_000_000 : 0);
    const kroner = Math.trunc(Math.abs(ore) / 100);
    const amount = `${ore < 0 ? "-" : ""}${kroner.toLocaleString("da-DK")},${String(Math.abs(ore) % 100).padStart(2, "0")}`;
    const ean = i % 3 === 0 ? eanWithCheck(`5798${String(i % 100_000_000).padStart(8, "0")}`) : "";
    const ecommerce = i % 4 === 0;
    csvChunk += `${customer.cvr};${i % 10 === 0 ? customer.name : ""};${ean};${category};${amount};${ecommerce ? "ja" : "nej"}\r\n`;
    copyChunk += `1\t${world.agreementId}\t${world.supplierId}\t${QUARTER}\t${customer.id}\t${customer.cvr}\t${ean || "\\N"}\t${category}\t${ore}\t${ecommerce ? "t" : "f"}\n`;
    if (i % 10_000 === 9_999) await flush();
  }
  await flush(true);
}

/** A plain COPY of the same rows into a table of "SalesReportLine"'s schema (not partitioned). */
async function referenceCopy(client: pg.Client, copyPath: string): Promise<number> {
  await client.query(`CREATE TABLE "BenchSalesReport" ("id" INTEGER PRIMARY KEY)`);
  await client.query(`INSERT INTO "BenchSalesReport" VALUES (1)`);
  await client.query(`CREATE TABLE "BenchSalesReportLine" (
    "id" BIGSERIAL NOT NULL, "reportId" INTEGER NOT NULL, "agreementId" INTEGER NOT NULL, "supplierId" INTEGER NOT NULL, "quarter" TEXT NOT NULL,
    "institutionId" INTEGER NOT NULL, "customerCvr" TEXT NOT NULL, "ean" TEXT, "categoryCode" TEXT NOT NULL, "amountOre" BIGINT NOT NULL,
    "ecommerce" BOOLEAN NOT NULL DEFAULT false, CONSTRAINT "BenchSalesReportLine_pkey" PRIMARY KEY ("id"))`);
  await client.query(`CREATE INDEX ON "BenchSalesReportLine"("reportId")`);
  await client.query(`ALTER TABLE "BenchSalesReportLine" ADD FOREIGN KEY ("reportId") REFERENCES "BenchSalesReport"("id") ON DELETE CASCADE`);
  await client.query(`ALTER TABLE "BenchSalesReportLine" ADD FOREIGN KEY ("institutionId") REFERENCES "Institution"("id")`);
  await client.query(`ALTER TABLE "BenchSalesReportLine" ADD FOREIGN KEY ("categoryCode") REFERENCES "Category"("code")`);
  const started = performance.now();
  await client.query("BEGIN");
  await pipeline(
    createReadStream(copyPath),
    client.query(copyFrom(`COPY "BenchSalesReportLine" ("reportId", "agreementId", "supplierId", "quarter", "institutionId", "customerCvr", "ean", "categoryCode", "amountOre", "ecommerce") FROM STDIN`)),
  );
  await client.query("COMMIT");
  return performance.now() - started;
}

const fmt = (n: number, digits = 0) => n.toLocaleString("da-DK", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "--child") return child(argv[1]!, argv[2]!, Number(argv[3]), Number(argv[4]), Number(argv[5]));
  const rowsIndex = argv.indexOf("--rows");
  const rows = rowsIndex >= 0 ? Number(argv[rowsIndex + 1]) : argv.includes("--quick") ? 200_000 : 1_000_000;
  const database = await benchDatabase(DEMO_MASTER_DATA, seedMasterData);
  const url = database.url;
  const dir = mkdtempSync(path.join(tmpdir(), "sip-bench-sales-"));
  const runner = await prepareChild(scriptPath("bench-sales-import.ts"), { reactServer: true });
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const world = await loadWorld(client);
    const csvPath = path.join(dir, "omsaetning.csv");
    const copyPath = path.join(dir, "copy.txt");
    await writeFiles(csvPath, copyPath, world, rows);
    console.log(`Genereret ${fmt(rows)} rækker (${fmt(statSync(csvPath).size / 1e6, 1)} MB CSV, Windows-1252), ${world.institutions.length} kunder, ${world.categories.length} kategori(er)`);
    const imported = await runReportingChild<ChildReport>(runner, ["--child", url, csvPath, String(world.agreementId), String(world.supplierId), String(world.userId)]);
    if (!imported.ok) throw new Error(`the import was refused: ${imported.message}`);
    console.log(`Import (læs, kontrollér, COPY i partition, attach, kvittering): ${fmt(imported.rows)} rækker på ${fmt(imported.ms / 1000, 2)} s (CPU i importprocessen ${fmt(imported.cpuMs / 1000, 2)} s); maks. RSS ${fmt(imported.rssMb)} MB`);
    const copyMs = await referenceCopy(client, copyPath);
    console.log(`COPY af samme rækker i en tabel med samme skema (PK, indeks, tre fremmednøgler): ${fmt(copyMs / 1000, 2)} s`);
    console.log(`Forhold (COPY-tid / importtid): ${fmt(copyMs / imported.ms, 2)}; importen tager ${fmt(imported.ms / copyMs, 2)} gange COPY-tiden`);
    const workload = `sales report: ${rows.toLocaleString("en-US")} CSV rows imported (PostgreSQL)`;
    const targetSeconds = (10 * rows) / 1_000_000;
    reportResult({
      workload,
      figure: "time (ratio: COPY time ÷ import time)",
      value: Math.round(imported.ms / 10) / 100,
      unit: "s",
      target: rows === 1_000_000 ? "< 10 s" : `< ${targetSeconds} s (10 s per 1,000,000 rows)`,
      met: imported.ms < targetSeconds * 1000,
      reference: { label: "COPY into a table of the same schema", value: Math.round(copyMs / 10) / 100, unit: "s" },
      ratio: Math.round((copyMs / imported.ms) * 100) / 100,
    });
    reportResult({ workload, figure: "peak RSS", value: Math.round(imported.rssMb), unit: "MB", target: "< 500 MB", met: imported.rssMb < 500 });
  } finally {
    await client.end().catch(() => undefined);
    await runner.cleanup();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
