// Shared by the benchmark scripts: percentiles, and the portal served as `npm start` serves it.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { prepareDatabase } from "@/lib/db/setup";
import { DEMO_PASSWORD } from "@/lib/seed/demo-data";
import { seedDemoData } from "@/lib/seed/seed";
import pg from "pg";
import { createTestDatabase, withAdmin, type TestDatabase } from "@/tests/support/database";
import { PORTAL_NODE_FLAGS } from "./portal-node-flags";

/**
 * Set by `npm run bench` (scripts/bench.ts) for the scripts it runs: the prefix of the names of this
 * invocation's template databases, which it drops when it ends.
 */
export const BENCH_TEMPLATES_ENV = "BENCH_TEMPLATES";

/**
 * Set by `npm run bench` when it runs a script only to fill its template, before the measured runs
 * (two at a time, as nothing is measured then): the script ends in benchDatabase once it is made.
 */
export const BENCH_FILL_ONLY_ENV = "BENCH_FILL_ONLY";

/**
 * A benchmark's database: created, migrated and filled by `fill`, which must close its connections.
 * Under `npm run bench`, which runs each script three times, every run starts from a copy
 * (CREATE DATABASE … TEMPLATE) of a database filled once, before the runs, rather than filling
 * again: the same rows, statistics and pages in a fraction of the time
 * (docs/decisions/0019-bench-runner.md). Without a filled template (a script run alone) the
 * database is filled here. `key` names what `fill` makes, sizes included: one key,
 * one content.
 */
export async function benchDatabase(key: string, fill: (url: string) => Promise<void>): Promise<TestDatabase> {
  const prefix = process.env[BENCH_TEMPLATES_ENV];
  const template = prefix ? `${prefix}_${key}`.toLowerCase().replace(/[^a-z0-9_]/g, "_") : null;
  if (template && template.length > 63) throw new Error(`template name too long for PostgreSQL: ${template}`);
  const fillOnly = process.env[BENCH_FILL_ONLY_ENV] === "1";
  if (template && !fillOnly) {
    const { rowCount } = await withAdmin((client) => client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [template]));
    if (rowCount) return createTestDatabase({ template });
  }
  const db = await createTestDatabase();
  try {
    await fill(db.url);
  } catch (error) {
    await db.drop();
    throw error;
  }
  if (template) {
    await withAdmin((client) =>
      client.query(`CREATE DATABASE "${template}" TEMPLATE "${db.name}"`).catch((error: { code?: string }) => {
        // Another script filled the same key meanwhile (42P04, or 23505 when both create at once).
        if (error.code !== "42P04" && error.code !== "23505") throw error;
      }),
    );
  }
  if (fillOnly) {
    await db.drop();
    process.exit(0);
  }
  return db;
}

/** The demo master data without purchase lines, which the import benchmarks import into. */
export const DEMO_MASTER_DATA = "demo_master_data";

export async function seedMasterData(url: string): Promise<void> {
  await seedDemoData(url, { purchaseLinesPerQuarter: 0 });
}

/** The p-th percentile of ascending numbers (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export type RunningPortal = {
  base: string;
  workers: number;
  /** CPU time (user + system) the portal's processes have used so far, in ms: per request it is far less noisy than latency on a shared machine. */
  cpuMs: () => number;
  stop: () => Promise<void>;
};

const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

/** CPU time of the process `pid` and all its descendants, from /proc (Linux). */
function treeCpuMs(pid: number): number {
  const stats = processStats();
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const stat of stats) if (!tree.has(stat.pid) && tree.has(stat.ppid)) grew = tree.add(stat.pid) !== null;
  }
  return stats.filter((stat) => tree.has(stat.pid)).reduce((total, stat) => total + stat.cpuMs, 0);
}

/**
 * CPU time of the PostgreSQL backends serving `databaseName` now (the portal's pooled connections),
 * in ms. Needs the server on this machine; backends that ended are not counted.
 */
export async function databaseCpuMs(adminUrl: string, databaseName: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [databaseName]);
    const pids = new Set(rows.map((row) => row.pid));
    return processStats().filter((stat) => pids.has(stat.pid)).reduce((total, stat) => total + stat.cpuMs, 0);
  } finally {
    await client.end();
  }
}

