import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";

/**
 * Integration tests run against a real PostgreSQL: TEST_ADMIN_DATABASE_URL, else DATABASE_URL,
 * else the local server. Each test file gets its own freshly created, migrated database.
 */
export const adminDatabaseUrl =
  process.env.TEST_ADMIN_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/**
 * The browser tests' database, made afresh by scripts/e2e-server.ts when E2E_POSTGRES=1. E2E_DATABASE
 * (with E2E_PORT) lets two checkouts run their browser tests on one machine at once.
 */
export const E2E_DATABASE = process.env.E2E_DATABASE ?? "sip_e2e";

export function databaseUrlFor(name: string): string {
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export type TestDatabase = { name: string; url: string; drop: () => Promise<void> };

/**
 * `template`: a copy of that database (CREATE DATABASE … TEMPLATE; nobody may be connected to it),
 * already migrated.
 */
export async function createTestDatabase(options: { migrated?: boolean; jobQueue?: boolean; template?: string } = {}): Promise<TestDatabase> {
  const name = `sip_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"${options.template ? ` TEMPLATE "${options.template}"` : ""}`));
  const url = databaseUrlFor(name);
  if (options.migrated !== false && !options.template) await migrate(url, { jobQueue: options.jobQueue });
  return {
    name,
    url,
    drop: () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
