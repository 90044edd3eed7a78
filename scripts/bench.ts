// npm run bench [-- --quick] [--runs N] [--only import,load,...]
//
// Runs every benchmark script (scripts/bench-*.ts) as a child process, --runs times each (default 3;
// the scripts one after another, then again, so that each script's runs meet different moments of a
// shared machine), collects the BENCH-RESULT lines they print (scripts/bench-support.ts reportResult)
// and prints one markdown table: per workload and figure the target, the range of the measured value,
// of the reference measured in the same run and of the ratio over the runs, and whether the target was
// met ("yes", "no", "in k of N runs"). Above it: date, machine, PostgreSQL and Node versions, load
// average at the start and the end. The table is also written to bench-results/bench-results.md, each
// script run's whole output to bench-results/<name>-<run>.log.
//
// Each script runs as an esbuild bundle (scripts/bench-child.ts), and its data is filled once before
// the runs, two scripts at a time, into a template database that every run copies (benchDatabase in
// scripts/bench-support.ts; the fill's output in bench-results/<name>-fill.log). The templates are
// dropped at the end, and those of a stopped earlier invocation at the start.
//
// --quick: every script's smaller size (its own --quick flag), meant to finish in under 10 minutes on
// the 2-core machine with the three runs. The catalogue's list page and the load need the built portal:
// built here (npm run build) when .next/BUILD_ID is missing. The scripts create and drop databases of
// their own on TEST_ADMIN_DATABASE_URL, else DATABASE_URL, else the local server.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { prepareChild, scriptPath, type ChildRunner } from "./bench-child";
import { BENCH_FILL_ONLY_ENV, BENCH_TEMPLATES_ENV } from "./bench-support";
import { withAdmin } from "@/tests/support/database";
import { aggregate, formatTable, parseResults, type ScriptRun, type ScriptRuns } from "./bench-table";

type Bench = {
  name: string;
  script: string;
  /**
   * Scripts that import server modules (`import "server-only"`) run under React's server condition;
   * as bundles they load their packages at the start, so a lazy import counts as well.
   */
  reactServer: boolean;
  args: (quick: boolean) => string[];
  needsBuild: boolean;
  /** Its data is a template filled before the runs (benchDatabase in scripts/bench-support.ts). */
  fills: boolean;
};

const BENCHES: Bench[] = [
  // The embedded database's import is left out of the quick run: it has no target, and takes a third of the script's time.
  { name: "import", script: "bench-import.ts", reactServer: false, args: (quick) => (quick ? ["--quick", "--skip-embedded"] : []), needsBuild: false, fills: true },
  { name: "sales-import", script: "bench-sales-import.ts", reactServer: true, args: quickFlag, needsBuild: false, fills: true },
  { name: "catalogue", script: "bench-catalogue.ts", reactServer: true, args: quickFlag, needsBuild: true, fills: true },
  { name: "cascade", script: "bench-cascade.ts", reactServer: true, args: quickFlag, needsBuild: false, fills: true },
  { name: "compliance", script: "bench-compliance.ts", reactServer: true, args: quickFlag, needsBuild: false, fills: true },
  { name: "ceilings", script: "bench-ceilings.ts", reactServer: true, args: quickFlag, needsBuild: false, fills: true },
  { name: "reconciliation", script: "bench-reconciliation.ts", reactServer: true, args: quickFlag, needsBuild: false, fills: true },
  { name: "exports", script: "bench-exports.ts", reactServer: true, args: quickFlag, needsBuild: false, fills: true },
  { name: "upload-bombs", script: "bench-upload-bombs.ts", reactServer: false, args: quickFlag, needsBuild: false, fills: false },
  // Never --restart here: it restarts the machine's own PostgreSQL.
  { name: "load", script: "bench-load.ts", reactServer: true, args: quickFlag, needsBuild: true, fills: true },
];

function quickFlag(quick: boolean): string[] {
  return quick ? ["--quick"] : [];
}