function processStats(): { pid: number; ppid: number; cpuMs: number }[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        // Fields after the parenthesised command: state ppid ... utime(14) stime(15), 1-based from the start.
        const fields = readFileSync(`/proc/${name}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
        const ticks = Number(fields[11]) + Number(fields[12]);
        return [{ pid: Number(name), ppid: Number(fields[1]), cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND }];
      } catch {
        return []; // the process ended meanwhile
      }
    });
}

/**
 * Another Node.js binary or other NODE_OPTIONS for the portal than this process's own
 * (scripts/bench-side-by-side.ts). The portal processes' own flags (PORTAL_NODE_FLAGS) come after
 * NODE_OPTIONS on their command line, so they win over the same flag given here.
 */
export type PortalRuntime = { node?: string; nodeOptions?: string };

/**
 * The built portal on `port` against `databaseUrl`, through scripts/start.ts (migrate, seed if empty,
 * WEB_CONCURRENCY processes). `workers` defaults to the launcher's own choice (one per core).
 */
export async function startPortal(databaseUrl: string, port: number, workers?: number, profileDir?: string, runtime: PortalRuntime = {}): Promise<RunningPortal> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("Run `npm run build` first.");
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), NEXTAUTH_SECRET: "bench-secret", NEXTAUTH_URL: base };
  if (runtime.nodeOptions !== undefined) env.NODE_OPTIONS = runtime.nodeOptions;
  // The benchmarks stand for many users through one log-in: the per-user API limit would refuse them.
  env.API_REQUESTS_PER_MINUTE = "1000000";
  if (workers) env.WEB_CONCURRENCY = String(workers);
  else delete env.WEB_CONCURRENCY;
  // Profiled: one portal process (what start.ts forks per core) under V8's sampling profiler, which
  // writes a .cpuprofile into profileDir when it stops; Node refuses --cpu-prof in NODE_OPTIONS.
  if (profileDir) Object.assign(env, { DATABASE_URL: (await prepareDatabase(databaseUrl)).servingUrl, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
  const command = profileDir ? [...PORTAL_NODE_FLAGS, "--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--import", "tsx", "scripts/portal-server.ts"] : ["--import", "tsx", "scripts/start.ts"];
  const launcher = spawn(runtime.node ?? process.execPath, command, { env, stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  launcher.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => launcher.once("exit", () => resolve()));
  for (let i = 0; ; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    if (i === 200 || launcher.exitCode !== null) throw new Error(`the portal did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const served = /with (\d+) process/.exec(output);
  return {
    base,
    workers: served ? Number(served[1]) : 1,
    cpuMs: () => treeCpuMs(launcher.pid!),
    stop: async () => {
      launcher.kill("SIGTERM");
      await exited;
    },
  };
}

/** A session cookie for a demo user, through the credentials log-in as a browser does it. */
export async function logIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true" }),
  });
  const session = response.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c!.startsWith("next-auth.session-token"));
  if (!session) throw new Error(`log-in of ${email} failed`);
  return session;
}

/**
 * Inserts an agreement's links in bulk (`work`) with the links' search triggers off, then recomputes
 * every agreement's search text once. The triggers recompute it per statement, planned before the new
 * links have statistics (a scan of all links per agreement): 5,000 agreements with 20,000 links took
 * ~30 s that way, ~6 s this way, to the same search text.
 */
export async function insertAgreementLinks(client: pg.Client, work: () => Promise<void>): Promise<void> {
  const triggers = [`"AgreementSupplier" DISABLE TRIGGER "AgreementSupplier_search_insert"`, `"AgreementCategory" DISABLE TRIGGER "AgreementCategory_search_insert"`];
  for (const trigger of triggers) await client.query(`ALTER TABLE ${trigger}`);
  await work();
  for (const trigger of triggers) await client.query(`ALTER TABLE ${trigger.replace("DISABLE", "ENABLE")}`);
  await client.query(`ANALYZE "AgreementSupplier", "AgreementCategory"`);
  await client.query(`SELECT "agreement_refresh_search_text"(ARRAY(SELECT "id" FROM "Agreement"))`);
}

/**
 * One measured figure, printed as a `BENCH-RESULT {json}` line that `npm run bench` (scripts/bench.ts)
 * collects into its table; the scripts keep printing their own prose around it.
 * - `workload`: what ran ("1,000,000 CSV lines imported"), the same text in every run;
 * - `figure`: which measure ("p95", "time", "peak RSS"), `value` in `unit`;
 * - `target`: the target in words ("< 300 ms"), `met` whether this run met it (null: no target);
 * - `reference`/`ratio`: the yardstick measured in the same run and value's ratio to it, when the
 *   target is a ratio (the import against COPY + keys, the mixed load against a trivial page).
 */
export type BenchResult = {
  workload: string;
  figure: string;
  value: number;
  unit: string;
  target: string;
  met: boolean | null;
  reference?: { label: string; value: number; unit: string };
  ratio?: number;
};

export function reportResult(result: BenchResult): void {
  console.log(`BENCH-RESULT ${JSON.stringify(result)}`);
}
