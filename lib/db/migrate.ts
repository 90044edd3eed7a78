import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { Logger, runMigrations } from "graphile-worker";
import { grantJobQueue, grantServingRole, handOverToOwner, JOB_QUEUE_SCHEMA } from "@/lib/db/roles";

/**
 * Applies prisma/migrations/<name>/migration.sql in name order, recording each in Prisma's
 * `_prisma_migrations` table exactly as `prisma migrate deploy` does (same table, sha256 checksum
 * of the file), so a connected machine's Prisma sees them as applied. Each migration runs in its
 * own transaction: a failing one leaves no trace. See docs/decisions/0001-sql-migrations.md.
 */
export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

const BOOKKEEPING_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Any fixed number: serialises concurrent migration runs against the same database.
const MIGRATION_LOCK_KEY = 72707369;

// graphile-worker logs every migration at "info"; only warnings and errors matter here.
const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.warn(`job queue: ${message}`);
});

export type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export type MigrateOptions = {
  dir?: string;
  /**
   * The role that owns what the migrations create, when the connection is an administrator's
   * (lib/db/setup.ts): existing objects are handed to it first, then the migrations run as it.
   */
  ownerRole?: string;
  /** The role the portal serves as: given its privileges once the migrations are in (lib/db/roles.ts). */
  servingRole?: string;
  /**
   * Also install or upgrade the job queue's schema (graphile_worker), as the owner: PostgreSQL only,
   * the embedded database runs the jobs without the library (docs/decisions/0017-job-queue.md).
   */
  jobQueue?: boolean;
};

/**
 * Runs graphile-worker's own migrations on a connection of their own (the library takes a pool),
 * as the owner role when one is given: `-c role=...` makes every statement run as `SET ROLE` would.
 */
async function migrateJobQueue(connectionString: string, ownerRole: string | undefined): Promise<void> {
  const pool = new pg.Pool({ connectionString, max: 1, ...(ownerRole ? { options: `-c role=${ownerRole}` } : {}) });
  try {
    await runMigrations({ pgPool: pool, schema: JOB_QUEUE_SCHEMA, logger: quietLogger });
  } finally {
    await pool.end();
  }
}

export async function migrate(connectionString: string, options: MigrateOptions = {}): Promise<string[]> {
  const { dir = MIGRATIONS_DIR, ownerRole, servingRole, jobQueue = false } = options;
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    if (ownerRole) {
      await handOverToOwner(client, ownerRole);
      await client.query(`SET ROLE ${client.escapeIdentifier(ownerRole)}`);
    }
    await client.query(BOOKKEEPING_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const newlyApplied: string[] = [];
    for (const migration of readMigrations(dir)) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`);
        }
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      newlyApplied.push(migration.name);
    }
    if (jobQueue) await migrateJobQueue(connectionString, ownerRole);
    if (servingRole) {
      await grantServingRole(client, servingRole);
      if (jobQueue) await grantJobQueue(client, JOB_QUEUE_SCHEMA, servingRole);
    }
    return newlyApplied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