type Args = { quick: boolean; runs: number; only: Bench[] };

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, runs: 3, only: BENCHES };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--quick") args.quick = true;
    else if (flag === "--runs") {
      args.runs = Number(argv[++i]);
      if (!Number.isInteger(args.runs) || args.runs < 1) throw new Error("--runs takes a whole number ≥ 1");
    } else if (flag === "--only") {
      const names = (argv[++i] ?? "").split(",").filter(Boolean);
      const unknown = names.filter((name) => !BENCHES.some((bench) => bench.name === name));
      if (names.length === 0 || unknown.length > 0) throw new Error(`--only takes some of: ${BENCHES.map((b) => b.name).join(",")}`);
      args.only = BENCHES.filter((bench) => names.includes(bench.name));
    } else throw new Error(`unknown flag ${flag}; use --quick, --runs N, --only ${BENCHES.map((b) => b.name).join(",")}`);
  }
  return args;
}

const OUT_DIR = "bench-results";
const load = () => loadavg().map((l) => l.toFixed(2)).join(" / ");
const minutes = (ms: number) => `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;

const postgresVersion = () => withAdmin(async (client) => (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version);

const TEMPLATE_PREFIX = "sip_bench_tpl_";

/**
 * Drops the template databases the scripts kept (scripts/bench-support.ts benchDatabase): this
 * invocation's, and those of an earlier one that was stopped before it could drop its own.
 */
async function dropTemplates(ofThisRun: boolean): Promise<void> {
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [TEMPLATE_PREFIX]);
    for (const { datname } of rows) {
      const pid = Number(datname.slice(TEMPLATE_PREFIX.length).split("_")[0]);
      if (pid === process.pid ? ofThisRun : !isRunning(pid)) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Each script as a bundle (scripts/bench-child.ts): tsx took 1.1-1.8 s to start one, a bundle 0.3 s. */
const runners = new Map<Bench, ChildRunner>();
const nodeArgs = (bench: Bench, quick: boolean) => [...runners.get(bench)!.command, ...bench.args(quick)];

/**
 * Runs each script that has data to fill with BENCH_FILL_ONLY, as many at a time as there are cores:
 * nothing is measured meanwhile. Returns how long it took. A script whose fill failed fills its own
 * data in its first run (benchDatabase), which the log says.
 */
async function fillTemplates(args: Args): Promise<string> {
  const started = Date.now();
  const queue = args.only.filter((bench) => bench.fills);
  const failed: string[] = [];
  const env = { ...process.env, [BENCH_FILL_ONLY_ENV]: "1" };
  await Promise.all(
    Array.from({ length: cpus().length }, async () => {
      for (let bench = queue.shift(); bench; bench = queue.shift()) {
        const { exitCode } = await run(process.execPath, nodeArgs(bench, args.quick), path.join(OUT_DIR, `${bench.name}-fill.log`), env);
        if (exitCode !== 0) failed.push(bench.name);
      }
    }),
  );
  const took = `${Math.round((Date.now() - started) / 1000)} s, ${cpus().length} at a time`;
  console.log(`filled the scripts' data in ${took}${failed.length ? `; failed: ${failed.join(", ")} (see ${OUT_DIR}/<name>-fill.log)` : ""}`);
  return failed.length ? `${took}; failed for ${failed.join(", ")}, which filled their own in their first run` : took;
}

