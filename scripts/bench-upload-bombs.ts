// npx tsx scripts/bench-upload-bombs.ts [--quick] [kind ...]
//
// What hostile xlsx uploads (tests/support/hostile-xlsx.ts) cost the process that reads them: each
// file is read in a fresh child process, as the purchase-data upload and the SKS API read it (the
// file spooled to disk, then the import's xlsx source, without a database) and as the Skema and
// master-data imports read it (lib/xlsx/reader.ts, from memory). Prints, per file and reader, the
// child's peak RSS, its CPU time (user + system, worker threads included), the wall time and the
// outcome (the Danish refusal, or how many rows came through). With no kinds given, all of them;
// --quick: the four bombs (ratio, shared strings, styles, deep XML). Prints BENCH-RESULT lines for
// `npm run bench`: how many were refused, and the highest peak RSS and CPU time of a reading process.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { templateWorkbook } from "@/lib/purchase-data/template";
import { HOSTILE_KINDS, hostileXlsx, type HostileKind } from "@/tests/support/hostile-xlsx";
import { prepareChild, scriptPath, type ChildRunner } from "./bench-child";
import { reportResult } from "./bench-support";

const QUICK_KINDS: readonly HostileKind[] = ["ratio-bomb", "shared-strings-bomb", "styles-bomb", "deep-xml"];

type Reader = "purchase-data" | "workbook";
type Measurement = { outcome: string; maxRssMb: number; cpuS: number; wallS: number };

async function readInThisProcess(reader: Reader, file: string): Promise<string> {
  try {
    if (reader === "purchase-data") {
      const { sourceFromFile } = await import("@/lib/purchase-data/sources");
      const source = await sourceFromFile(file, "bombe.xlsx");
      let rows = 0;
      for await (const batch of source.records(() => undefined)) rows += batch.length;
      return `read ${rows} rows`;
    }
    const { readXlsx } = await import("@/lib/xlsx/reader");
    const sheets = await readXlsx(readFileSync(file));
    return `read ${sheets.reduce((n, s) => n + s.rows.length, 0)} rows`;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

async function child(reader: Reader, file: string): Promise<void> {
  const started = performance.now();
  const outcome = await readInThisProcess(reader, file);
  const usage = process.resourceUsage();
  const measurement: Measurement = {
    outcome: outcome.slice(0, 200),
    maxRssMb: Math.round(usage.maxRSS / 1024),
    cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    wallS: (performance.now() - started) / 1000,
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
  process.exit(0);
}

function measure(runner: ChildRunner, reader: Reader, file: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...runner.command, "--child", reader, file], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    proc.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    proc.on("error", reject);
    proc.on("close", (code, signal) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (line.startsWith("{")) resolve(JSON.parse(line) as Measurement);
      else resolve({ outcome: `child ended with ${signal ?? code}`, maxRssMb: NaN, cpuS: NaN, wallS: NaN });
    });
  });
}

async function main(): Promise<void> {
  const named = process.argv.slice(2).filter((arg): arg is HostileKind => (HOSTILE_KINDS as readonly string[]).includes(arg));
  const kinds = named.length > 0 ? named : process.argv.includes("--quick") ? QUICK_KINDS : HOSTILE_KINDS;
  const dir = mkdtempSync(path.join(tmpdir(), "sip-bench-bombs-"));
  const measured: Measurement[] = [];
  const runner = await prepareChild(scriptPath("bench-upload-bombs.ts"), { reactServer: false });
  try {
    const base = await templateWorkbook();
    for (const kind of kinds) {
      const file = path.join(dir, `${kind}.xlsx`);
      writeFileSync(file, hostileXlsx(base, kind));
      for (const reader of ["purchase-data", "workbook"] as const) {
        const m = await measure(runner, reader, file);
        measured.push(m);
        console.log(
          `${kind.padEnd(24)} ${reader.padEnd(14)} ${String(Math.round(statSync(file).size / 1024)).padStart(6)} kB  ` +
            `RSS ${String(m.maxRssMb).padStart(5)} MB  CPU ${m.cpuS.toFixed(1).padStart(5)} s  wall ${m.wallS.toFixed(1).padStart(5)} s  ${m.outcome}`,
        );
      }
    }
    const workload = `hostile xlsx uploads: ${kinds.length === HOSTILE_KINDS.length ? "all" : kinds.length} kinds (${kinds.join(", ")}) × 2 readers, each in a fresh process`;
    // A refusal is the reader's error; "read N rows" means the file came through.
    const refused = measured.filter((m) => !m.outcome.startsWith("read ") && !m.outcome.startsWith("child ended")).length;
    const rss = Math.max(...measured.map((m) => m.maxRssMb));
    reportResult({ workload, figure: "refused", value: refused, unit: `of ${measured.length}`, target: "all refused", met: refused === measured.length });
    reportResult({ workload, figure: "peak RSS of a reading process (highest)", value: rss, unit: "MB", target: "< 1,000 MB", met: rss < 1000 });
    reportResult({ workload, figure: "CPU of a reading process (highest)", value: Math.round(Math.max(...measured.map((m) => m.cpuS)) * 10) / 10, unit: "s", target: "stated", met: null });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await runner.cleanup();
  }
}

const [mode, reader, file] = process.argv.slice(2);
if (mode === "--child") await child(reader as Reader, file!);
else await main();
