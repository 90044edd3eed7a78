import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Builds a Prisma client on the pg driver adapter. The app uses the one instance in
 * lib/db/client.ts; scripts and tests make their own for the database they work on.
 * The embedded database (PGlite behind a socket) serves one connection at a time, hence `max`.
 */
export function createPrismaClient(connectionString: string, max = 10): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max }) });
}

export type { PrismaClient };