/** Runs a command with its output going to `log`; returns its standard output. */
async function run(command: string, commandArgs: string[], log: string, env = process.env): Promise<{ output: string; exitCode: number | null }> {
  const file = createWriteStream(log);
  const child = spawn(command, commandArgs, { stdio: ["ignore", "pipe", "pipe"], env });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk: Buffer) => {
      file.write(chunk);
      if (stream === child.stdout) output += chunk.toString();
    });
  }
  const [exitCode] = (await once(child, "close")) as [number | null];
  file.end();
  await once(file, "finish");
  return { output, exitCode };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  mkdirSync(OUT_DIR, { recursive: true });
  const started = Date.now();
  const startLoad = load();
  const notes: string[] = [];

  if (args.only.some((bench) => bench.needsBuild) && !existsSync(".next/BUILD_ID")) {
    console.log("No built portal (.next/BUILD_ID): building it with `npm run build` first (output in bench-results/build.log).");
    const buildStarted = Date.now();
    const build = await run("npm", ["run", "build"], path.join(OUT_DIR, "build.log"));
    if (build.exitCode !== 0) throw new Error(`npm run build failed (exit ${build.exitCode}); see ${OUT_DIR}/build.log`);
    notes.push(`The portal was built first (\`npm run build\`, ${minutes(Date.now() - buildStarted)}); the benchmarks' time below is after the build.`);
  }

  await dropTemplates(false);
  process.env[BENCH_TEMPLATES_ENV] = `${TEMPLATE_PREFIX}${process.pid}`;
  const benchStarted = Date.now();
  const scripts: ScriptRuns[] = args.only.map((bench) => ({ name: bench.name, runs: [] }));
  const secondsPerScript = args.only.map(() => 0);
  try {
    for (const bench of args.only) runners.set(bench, await prepareChild(scriptPath(bench.script), { reactServer: bench.reactServer }));
    const filled = await fillTemplates(args);
    notes.push(`Before the runs, the scripts' data was filled once (${filled}); every run starts from a copy of it.`);
    for (let runNumber = 1; runNumber <= args.runs; runNumber++) {
      for (const [index, bench] of args.only.entries()) {
        const scriptStarted = Date.now();
        const log = path.join(OUT_DIR, `${bench.name}-${runNumber}.log`);
        const { output, exitCode } = await run(process.execPath, nodeArgs(bench, args.quick), log);
        const { results, errors } = parseResults(output);
        const scriptRun: ScriptRun = { results, exitCode };
        secondsPerScript[index]! += (Date.now() - scriptStarted) / 1000;
        scripts[index]!.runs.push(scriptRun);
        for (const error of errors) console.log(`  ${bench.name}: unreadable BENCH-RESULT line: ${error}`);
        console.log(
          `run ${runNumber}/${args.runs} ${bench.name.padEnd(15)} ${String(Math.round((Date.now() - scriptStarted) / 1000)).padStart(4)} s, ` +
            `${results.length} result(s), exit ${exitCode}; load average ${load()}`,
        );
      }
    }
  } finally {
    await dropTemplates(true);
    for (const runner of runners.values()) await runner.cleanup();
  }

  const machine = [
    `${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"})`,
    `${(totalmem() / 2 ** 30).toFixed(1)} GB memory`,
    `PostgreSQL ${await postgresVersion()}`,
    `Node ${process.version}`,
  ].join(", ");
  const header = [
    `Benchmarks (\`npm run bench${args.quick ? " -- --quick" : ""}\`${args.runs !== 3 ? `, --runs ${args.runs}` : ""}), ${new Date(started).toISOString().slice(0, 16).replace("T", " ")} UTC, ` +
      `${args.runs} run(s) of each script, ${minutes(Date.now() - benchStarted)} in all.`,
    `Machine: ${machine}. Load average (1 / 5 / 15 min) at the start ${startLoad}, at the end ${load()}.`,
    `Time per script, all runs together: ${args.only.map((bench, i) => `${bench.name} ${Math.round(secondsPerScript[i]!)} s`).join(", ")}.`,
    ...notes,
    `Ranges are min–max over the runs; "met" counts the runs that met the target.`,
  ];
  const table = `${header.join("\n")}\n\n${formatTable(aggregate(scripts))}`;
  const file = path.join(OUT_DIR, "bench-results.md");
  writeFileSync(file, table);
  console.log(`\n${table}\n(also in ${file}; each run's output in ${OUT_DIR}/<name>-<run>.log)`);
}

await main();
