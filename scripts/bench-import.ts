// npx tsx scripts/bench-import.ts [--lines 1000000] [--embedded-lines 250000] [--xlsx-lines 1000000] [--skip-xlsx] [--skip-embedded]
//
// Benchmark of the purchase-data import (issue 6). Against PostgreSQL (TEST_ADMIN_DATABASE_URL,
// else DATABASE_URL, else the local server; a fresh database is created and dropped):
//   1. generates a CSV of --lines lines in the portal's line format (many institutions, suppliers,
//      dates, amounts with decimal comma and thousands dot, e-commerce flags, some EANs, some lines
//      without category) into a temporary file;
//   2. measures a plain COPY of that file into an untyped table (all text columns), both a
//      temporary and an ordinary table, as the reference rate;
//   3. imports and validates the same file through lib/purchase-data (the upload's path: read,
//      check every row, load, replace, commit) in a child process, and reads its peak RSS;
//   4. the same on the embedded database (PGlite; --embedded-lines lines, the first lines of the file);
//   5. an xlsx of --xlsx-lines rows, imported on PostgreSQL.
// Prints rows per second, the ratio to the COPY reference, and peak RSS per import.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { seedDemoData } from "@/lib/seed/seed";
import { importWithClient } from "@/lib/purchase-data/run";
import { quarterFromCode } from "@/lib/purchase-data/quarter";
import { sourceFromFile } from "@/lib/purchase-data/sources";

const QUARTER = "2026Q3";
const TODAY = "2026-11-22";
const HEADER = "Virk_CVR;EAN;Dato;Kreditor_CVR;Kreditor_Navn;Kategorikode;Beløb;E_handel";

type Args = { lines: number; embeddedLines: number; xlsxLines: number; skipXlsx: boolean; skipEmbedded: boolean };

