// Load and fault benchmark (issue 8): 50 concurrent users mixing the catalogue, the cascade and the
// compliance dashboard for 60 s against `next start` on PostgreSQL; then the same load while the
// database server is restarted, to see requests fail cleanly and recover without restarting the
// portal. Loopback only. Usage: npm run build && npx tsx scripts/bench-load.ts [--restart]
// (--restart needs pg_ctlcluster, i.e. the machine's own PostgreSQL; it restarts that server.)
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import autocannon from "autocannon";
import { DEMO_PASSWORD } from "@/lib/seed/demo-data";
import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase } from "@/tests/support/database";

const PORT = 3800;
const BASE = `http://127.0.0.1:${PORT}`;

async function logIn(email: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies, "x-forwarded-for": `10.0.0.${email.length}` },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true" }),
  });
  const session = response.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c!.startsWith("next-auth.session-token"));
  if (!session) throw new Error(`log-in of ${email} failed`);
  return session;
}

function restartPostgres(): void {
  const version = readdirSync("/etc/postgresql")[0]!;
  execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "restart"], { stdio: "ignore" });
}

if (!existsSync(".next/BUILD_ID")) throw new Error("Run `npm run build` first.");
const db = await createTestDatabase();
await seedDemoData(db.url);
const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT)], {
  env: { ...process.env, DATABASE_URL: db.url, NEXTAUTH_SECRET: "bench-secret", NEXTAUTH_URL: BASE, NEXT_TELEMETRY_DISABLED: "1" },
  stdio: "ignore",
});
try {
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${BASE}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const buyer = await logIn("koeber.stat@demo.example.dk");
  const analyst = await logIn("analytiker@demo.example.dk");
  const ministry = new URL((await fetch(`${BASE}/compliance`, { headers: { cookie: analyst }, redirect: "manual" })).headers.get("location") ?? "/compliance", BASE).pathname;
  const requests = [
    { method: "GET" as const, path: "/aftaler", headers: { cookie: buyer } },
    { method: "GET" as const, path: "/aftaler?q=kontorm%C3%B8bel", headers: { cookie: buyer } },
    { method: "GET" as const, path: "/api/kaskade?category=1920&amount=25000&date=2026-11-22", headers: { cookie: buyer } },
    { method: "GET" as const, path: "/indkoebsbehov/ny?category=1920&amount=25000&date=2026-11-22", headers: { cookie: buyer } },
    { method: "GET" as const, path: ministry, headers: { cookie: analyst } },
  ];
  for (const r of requests) await fetch(`${BASE}${r.path}`, { headers: r.headers }); // warm-up
  const run = (duration: number) => autocannon({ url: BASE, connections: 50, duration, requests });
  const steady = await run(60);
  console.log(
    `50 users, 60 s, mixed catalogue/cascade/dashboard: ${steady.requests.total} requests (${steady.requests.average}/s), ` +
      `${steady.non2xx} non-2xx, ${steady.errors} errors; latency p50 ${steady.latency.p50} ms, p90 ${steady.latency.p90} ms, ` +
      `p97.5 ${steady.latency.p97_5} ms, p99 ${steady.latency.p99} ms (target: no errors, p95 < 300 ms)`,
  );
  if (process.argv.includes("--restart")) {
    const faulty = run(30);
    setTimeout(restartPostgres, 10_000);
    const result = await faulty;
    const health = await fetch(`${BASE}/api/health`);
    console.log(
      `with a PostgreSQL restart after 10 s: ${result.requests.total} requests, ${result.non2xx} non-2xx, ${result.errors} errors; ` +
        `afterwards /api/health answers ${health.status} without restarting the portal`,
    );
  }
} finally {
  server.kill("SIGTERM");
  await db.drop().catch(() => undefined);
}
