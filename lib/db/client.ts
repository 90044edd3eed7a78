import "server-only";
import { env } from "@/lib/env";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";

// One client per server process; kept on globalThis so dev-mode reloads do not open new pools.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function makeClient(): PrismaClient {
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: start the portal with `npm start`, which provides the database.");
  }
  return createPrismaClient(env.DATABASE_URL, env.DATABASE_POOL_MAX);
}

export const prisma: PrismaClient = globalForPrisma.prisma ?? makeClient();
globalForPrisma.prisma = prisma;

/** A Prisma client or the transaction client of `prisma.$transaction`. */
export type Db = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