function parseArgs(argv: string[]): Args {
  const args: Args = { lines: 1_000_000, embeddedLines: 250_000, xlsxLines: 1_000_000, skipXlsx: false, skipEmbedded: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const number = () => {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs a positive integer`);
      return value;
    };
    if (flag === "--lines") args.lines = number();
    else if (flag === "--embedded-lines") args.embeddedLines = number();
    else if (flag === "--xlsx-lines") args.xlsxLines = number();
    else if (flag === "--skip-xlsx") args.skipXlsx = true;
    else if (flag === "--skip-embedded") args.skipEmbedded = true;
    else throw new Error(`unknown argument ${flag}`);
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// Child: one import, reporting time and peak RSS
// ---------------------------------------------------------------------------------------------

type ChildReport = { ok: boolean; lines: number; ms: number; mode: string | null; rssMb: number; message: string };

async function child(url: string, file: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: "sip-bench-import" });
  await client.connect();
  const started = performance.now();
  const result = await importWithClient(client, {
    quarter: quarterFromCode(QUARTER)!,
    channel: "MANUAL",
    scope: { channel: "MANUAL", institutionIds: "all", outsideMessage: "" },
    actorId: null,
    source: await sourceFromFile(file, path.basename(file)),
    today: TODAY,
  });
  const ms = performance.now() - started;
  await client.end();
  const report: ChildReport = {
    ok: result.ok,
    lines: result.ok ? result.lines : 0,
    ms,
    mode: result.ok ? result.mode : null,
    rssMb: process.resourceUsage().maxRSS / 1024,
    message: result.ok ? result.message : `${result.message} ${JSON.stringify(result.problems.slice(0, 3))}`,
  };
  process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
}

async function runChild(url: string, file: string): Promise<ChildReport> {
  const proc = spawn(process.execPath, ["--import", "tsx", "scripts/bench-import.ts", "--child", url, file], {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  proc.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(proc, "exit")) as [number];
  const line = out.split("\n").find((l) => l.startsWith("REPORT "));
  if (code !== 0 || !line) throw new Error(`import child failed (${code}): ${out}`);
  return JSON.parse(line.slice(7)) as ChildReport;
}

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

type World = {
  institutions: { cvr: string; eans: string[] }[];
  suppliers: { cvr: string; name: string; categoryCode: string | null }[];
  categories: string[];
};

async function loadWorld(url: string): Promise<World> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const institutions = (
      await client.query<{ cvr: string; eans: string[] }>(
        `SELECT i.cvr, COALESCE(array_agg(e.ean) FILTER (WHERE e.ean IS NOT NULL), '{}') AS eans
           FROM "Institution" i LEFT JOIN "EanLocation" e ON e."institutionId" = i.id
          WHERE i."dataChannel" = 'MANUAL' GROUP BY i.cvr ORDER BY i.cvr`,
      )
    ).rows;
    const suppliers = (await client.query<World["suppliers"][number]>(`SELECT cvr, name, "categoryCode" FROM "Supplier" ORDER BY cvr`)).rows;
    const categories = (await client.query<{ code: string }>(`SELECT code FROM "Category" ORDER BY code`)).rows.map((r) => r.code);
    return { institutions, suppliers, categories };
  } finally {
    await client.end();
  }
}

function* generateRows(world: World, count: number): Generator<string[]> {
  let seed = 20261122;
  const random = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 4294967296;
  };
  const days = Array.from({ length: 92 }, (_, i) => new Date(Date.UTC(2026, 6, 1 + i)).toISOString().slice(0, 10));
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  for (let i = 0; i < count; i++) {
    const institution = world.institutions[Math.floor(random() * world.institutions.length)]!;
    const supplier = world.suppliers[Math.floor(random() * world.suppliers.length)]!;
    const byEan = institution.eans.length > 0 && random() < 0.3;
    const day = days[Math.floor(random() * days.length)]!;
    const date = random() < 0.5 ? day : `${day.slice(8, 10)}-${day.slice(5, 7)}-${day.slice(0, 4)}`;
    const foreign = random() < 0.03;
    const category = supplier.categoryCode && !foreign && random() < 0.1 ? "" : world.categories[Math.floor(random() * world.categories.length)]!;
    const kroner = Math.floor(Math.exp(random() * 12));
    const whole = kroner >= 1000 && random() < 0.5 ? kroner.toLocaleString("da-DK") : String(kroner);
    yield [
      byEan ? "" : institution.cvr,
      byEan ? institution.eans[Math.floor(random() * institution.eans.length)]! : "",
      date,
      foreign ? "" : supplier.cvr,
      foreign ? "Udenlandsk leverandør Ltd" : supplier.name,
      category,
      `${random() < 0.02 ? "-" : ""}${whole},${pad(Math.floor(random() * 100))}`,
      random() < 0.4 ? "ja" : "nej",
    ];
  }
}

async function writeCsv(file: string, world: World, count: number): Promise<void> {
  const out = createWriteStream(file);
  let chunk: string[] = [HEADER];
  for (const row of generateRows(world, count)) {
    chunk.push(row.join(";"));
    if (chunk.length >= 10_000) {
      if (!out.write(`${chunk.join("\n")}\n`)) await once(out, "drain");
      chunk = [];
    }
  }
  out.write(chunk.length ? `${chunk.join("\n")}\n` : "");
  out.end();
  await once(out, "finish");
}

async function headOfCsv(source: string, target: string, lines: number): Promise<void> {
  const out = createWriteStream(target);
  let written = -1; // the header
  let rest = "";
  for await (const chunk of createReadStream(source, { encoding: "utf8" })) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop()!;
    const take = parts.slice(0, lines - written);
    out.write(`${take.join("\n")}\n`);
    written += take.length;
    if (written >= lines) break;
  }
  out.end();
  await once(out, "finish");
}

async function writeXlsx(file: string, world: World, count: number): Promise<void> {
  const ExcelJS = (await import("exceljs")).default;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet("Linjeformat");
  sheet.addRow(HEADER.split(";")).commit();
  for (const row of generateRows(world, count)) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}

// ---------------------------------------------------------------------------------------------
// Reference: a plain COPY of the same file into an untyped table
// ---------------------------------------------------------------------------------------------

async function plainCopy(url: string, file: string, temporary: boolean): Promise<{ rows: number; ms: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_raw`);
    await client.query(
      `CREATE ${temporary ? "TEMP " : ""}TABLE bench_raw (c1 text, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text, c8 text)`,
    );
    const started = performance.now();
    const copy = client.query(copyFrom(`COPY bench_raw FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';')`));
    await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), copy);
    const ms = performance.now() - started;
    const rows = Number(copy.rowCount);
    await client.query(`DROP TABLE bench_raw`);
    return { rows, ms };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------

