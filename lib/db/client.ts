import "server-only";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import type pg from "pg";
import { createDatabase, type PrismaClient } from "@/lib/db/create-client";

// One client per server process, created at first use (never at import: `next build` imports
// every route without a database); kept on globalThis so dev-mode reloads reuse its pool.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; pool?: pg.Pool };

function client(): PrismaClient {
  if (!globalForPrisma.prisma) {
    if (!env.DATABASE_URL) {
      throw new Error("DATABASE_URL is not set: start the portal with `npm start`, which provides the database.");
    }
    const { prisma, pool } = createDatabase(env.DATABASE_URL, env.DATABASE_POOL_MAX);
    globalForPrisma.prisma = prisma;
    globalForPrisma.pool = pool;
  }
  return globalForPrisma.prisma;
}

/** The pg pool under the Prisma client, for libraries that speak to `pg` directly. */
export function databasePool(): pg.Pool {
  client();
  return globalForPrisma.pool!;
}

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const instance = client();
    const value: unknown = Reflect.get(instance, property, instance);
    return typeof value === "function" ? value.bind(instance) : value;
  },
});

/** A Prisma client or the transaction client of `prisma.$transaction`. */
export type Db = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * Runs `work` in the caller's transaction when one is given, else in a transaction of its own: how
 * every function that writes takes an optional transaction client.
 */
export async function inTransaction<T>(db: Db | undefined, work: (tx: Db) => Promise<T>, options: { timeout?: number } = {}): Promise<T> {
  return db ? work(db) : client().$transaction((tx) => work(tx), options);
}

/** A write refused by a unique constraint (Prisma P2002): a concurrent duplicate. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
