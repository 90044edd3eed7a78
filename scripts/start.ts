// npm start / npm run dev: the one command a newcomer runs. Uses DATABASE_URL when set, otherwise
// starts the embedded database (data in EMBEDDED_DATA_DIR); migrates (on PostgreSQL as the owner
// role, serving as the least-privilege role: lib/db/setup.ts), seeds the demo data once, builds the
// app if it has not been built, and serves it on PORT with WEB_CONCURRENCY processes
// (scripts/portal-server.ts).
import { spawn } from "node:child_process";
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { env } from "@/lib/env";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { prepareDatabase } from "@/lib/db/setup";
import { seedDemoData } from "@/lib/seed/seed";
import { PORTAL_NODE_FLAGS } from "./portal-node-flags";

const dev = process.argv.includes("--dev");
const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
// Next.js behind the portal's own HTTP server (client address, action body limit), run through tsx.
const portalServer = path.join("scripts", "portal-server.ts");
const portalServerArgs = [...PORTAL_NODE_FLAGS, "--import", "tsx"];

function run(args: string[], extraEnv: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, ...args], { stdio: "inherit", env: { ...process.env, ...extraEnv } });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next ${args[0]} exited with ${code}`))));
  });
}

/** A persistent secret for the demo, so sessions survive a restart; production sets NEXTAUTH_SECRET. */
function authSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const file = path.join(".data", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(".data", { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  console.warn("NEXTAUTH_SECRET is not set: using a generated secret kept in .data/auth-secret.");
  return readFileSync(file, "utf8");
}

let embedded: EmbeddedDatabase | undefined;
let servingUrl: string;
// The seed writes as the owner (or the administrator); the portal's processes never see that URL.
let seedUrl: string;
let poolMax = env.DATABASE_POOL_MAX;
if (env.DATABASE_URL) {
  servingUrl = (await prepareDatabase(env.DATABASE_URL, env.MIGRATION_DATABASE_URL)).servingUrl;
  seedUrl = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
} else {
  // The embedded database has one user, its superuser: no roles there (docs/decisions/0011).
  embedded = await startEmbeddedDatabase(env.EMBEDDED_DATA_DIR);
  servingUrl = seedUrl = embedded.url;
  poolMax = 1;
  console.log(`Embedded database (PGlite) in ${env.EMBEDDED_DATA_DIR}`);
  await migrate(servingUrl);
}
const seeded = await seedDemoData(seedUrl);
console.log(seeded.seeded ? "Demo data seeded." : "Demo data already present.");
delete process.env.MIGRATION_DATABASE_URL;

const serverEnv = {
  DATABASE_URL: servingUrl,
  DATABASE_POOL_MAX: String(poolMax),
  NEXTAUTH_SECRET: authSecret(),
  NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
  NEXT_TELEMETRY_DISABLED: "1",
  // The jobs run inside the portal processes (instrumentation.ts, docs/decisions/0017-job-queue.md).
  JOB_RUNNER: process.env.JOB_RUNNER ?? (embedded ? "in-process" : "queue"),
};
if (!dev && !existsSync(path.join(".next", "BUILD_ID"))) {
  console.log("No build found: running next build first.");
  await run(["build"], serverEnv);
}
let stopping = false;
const stopServers: (() => Promise<void>)[] = [];
const shutdown = async (code: number) => {
  if (stopping) return;
  stopping = true;
  // The servers finish their requests before the database goes.
  await Promise.all(stopServers.map((stop) => stop()));
  await embedded?.stop();
  process.exit(code);
};
const exitOf = (child: { exitCode: number | null; signalCode: string | null; once: (event: "exit", listener: () => void) => unknown }) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", resolve)));
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

if (dev) {
  const server = spawn(process.execPath, [...portalServerArgs, portalServer, "--dev"], {
    stdio: "inherit",
    env: { ...process.env, ...serverEnv, NODE_ENV: "development" },
  });
  stopServers.push(() => {
    server.kill("SIGTERM");
    return exitOf(server);
  });
  server.on("exit", (code) => void shutdown(code ?? 0));
} else {
  // One portal process renders on one core. Several of them share the port through Node's cluster
  // module (this process accepts and hands out the connections), so every core renders pages. The
  // embedded database serves one connection at a time: one process there.
  const workers = embedded ? 1 : (env.WEB_CONCURRENCY ?? availableParallelism());
  cluster.setupPrimary({ exec: portalServer, args: [], execArgv: portalServerArgs });
  const startedAt = new Map<number, number>();
  const fork = () => startedAt.set(cluster.fork({ ...process.env, ...serverEnv, NODE_ENV: "production" }).id, Date.now());
  for (let i = 0; i < workers; i++) fork();
  console.log(`Serving on port ${env.PORT} with ${workers} process${workers === 1 ? "" : "es"}.`);
  stopServers.push(async () => {
    const running = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    for (const worker of running) worker.process.kill("SIGTERM");
    await Promise.all(running.map((worker) => exitOf(worker.process)));
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    if (Date.now() - startedAt.get(worker.id)! < 15_000) {
      console.error(`Portal process ${worker.process.pid} stopped (${signal ?? code}) while starting: giving up.`);
      void shutdown(1);
      return;
    }
    console.error(`Portal process ${worker.process.pid} stopped (${signal ?? code}); starting another.`);
    fork();
  });
}
