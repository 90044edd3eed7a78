import "server-only";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/db/create-client";
import { prisma } from "@/lib/db/client";

/**
 * Leases on heavy work (exports, uploads), so that one user (an API key, a client address) runs at
 * most `max` at a time however many portal processes serve them: a row per running request in
 * "WorkLease", taken under a transaction-scoped advisory lock on the holder (two processes cannot
 * both see a free slot), and deleted when the request ends. A lease whose process died ends by
 * itself at its expiry, so a crash never holds a slot for good.
 */
export const LEASE_MINUTES = 15;

/** Takes a slot for `holder`, or returns null when `max` of its leases are running. */
export async function acquireWorkLease(holder: string, max: number, db: PrismaClient = prisma): Promise<string | null> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('WorkLease'), hashtext(${holder}))`;
    await tx.$executeRaw`DELETE FROM "WorkLease" WHERE "expiresAt" <= (clock_timestamp() AT TIME ZONE 'UTC')`;
    const [running] = await tx.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM "WorkLease" WHERE "holder" = ${holder}`;
    if ((running?.count ?? 0) >= max) return null;
    const id = randomUUID();
    await tx.$executeRaw`
      INSERT INTO "WorkLease" ("id", "holder", "expiresAt")
      VALUES (${id}, ${holder}, (clock_timestamp() AT TIME ZONE 'UTC') + make_interval(mins => ${LEASE_MINUTES}))`;
    return id;
  });
}

export async function releaseWorkLease(id: string, db: PrismaClient = prisma): Promise<void> {
  await db.$executeRaw`DELETE FROM "WorkLease" WHERE "id" = ${id}`;
}

/**
 * The response with the lease released when its body has been sent, failed or been cancelled (an
 * export streams long after the handler returned). A response without a body releases at once. The
 * release is awaited before the body's end reaches the client: a client that asks again the moment
 * a download ends must find its slot free (fired and forgotten, the delete lost that race now and
 * then, and a quick third request got 429).
 */
export async function releaseWhenSent(response: Response, release: () => Promise<void>): Promise<Response> {
  let released: Promise<void> | undefined;
  const releaseOnce = () =>
    (released ??= release().catch((error: unknown) => console.error("Work lease not released (it expires by itself):", error)));
  if (!response.body) {
    await releaseOnce();
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await reader.read();
          if (done) {
            await releaseOnce();
            controller.close();
          } else controller.enqueue(value);
        } catch (error) {
          await releaseOnce();
          controller.error(error);
        }
      },
      async cancel(reason) {
        try {
          await reader.cancel(reason);
        } finally {
          await releaseOnce();
        }
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
