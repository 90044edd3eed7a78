// npx tsx scripts/bench-exports.ts [--quick] [--institutions 4000] [--agreements 25] [--runs 3] [--tsx] [--keep-file]
//
// Benchmark of the "aftaleparter" export (issue 3: 100,000 rows in under 5 s, peak RSS under 200 MB).
// Creates its own database on the local PostgreSQL (TEST_ADMIN_DATABASE_URL, else DATABASE_URL, else
// postgresql://postgres@127.0.0.1:5432/postgres), migrates it, seeds the demo master data, adds
// synthetic institutions x synthetic common agreements as agreement parties (unnest batches), then
// runs the export in a fresh child process per run, so that the peak RSS is the export process's own:
//   - "fil": lib/catalogue/exports.ts writing the xlsx to a file;
//   - "web-strøm": the route handler's path (the web ReadableStream /lister/aftaleparter.xlsx sends).
// The child samples process.memoryUsage() every 50 ms and also reports the kernel's maxRSS
// (process.resourceUsage()); "RSS før" is the child after loading the code and running one query,
// just before the export. The first run's files are read back with exceljs and their rows counted.
// The database is dropped at the end, also on failure. --quick: 800 institutions (about 20,000 rows)
// and one run of each way. Prints BENCH-RESULT lines (each way's slowest run and highest peak RSS) for
// `npm run bench`.
//
// The child is plain Node, as in production: this script bundles it with esbuild (which tsx brings
// along) into node_modules/.cache, because running it under tsx adds about 35 MB of loader to every
// number. --tsx runs the child under tsx instead. Either way it runs with --conditions=react-server,
// under which "server-only" is an empty module.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { prepareChild, scriptPath, type ChildRunner } from "./bench-child";
import { PORTAL_NODE_FLAGS } from "./portal-node-flags";

const TARGET_SECONDS = 5;
const TARGET_RSS_MB = 200;
const LIST = "aftaleparter.xlsx";
const MB = 1024 * 1024;

type Mode = "fil" | "web-strøm";
type ChildResult = {
  mode: Mode;
  rows: number;
  seconds: number;
  bytes: number;
  baselineRssMb: number;
  peakRssMb: number;
  maxRssMb: number;
  peakHeapMb: number;
};

// ---------------------------------------------------------------------------------------------
// Child: one export, measured
// ---------------------------------------------------------------------------------------------

