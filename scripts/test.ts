// npm test: every tier, in order: unit, integration against PostgreSQL, the smaller run against the
// embedded database, then the browser tests against a production build.
// PostgreSQL: TEST_ADMIN_DATABASE_URL, else DATABASE_URL, else the local server on 127.0.0.1:5432.
// Without a reachable server the PostgreSQL tiers are skipped with a warning, except under CI.
import { spawnSync } from "node:child_process";
import pg from "pg";
import { adminDatabaseUrl } from "@/tests/support/database";

function step(title: string, command: string, args: string[], env: Record<string, string> = {}): void {
  console.log(`\n=== ${title}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const only = process.argv[2];
const havePostgres = await postgresReachable();
if (!havePostgres) {
  const message = `PostgreSQL is not reachable at ${new URL(adminDatabaseUrl).host}`;
  if (process.env.CI) {
    console.error(`${message}: CI must run the PostgreSQL tiers.`);
    process.exit(1);
  }
  console.warn(`WARNING: ${message}; the PostgreSQL integration tests are SKIPPED and the browser tests use the embedded database.`);
}

if (!only || only === "unit") step("Unit tests", "npx", ["vitest", "run", "--project", "unit"]);
if ((!only || only === "integration") && havePostgres) {
  step("Integration tests (PostgreSQL)", "npx", ["vitest", "run", "--project", "integration"]);
}
if (!only || only === "embedded") step("Integration tests (embedded PGlite)", "npx", ["vitest", "run", "--project", "embedded"]);
if (!only || only === "e2e") {
  if (!process.env.SKIP_BUILD) step("Production build", "npx", ["next", "build"]);
  step("Browser tests (Chromium)", "npx", ["playwright", "test"], { E2E_POSTGRES: havePostgres ? "1" : "" });
}
console.log("\nAll test tiers passed.");
