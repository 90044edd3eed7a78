import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Builds a Prisma client on the pg driver adapter. The app uses the one instance in
 * lib/db/client.ts; scripts and tests make their own for the database they work on.
 * The embedded database (PGlite behind a socket) serves one connection at a time, hence `max`.
 */
export function createPrismaClient(connectionString: string, max = 10): PrismaClient {
  return createDatabase(connectionString, max).prisma;
}

/**
 * The Prisma client with its pg pool, for code that needs the pool itself (rate-limiter-flexible
 * speaks to `pg` directly): one pool, so the embedded database's single connection is shared.
 * `$disconnect` ends the pool.
 */
export function createDatabase(connectionString: string, max = 10): { prisma: PrismaClient; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString, max });
  // An idle connection the server closed (a restart) must not crash the process: the pool drops it.
  pool.on("error", (error) => console.error("Idle database connection lost:", error.message));
  return { prisma: new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }), pool };
}

export type { PrismaClient };