async function child(mode: Mode, file: string): Promise<void> {
  const { findPublishedList } = await import("@/lib/catalogue/exports");
  const { prisma } = await import("@/lib/db/client");
  const list = findPublishedList(LIST);
  if (!list) throw new Error(`no list ${LIST}`);
  // Connect before measuring: the pool's first connection is not the export's cost.
  await prisma.$queryRaw`SELECT 1`;

  const baseline = process.memoryUsage().rss;
  let peakRss = baseline;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 50);

  const started = process.hrtime.bigint();
  let rows: number;
  if (mode === "fil") {
    rows = (await list.write(createWriteStream(file))).rows;
  } else {
    const response = await list.response();
    await pipeline(Readable.fromWeb(response.body! as NodeReadableStream<Uint8Array>), createWriteStream(file));
    rows = -1;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
  await prisma.$disconnect();

  const result: ChildResult = {
    mode,
    rows,
    seconds,
    bytes: (await stat(file)).size,
    baselineRssMb: baseline / MB,
    peakRssMb: peakRss / MB,
    // resourceUsage().maxRSS is in kilobytes.
    maxRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
    peakHeapMb: peakHeap / MB,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const SCRIPT = scriptPath("bench-exports.ts");
const ROOT = process.cwd();

function runChild(runner: ChildRunner, mode: Mode, file: string, databaseUrl: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...PORTAL_NODE_FLAGS, ...runner.command, "--child", mode, file], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    proc.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    proc.on("error", reject);
    proc.on("close", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0) return reject(new Error(`export child exited with ${code}: ${out}`));
      try {
        resolve(JSON.parse(line) as ChildResult);
      } catch {
        reject(new Error(`unreadable child output: ${out}`));
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Parent: database, data, runs, table
// ---------------------------------------------------------------------------------------------

type Args = { institutions: number; agreements: number; runs: number; keepFile: boolean; tsx: boolean };

function parseArgs(argv: string[]): Args {
  const args: Args = { institutions: 4_000, agreements: 25, runs: 3, keepFile: false, tsx: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const number = () => {
      const n = Number(argv[++i]?.replace(/_/g, ""));
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} skal være et positivt heltal`);
      return n;
    };
    if (flag === "--quick") Object.assign(args, { institutions: 800, runs: 1 });
    else if (flag === "--institutions") args.institutions = number();
    else if (flag === "--agreements") args.agreements = number();
    else if (flag === "--runs") args.runs = number();
    else if (flag === "--keep-file") args.keepFile = true;
    else if (flag === "--tsx") args.tsx = true;
    else throw new Error(`Ukendt flag ${flag}. Brug: --quick --institutions <n> --agreements <n> --runs <n> --tsx --keep-file`);
  }
  return args;
}

const BATCH = 10_000;

async function addSyntheticParties(url: string, institutions: number, agreements: number): Promise<void> {
  const { default: pg } = await import("pg");
  const { danishSortKey } = await import("@/lib/domain/danish-sort");
  const { fictitiousCvrs } = await import("@/lib/domain/identifiers");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    const ministries = (await client.query(`SELECT id FROM "Ministry" ORDER BY id`)).rows.map((r: { id: number }) => r.id);
    const phases = (await client.query(`SELECT id, number FROM "Phase" ORDER BY number`)).rows as { id: number; number: number }[];

    // Institutions: valid, fictitious CVRs far from the demo's ranges; every fifth a voluntary customer.
    const cvrs = fictitiousCvrs(institutions, 6_000_000, 97);
    const names = cvrs.map((_, i) => `${["Styrelsen for", "Institut for", "Ærø", "Østjysk", "Aalborg"][i % 5]} syntetisk enhed ${i + 1}`);
    const institutionIds: number[] = [];
    for (let start = 0; start < institutions; start += BATCH) {
      const slice = (array: unknown[]) => array.slice(start, start + BATCH);
      const n = Math.min(BATCH, institutions - start);
      const index = Array.from({ length: n }, (_, k) => start + k);
      const result = await client.query(
        `INSERT INTO "Institution" ("cvr", "name", "sortKey", "kind", "customerType", "ministryId")
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::"InstitutionKind"[], $5::"CustomerType"[], $6::int[])
         RETURNING id`,
        [
          slice(cvrs),
          slice(names),
          slice(names.map(danishSortKey)),
          index.map((i) => (i % 5 === 4 ? "MUNICIPALITY" : "STATE_INSTITUTION")),
          index.map((i) => (i % 5 === 4 ? "VOLUNTARY" : "OBLIGATED")),
          index.map((i) => ministries[i % ministries.length]),
        ],
      );
      institutionIds.push(...result.rows.map((r: { id: number }) => r.id));
    }

    // Common agreements in the open phases.
    const agreementRows = Array.from({ length: agreements }, (_, i) => {
      const phase = phases[phases.length - 1 - (i % 2)]!;
      const name = `Syntetisk fællesaftale ${String(i + 1).padStart(3, "0")}`;
      return [`BENCH ${String(i + 1).padStart(3, "0")}`, name, danishSortKey(name), i % 4 === 3 ? "VOLUNTARY_SKI" : "MANDATORY_CENTRAL", i % 4 === 3 ? null : phase.id];
    });
    const agreementIds = (
      await client.query(
        `INSERT INTO "Agreement" ("reference", "name", "sortKey", "kind", "phaseId", "validFrom", "validTo")
         SELECT r, n, s, k, p, DATE '2025-01-01', DATE '2028-12-31'
           FROM unnest($1::text[], $2::text[], $3::text[], $4::"AgreementKind"[], $5::int[]) AS t(r, n, s, k, p)
         RETURNING id`,
        [0, 1, 2, 3, 4].map((c) => agreementRows.map((row) => row[c])),
      )
    ).rows.map((r: { id: number }) => r.id);

    // Parties: every synthetic institution on every synthetic agreement.
    let agreement: number[] = [];
    let institution: number[] = [];
    let source: string[] = [];
    const flush = async () => {
      if (agreement.length === 0) return;
      await client.query(
        `INSERT INTO "AgreementParty" ("agreementId", "institutionId", "source", "since")
         SELECT a, i, s, DATE '2025-01-01' FROM unnest($1::int[], $2::int[], $3::"PartySource"[]) AS t(a, i, s)`,
        [agreement, institution, source],
      );
      agreement = [];
      institution = [];
      source = [];
    };
    for (const agreementId of agreementIds) {
      institutionIds.forEach((institutionId, i) => {
        agreement.push(agreementId);
        institution.push(institutionId);
        source.push(i % 5 === 4 ? "PHASE_JOIN" : "OBLIGATED");
      });
      if (agreement.length >= BATCH) await flush();
    }
    await flush();
    await client.query("COMMIT");
    await client.query("ANALYZE");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function countExportRows(url: string): Promise<number> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "AgreementParty" p JOIN "Agreement" a ON a.id = p."agreementId"
      WHERE a."kind" <> 'OWN' AND a."retiredAt" IS NULL`);
    return (rows[0] as { n: number }).n;
  } finally {
    await client.end();
  }
}

/** Counts the data rows of the written file with exceljs's streaming reader (not timed). */
async function countFileRows(file: string): Promise<number> {
  const { default: ExcelJS } = await import("exceljs");
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: "emit", sharedStrings: "cache" });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      void row;
      rows++;
    }
  }
  return rows - 3; // title, date of extraction, header
}

