import "server-only";
import type pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { databasePool } from "@/lib/db/client";

/**
 * Rate limits: a fixed window of `windowSeconds` per key, counted by rate-limiter-flexible's
 * RateLimiterPostgres in the table "RateLimit" (one upsert a hit), so that a limit holds however
 * many portal processes or machines serve the key's requests. When the database does not answer,
 * each process counts in memory instead (the library's insurance limiter), so a limit still holds
 * per process. docs/decisions/0010-rate-limits.md says why this library. The durable log-in
 * lock-out after failed passwords is a separate rule (lib/auth/login-rate-limit.ts).
 */
export type RateLimitVerdict = { allowed: boolean; retryAfterSeconds: number };

const TABLE = "RateLimit";
const limiters = new WeakMap<pg.Pool, Map<string, RateLimiterPostgres>>();

/** One limiter per pool and (limit, window): the library keeps the points and duration per instance. */
function limiter(limit: number, windowSeconds: number, pool: pg.Pool): RateLimiterPostgres {
  let byShape = limiters.get(pool);
  if (!byShape) limiters.set(pool, (byShape = new Map()));
  const shape = `${limit}/${windowSeconds}`;
  let found = byShape.get(shape);
  if (!found) {
    found = new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: TABLE,
      tableCreated: true, // made by migration 20261204110000_rate_limits
      keyPrefix: "",
      points: limit,
      duration: windowSeconds,
      insuranceLimiter: new RateLimiterMemory({ points: limit, duration: windowSeconds }),
    });
    byShape.set(shape, found);
  }
  return found;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Counts a hit on `key` and says whether it is within `limit` hits per window. */
export async function hitRateLimit(key: string, limit: number, windowSeconds: number, pool: pg.Pool = databasePool()): Promise<RateLimitVerdict> {
  try {
    const result = await limiter(limit, windowSeconds, pool).consume(key);
    return { allowed: true, retryAfterSeconds: seconds(result.msBeforeNext) };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: seconds(rejection.msBeforeNext) };
    throw rejection;
  }
}

/** Whether `key` has used up its window's `limit` already, without counting a hit. */
export async function peekRateLimit(key: string, limit: number, windowSeconds: number, pool: pg.Pool = databasePool()): Promise<RateLimitVerdict> {
  const state = await limiter(limit, windowSeconds, pool).get(key);
  if (!state) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: state.consumedPoints < limit, retryAfterSeconds: seconds(state.msBeforeNext) };
}
