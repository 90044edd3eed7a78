// Load and fault benchmark (issue 8): 50 concurrent users mixing the catalogue, the cascade (page and
// API) and the compliance dashboard for 60 s against the built portal on PostgreSQL, served as
// `npm start` serves it (scripts/start.ts: one Next.js process per core; --workers N for another
// count); then the same load while the database server is restarted, to see requests fail cleanly
// and recover without restarting the portal. Loopback only.
// Usage: npm run build && npx tsx scripts/bench-load.ts [--restart] [--workers N]
// (--restart needs pg_ctlcluster, i.e. the machine's own PostgreSQL; it restarts that server.)
//
// Two runs of 50 connections, each printing exact percentiles of every response's latency:
//   - "users": each of 50 users asks for a page a second (autocannon's connectionRate), far quicker
//     than a person reads one, the users not in step with each other: the target's scenario;
//   - "saturation": the same 50 connections asking again the moment an answer arrives, which
//     measures the capacity of the machine rather than users' experience.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { readdirSync } from "node:fs";
import autocannon from "autocannon";
import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase } from "@/tests/support/database";
import { logIn, percentile, startPortal } from "./bench-support";

const PORT = 3800;
const USERS = 50;

/** Restarts the machine's PostgreSQL without blocking this process: the users keep asking meanwhile. */
async function restartPostgres(): Promise<void> {
  const version = readdirSync("/etc/postgresql")[0]!;
  await promisify(execFile)("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "restart"]);
}

type Run = { total: number; perSecond: number; non2xx: number; errors: number; latencies: number[] };

/**
 * One load run; every response's latency is kept, so that p95 is exact. Users ("paced") are 50
 * autocannon clients of one connection at a request a second, started 20 ms apart and each
 * beginning at another page of the mix: one autocannon instance with 50 rate-limited connections
 * would send all 50 in the same millisecond every second, which no group of users does.
 */
async function run(base: string, requests: autocannon.Request[], duration: number, paced: boolean): Promise<Run> {
  const latencies: number[] = [];
  const clients = paced ? USERS : 1;
  const results = await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      if (paced) await new Promise((resolve) => setTimeout(resolve, (client * 1000) / USERS));
      const rotated = [...requests.slice(client % requests.length), ...requests.slice(0, client % requests.length)];
      const options = { url: base, connections: paced ? 1 : USERS, duration, requests: rotated, ...(paced ? { connectionRate: 1 } : {}) };
      return new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
        instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
      });
    }),
  );
  latencies.sort((a, b) => a - b);
  const sum = (value: (result: autocannon.Result) => number) => results.reduce((total, result) => total + value(result), 0);
  const total = sum((result) => result.requests.total);
  return { total, perSecond: Math.round(total / duration), non2xx: sum((result) => result.non2xx), errors: sum((result) => result.errors), latencies };
}

function describe(label: string, result: Run): string {
  const p = (q: number) => `${percentile(result.latencies, q).toFixed(0)} ms`;
  return (
    `${label}: ${result.total} requests (${result.perSecond}/s), ${result.non2xx} non-2xx, ${result.errors} errors; ` +
    `latency p50 ${p(50)}, p90 ${p(90)}, p95 ${p(95)}, p99 ${p(99)}, max ${result.latencies.at(-1)?.toFixed(0)} ms`
  );
}

const db = await createTestDatabase();
await seedDemoData(db.url);
const workers = process.argv.includes("--workers") ? Number(process.argv[process.argv.indexOf("--workers") + 1]) : undefined;
const profileDir = process.argv.includes("--profile") ? process.argv[process.argv.indexOf("--profile") + 1] : undefined;
const portal = await startPortal(db.url, PORT, workers, profileDir);
const base = portal.base;
try {
  const buyer = await logIn(base, "koeber.stat@demo.example.dk");
  const analyst = await logIn(base, "analytiker@demo.example.dk");
  const ministry = new URL((await fetch(`${base}/compliance`, { headers: { cookie: analyst }, redirect: "manual" })).headers.get("location") ?? "/compliance", base).pathname;
  const mix: { path: string; cookie: string }[] = [
    { path: "/aftaler", cookie: buyer },
    { path: "/aftaler?q=kontorm%C3%B8bel", cookie: buyer },
    { path: "/api/kaskade?category=1920&amount=25000&date=2026-11-22", cookie: buyer },
    { path: "/indkoebsbehov/ny?category=1920&amount=25000&date=2026-11-22", cookie: buyer },
    { path: ministry, cookie: analyst },
  ];
  for (let round = 0; round < 4; round++) for (const { path, cookie } of mix) await (await fetch(`${base}${path}`, { headers: { cookie } })).arrayBuffer(); // warm-up
  const requests: autocannon.Request[] = mix.map(({ path, cookie }) => ({ method: "GET", path, headers: { cookie } }));
  console.log(`portal: ${portal.workers} process(es)`);
  if (process.argv.includes("--per-page")) {
    for (const request of [...requests, { method: "GET", path: "/tilgaengelighedserklaering", headers: { cookie: buyer } } as autocannon.Request]) {
      const cpuBefore = portal.cpuMs();
      const result = await run(base, [request], 10, false);
      const cpuPerRequest = (portal.cpuMs() - cpuBefore) / result.total;
      console.log(`${describe(`saturation ${request.path}, 10 s`, result)}; portal CPU ${cpuPerRequest.toFixed(1)} ms per request`);
    }
  }
  console.log(describe(`${USERS} users, a request a second each, 60 s, mixed catalogue/cascade/dashboard (target: no errors, p95 < 300 ms)`, await run(base, requests, 60, true)));
  console.log(describe(`saturation: ${USERS} connections without pause, 30 s`, await run(base, requests, 30, false)));
  if (process.argv.includes("--restart")) {
    const faulty = run(base, requests, 30, true);
    const restarted = new Promise<void>((resolve, reject) => setTimeout(() => restartPostgres().then(resolve, reject), 10_000));
    const [result] = await Promise.all([faulty, restarted]);
    const health = await fetch(`${base}/api/health`);
    console.log(`${describe("the users' load with a PostgreSQL restart after 10 s", result)}; afterwards /api/health answers ${health.status} without restarting the portal`);
  }
} finally {
  await portal.stop();
  await db.drop().catch(() => undefined);
}
