import "server-only";
import { prisma } from "@/lib/db/client";
import type { Db } from "@/lib/db/client";

/**
 * Burst limits: a fixed window of `windowSeconds` per key, counted in PostgreSQL (one upsert a hit),
 * so that the limit holds however many portal processes or machines serve the key's requests. The
 * durable log-in lock-out after failed passwords is a separate rule (lib/auth/login-rate-limit.ts).
 */
export type RateLimitVerdict = { allowed: boolean; retryAfterSeconds: number };

export async function hitRateLimit(key: string, limit: number, windowSeconds: number, db: Db = prisma): Promise<RateLimitVerdict> {
  const [row] = await db.$queryRaw<{ count: number; retryAfterSeconds: number; opened: boolean }[]>`
    INSERT INTO "RateLimitWindow" AS w ("key", "windowStart", "count")
    VALUES (${key}, clock_timestamp(), 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN w."windowStart" > clock_timestamp() - make_interval(secs => ${windowSeconds}) THEN w."count" + 1 ELSE 1 END,
      "windowStart" = CASE WHEN w."windowStart" > clock_timestamp() - make_interval(secs => ${windowSeconds}) THEN w."windowStart" ELSE clock_timestamp() END
    RETURNING "count",
              greatest(1, ceil(extract(epoch FROM "windowStart" + make_interval(secs => ${windowSeconds}) - clock_timestamp())))::int AS "retryAfterSeconds",
              "count" = 1 AS "opened"`;
  if (!row) throw new Error("rate limit upsert returned no row");
  // A key's first hit in a new window also clears windows long past, so the table holds only the
  // keys active in the last hour.
  if (row.opened) await db.$executeRaw`DELETE FROM "RateLimitWindow" WHERE "windowStart" < clock_timestamp() - interval '1 hour'`;
  return { allowed: row.count <= limit, retryAfterSeconds: row.retryAfterSeconds };
}
