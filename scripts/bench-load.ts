// Load and fault benchmark (issue 8): 50 concurrent users mixing the catalogue, the cascade (page and
// API) and the compliance dashboard for 60 s against the built portal on PostgreSQL, served as
// `npm start` serves it (scripts/start.ts: one Next.js process per core; --workers N for another
// count); then the same load while the database server is restarted, to see requests fail cleanly
// and recover without restarting the portal. Loopback only.
// Usage: npm run build && npx tsx scripts/bench-load.ts [--quick] [--restart] [--workers N] [--per-page] [--profile DIR]
// (--restart needs pg_ctlcluster, i.e. the machine's own PostgreSQL; it restarts that server.)
// --quick: 20 s of users and 10 s per saturation run instead of 60 s and 30 s.
// Before the measured runs the mix (and the trivial page) runs 15 s (--quick 10 s) at saturation, unmeasured:
// the first seconds after a start are V8 compiling the server's code, not the steady state served.
// --per-page: each page of the mix alone at saturation for 10 s, with the portal processes' CPU per
//   request (docs/operations.md, "Capacity"). --profile DIR: one portal process under V8's profiler.
//
// Two runs of 50 connections, each printing exact percentiles of every response's latency:
//   - "users": each of 50 users asks for a page a second (autocannon's connectionRate), far quicker
//     than a person reads one, the users not in step with each other: the target's scenario;
//   - "saturation": the same 50 connections asking again the moment an answer arrives, which
//     measures the capacity of the machine rather than users' experience;
//   - the reference: a trivial page (the accessibility statement: the layout with the user's session
//     around static text) at saturation from the same processes in the same run, the framework's own
//     floor here; the mixed load's throughput is printed as a ratio to it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { readdirSync } from "node:fs";
import autocannon from "autocannon";
import { seedDemoData } from "@/lib/seed/seed";
import { adminDatabaseUrl } from "@/tests/support/database";
import { benchDatabase, databaseCpuMs, logIn, percentile, reportResult, startPortal } from "./bench-support";

const PORT = 3800;
const USERS = 50;
const quick = process.argv.includes("--quick");
const USERS_SECONDS = quick ? 20 : 60;
const SATURATION_SECONDS = quick ? 10 : 30;
const WARM_UP_SECONDS = quick ? 10 : 15;

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

const db = await benchDatabase("load", (url) => seedDemoData(url).then(() => undefined));
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
  const requests: autocannon.Request[] = mix.map(({ path, cookie }) => ({ method: "GET", path, headers: { cookie } }));
  await run(base, [...requests, { method: "GET", path: "/tilgaengelighedserklaering", headers: { cookie: buyer } }], WARM_UP_SECONDS, false);
  console.log(`portal: ${portal.workers} process(es), warmed up by ${WARM_UP_SECONDS} s of the mix at saturation (not measured)`);
  if (process.argv.includes("--per-page")) {
    for (const request of [...requests, { method: "GET", path: "/tilgaengelighedserklaering", headers: { cookie: buyer } } as autocannon.Request]) {
      const [cpuBefore, databaseBefore] = [portal.cpuMs(), await databaseCpuMs(adminDatabaseUrl, db.name)];
      const result = await run(base, [request], 10, false);
      const perRequest = (ms: number) => `${(ms / result.total).toFixed(1)} ms`;
      const databaseCpu = (await databaseCpuMs(adminDatabaseUrl, db.name)) - databaseBefore;
      console.log(`${describe(`saturation ${request.path}, 10 s`, result)}; CPU per request: portal ${perRequest(portal.cpuMs() - cpuBefore)}, PostgreSQL ${perRequest(databaseCpu)}`);
    }
  }
  const users = await run(base, requests, USERS_SECONDS, true);
  console.log(describe(`${USERS} users, a request a second each, ${USERS_SECONDS} s, mixed catalogue/cascade/dashboard (target: no errors, p95 < 300 ms, p99 < 600 ms)`, users));
  const saturation = await run(base, requests, SATURATION_SECONDS, false);
  console.log(describe(`saturation: ${USERS} connections without pause, ${SATURATION_SECONDS} s`, saturation));
  const trivialRequest: autocannon.Request = { method: "GET", path: "/tilgaengelighedserklaering", headers: { cookie: buyer } };
  const trivial = await run(base, [trivialRequest], SATURATION_SECONDS, false);
  console.log(describe(`reference: a trivial page (${trivialRequest.path}) at saturation, ${SATURATION_SECONDS} s`, trivial));
  const ratio = saturation.perSecond / trivial.perSecond;
  console.log(`the mixed load's throughput is ${ratio.toFixed(2)} of the trivial page's`);

  const workload = `50 users, a request a second each, mixed catalogue/cascade/dashboard, ${USERS_SECONDS} s (${portal.workers} processes)`;
  const failed = users.errors + users.non2xx;
  reportResult({ workload, figure: "errors and non-2xx", value: failed, unit: "", target: "0", met: failed === 0 });
  reportResult({ workload, figure: "p95", value: percentile(users.latencies, 95), unit: "ms", target: "< 300 ms", met: percentile(users.latencies, 95) < 300 });
  reportResult({ workload, figure: "p99", value: percentile(users.latencies, 99), unit: "ms", target: "< 600 ms", met: percentile(users.latencies, 99) < 600 });
  reportResult({
    workload: `saturation: 50 connections without pause, the same mix, ${SATURATION_SECONDS} s`,
    figure: "throughput",
    value: saturation.perSecond,
    unit: "requests/s",
    target: "≥ 100 requests/s (2 × the users' load)",
    met: saturation.perSecond >= 2 * USERS && saturation.errors + saturation.non2xx === 0,
    reference: { label: "a trivial page at saturation, same processes", value: trivial.perSecond, unit: "requests/s" },
    ratio,
  });
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
