import { hkdfSync } from "node:crypto";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { createRoles, mayCreateRoles, OWNER_ROLE, SERVING_ROLE, servingRoleProblems } from "@/lib/db/roles";

/**
 * Migrates a PostgreSQL database and says which URL the portal serves with (npm start, db:migrate;
 * docs/decisions/0011-database-roles.md). Two ways:
 *
 * - `migrationUrl` (MIGRATION_DATABASE_URL) is the owner role's: the migrations run as it, and the
 *   role of `databaseUrl` (DATABASE_URL) gets the serving privileges. The operator made both roles.
 * - Only `databaseUrl`, an administrator's (superuser or CREATEROLE: development, CI, a first
 *   start): the roles sip_owner and sip_app are created or brought up to date, the migrations run
 *   as sip_owner, and the portal serves as sip_app on the same server and database. sip_app's
 *   password is derived from the administrator's, so every machine with that URL derives the same.
 *
 * Either way the serving role is checked before anything is served: one that could change the
 * audit log is refused.
 */
export type PreparedDatabase = { servingUrl: string; applied: string[] };

export async function prepareDatabase(databaseUrl: string, migrationUrl?: string): Promise<PreparedDatabase> {
  if (migrationUrl) {
    const applied = await migrate(migrationUrl, { servingRole: decodeURIComponent(new URL(databaseUrl).username), jobQueue: true });
    await assertServingRole(databaseUrl);
    return { servingUrl: databaseUrl, applied };
  }
  const password = servingPassword(databaseUrl);
  await withClient(databaseUrl, async (client) => {
    if (!(await mayCreateRoles(client))) {
      throw new Error(
        "DATABASE_URL's role may not create roles. Either give an administrator's URL (superuser or CREATEROLE), " +
          "from which the portal sets up sip_owner and sip_app, or set MIGRATION_DATABASE_URL to the owner role's URL " +
          'and DATABASE_URL to the serving role\'s (README, "Using a real PostgreSQL").',
      );
    }
    await retryRace(() => createRoles(client, password));
  });
  const applied = await migrate(databaseUrl, { ownerRole: OWNER_ROLE, servingRole: SERVING_ROLE, jobQueue: true });
  const url = new URL(databaseUrl);
  url.username = SERVING_ROLE;
  url.password = password ?? "";
  const servingUrl = url.toString();
  await assertServingRole(servingUrl);
  return { servingUrl, applied };
}

/** sip_app's password: derived from the administrator's (none when the URL carries none). */
function servingPassword(adminUrl: string): string | null {
  const adminPassword = decodeURIComponent(new URL(adminUrl).password);
  if (!adminPassword) return null;
  return Buffer.from(hkdfSync("sha256", adminPassword, "", `${SERVING_ROLE} password`, 32)).toString("base64url");
}

async function assertServingRole(servingUrl: string): Promise<void> {
  const problems = await withClient(servingUrl, servingRoleProblems);
  if (problems.length > 0) {
    throw new Error(
      `The portal would serve with a role that can change or remove the audit log: ${problems.join("; ")}. ` +
        'DATABASE_URL must be a role that owns nothing (README, "Using a real PostgreSQL").',
    );
  }
}

async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Roles belong to the whole server, so two databases set up at once (test files, two checkouts'
 * browser tests) may both create or alter them: PostgreSQL then reports a duplicate or a
 * concurrent update, and the second attempt finds the work done.
 */
async function retryRace(work: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      const race = code === "23505" || code === "42710" || (code === "XX000" && /concurrently/.test(message ?? ""));
      if (!race || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