function fmt(n: number, digits = 1): string {
  return n.toLocaleString("da-DK", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { benchDatabase } = await import("./bench-support");
  const { seedDemoData } = await import("@/lib/seed/seed");
  const t0 = Date.now();
  const database = await benchDatabase(`exports_${args.institutions}_${args.agreements}`, async (url) => {
    await seedDemoData(url, { purchaseLinesPerQuarter: 0 });
    const t1 = Date.now();
    await addSyntheticParties(url, args.institutions, args.agreements);
    console.log(`Data: demo-stamdata + ${fmt(args.institutions, 0)} institutioner x ${args.agreements} aftaler (indsat på ${fmt((Date.now() - t1) / 1000)} s).`);
  });
  const dir = await mkdtemp(path.join(tmpdir(), "bench-exports-"));
  const cleanups: (() => Promise<void>)[] = [];
  console.log(`Database ${database.name} klar.`);
  try {
    const expected = await countExportRows(database.url);
    console.log(`${fmt(expected, 0)} rækker i ${LIST}.`);

    const runner = await prepareChild(SCRIPT, { reactServer: true, useTsx: args.tsx });
    cleanups.push(runner.cleanup);
    console.log(`Eksporten kører i en ny proces pr. kørsel: ${runner.label} ${PORTAL_NODE_FLAGS.join(" ")} (som portalens processer), NODE_ENV=production.`);
    const results: ChildResult[] = [];
    for (let run = 1; run <= args.runs; run++) {
      for (const mode of ["fil", "web-strøm"] as const) {
        const file = path.join(dir, `${run}-${mode === "fil" ? "file" : "web"}-${LIST}`);
        const result = await runChild(runner, mode, file, database.url);
        if (result.rows === -1) result.rows = expected;
        if (run === 1) {
          const inFile = await countFileRows(file);
          if (inFile !== expected) throw new Error(`${mode}: the file holds ${inFile} data rows, expected ${expected}`);
        }
        if (result.rows !== expected) throw new Error(`${mode}: wrote ${result.rows} rows, expected ${expected}`);
        results.push(result);
        if (!args.keepFile) await rm(file);
      }
    }

    const header = ["kørsel", "vej", "rækker", "sek.", "rækker/s", "fil MB", "RSS før MB", "peak RSS MB", "maxRSS MB", "vækst MB", "peak heap MB"];
    const lines = results.map((r, i) => [
      String(Math.floor(i / 2) + 1),
      r.mode,
      fmt(r.rows, 0),
      fmt(r.seconds, 2),
      fmt(r.rows / r.seconds, 0),
      fmt(r.bytes / MB),
      fmt(r.baselineRssMb),
      fmt(r.peakRssMb),
      fmt(r.maxRssMb),
      fmt(Math.max(r.peakRssMb, r.maxRssMb) - r.baselineRssMb),
      fmt(r.peakHeapMb),
    ]);
    const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c]!.length)));
    const print = (cells: string[]) => console.log(cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  "));
    console.log("");
    print(header);
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    lines.forEach(print);

    const worstSeconds = Math.max(...results.map((r) => r.seconds));
    const worstRss = Math.max(...results.map((r) => Math.max(r.peakRssMb, r.maxRssMb)));
    const ok = worstSeconds < TARGET_SECONDS && worstRss < TARGET_RSS_MB;
    console.log("");
    console.log(
      `Mål: under ${TARGET_SECONDS} s og peak RSS under ${TARGET_RSS_MB} MB. ` +
        `Værste kørsel: ${fmt(worstSeconds, 2)} s, ${fmt(worstRss)} MB -> ${ok ? "OPFYLDT" : "IKKE OPFYLDT"}.`,
    );
    const worstGrowth = Math.max(...results.map((r) => Math.max(r.peakRssMb, r.maxRssMb) - r.baselineRssMb));
    console.log(
      `Processen før eksporten (Node, Prisma, exceljs indlæst, én forespørgsel kørt): ` +
        `${fmt(Math.min(...results.map((r) => r.baselineRssMb)))}-${fmt(Math.max(...results.map((r) => r.baselineRssMb)))} MB; ` +
        `eksporten selv lægger højst ${fmt(worstGrowth)} MB til.`,
    );
    console.log(`Node ${process.version}; i alt ${fmt((Date.now() - t0) / 1000)} s.`);
    const { reportResult } = await import("./bench-support");
    for (const mode of ["fil", "web-strøm"] as const) {
      const runs = results.filter((r) => r.mode === mode);
      const workload = `"${LIST}" export, ${expected.toLocaleString("en-US")} rows (${mode === "fil" ? "to a file" : "the web stream"}, ${runs.length} run(s) in a fresh process)`;
      const seconds = Math.max(...runs.map((r) => r.seconds));
      const rss = Math.max(...runs.map((r) => Math.max(r.peakRssMb, r.maxRssMb)));
      reportResult({ workload, figure: "time (slowest run)", value: Math.round(seconds * 100) / 100, unit: "s", target: `< ${TARGET_SECONDS} s`, met: seconds < TARGET_SECONDS });
      reportResult({ workload, figure: "peak RSS (highest run)", value: Math.round(rss), unit: "MB", target: `< ${TARGET_RSS_MB} MB`, met: rss < TARGET_RSS_MB });
    }
    if (args.keepFile) console.log(`Filerne ligger i ${dir}`);
    if (!ok) process.exitCode = 1;
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    if (!args.keepFile) await rm(dir, { recursive: true, force: true });
    await database.drop();
    console.log(`Database ${database.name} slettet.`);
  }
}

const argv = process.argv.slice(2);
if (argv[0] === "--child") {
  child(argv[1] as Mode, argv[2]!).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