function rate(rows: number, ms: number): number {
  return rows / (ms / 1000);
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString("da-DK", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const dbName = `sip_bench_import_${process.pid}`;
  const url = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
  const dir = mkdtempSync(path.join(tmpdir(), "sip-bench-import-"));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const results: string[] = [];
  try {
    await migrate(url);
    await seedDemoData(url, { purchaseLinesPerQuarter: 0 });
    const world = await loadWorld(url);
    const csv = path.join(dir, "lines.csv");
    let t = performance.now();
    await writeCsv(csv, world, args.lines);
    console.log(`Genereret ${fmt(args.lines)} linjer (${fmt(statSync(csv).size / 1e6, 1)} MB CSV) på ${fmt((performance.now() - t) / 1000, 1)} s`);

    const temp = await plainCopy(url, csv, true);
    const logged = await plainCopy(url, csv, false);
    console.log(`COPY i utypet midlertidig tabel: ${fmt(temp.rows)} rækker på ${fmt(temp.ms / 1000, 2)} s = ${fmt(rate(temp.rows, temp.ms))} rækker/s`);
    console.log(`COPY i utypet almindelig tabel:  ${fmt(logged.rows)} rækker på ${fmt(logged.ms / 1000, 2)} s = ${fmt(rate(logged.rows, logged.ms))} rækker/s`);

    const report = (label: string, r: ChildReport) => {
      if (!r.ok) throw new Error(`${label}: import refused: ${r.message}`);
      const perSecond = rate(r.lines, r.ms);
      const line =
        `${label}: ${fmt(r.lines)} linjer på ${fmt(r.ms / 1000, 2)} s = ${fmt(perSecond)} linjer/s; ` +
        `forhold til COPY: ${fmt(perSecond / rate(temp.rows, temp.ms), 2)} (midlertidig tabel), ${fmt(perSecond / rate(logged.rows, logged.ms), 2)} (almindelig tabel); ` +
        `${r.mode}; maks. RSS ${fmt(r.rssMb)} MB`;
      console.log(line);
      results.push(line);
    };

    report("PostgreSQL, CSV", await runChild(url, csv));

    if (!args.skipEmbedded) {
      const small = path.join(dir, "embedded.csv");
      await headOfCsv(csv, small, args.embeddedLines);
      const embedded = await startEmbeddedDatabase(path.join(dir, "pglite"));
      try {
        await migrate(embedded.url);
        await seedDemoData(embedded.url, { purchaseLinesPerQuarter: 0 });
        const r = await runChild(embedded.url, small);
        report(`PGlite (indlejret), CSV`, r);
        console.log(`  PGlite-processens maks. RSS (databasen selv): ${fmt(process.resourceUsage().maxRSS / 1024)} MB`);
      } finally {
        await embedded.stop();
      }
    }

    if (!args.skipXlsx) {
      const xlsx = path.join(dir, "lines.xlsx");
      t = performance.now();
      await runXlsxWriter(url, xlsx, args.xlsxLines);
      console.log(`Genereret xlsx med ${fmt(args.xlsxLines)} rækker (${fmt(statSync(xlsx).size / 1e6, 1)} MB) på ${fmt((performance.now() - t) / 1000, 1)} s`);
      report("PostgreSQL, xlsx", await runChild(url, xlsx));
    }
    console.log("\nResultat:");
    for (const line of results) console.log(`  ${line}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

/** The xlsx is written in a child process: exceljs's streaming writer grows with the row count. */
async function runXlsxWriter(url: string, file: string, rows: number): Promise<void> {
  const proc = spawn(process.execPath, ["--import", "tsx", "scripts/bench-import.ts", "--write-xlsx", url, file, String(rows)], {
    cwd: process.cwd(),
    stdio: ["ignore", "inherit", "inherit"],
  });
  const [code] = (await once(proc, "exit")) as [number];
  if (code !== 0) throw new Error(`xlsx writer failed (${code})`);
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === "--child") {
  await child(rest[0]!, rest[1]!);
} else if (mode === "--write-xlsx") {
  await writeXlsx(rest[1]!, await loadWorld(rest[0]!), Number(rest[2]));
} else {
  await main();
}
