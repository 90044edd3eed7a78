import "server-only";
import { env } from "@/lib/env";
import { hitRateLimit, peekRateLimit } from "@/lib/security/rate-limit";
import { acquireWorkLease, releaseWhenSent, releaseWorkLease } from "@/lib/security/work-lease";

/**
 * The limits of route handlers and upload actions (README, "Security and trust"), applied by
 * lib/auth/guard.ts so that no route can forget them:
 * - rate "api": API_REQUESTS_PER_MINUTE per API key or logged-in user;
 * - rate "files": FILES_PER_MINUTE downloads and uploads per user (per address when anonymous);
 * - heavy: at most HEAVY_REQUESTS_AT_ONCE exports and uploads running at once per user;
 * - requests with an unknown or revoked API key: API_BAD_KEYS_PER_MINUTE per client address, after
 *   which every key from that address is refused until the window ends (so keys cannot be guessed).
 */
export type RouteLimit = { rate: "api" | "files"; heavy?: true };

const WINDOW_SECONDS = 60;
/** When a refused heavy request may try again: exports and uploads take seconds to a minute. */
const HEAVY_RETRY_SECONDS = 10;

export const TOO_MANY_REQUESTS = "For mange forespørgsler. Vent lidt, og prøv igen.";

export function heavyBusyMessage(): string {
  return `Du har allerede ${env.HEAVY_REQUESTS_AT_ONCE} eksporter eller indlæsninger i gang. Vent, til en af dem er færdig, og prøv igen.`;
}

export function tooManyResponse(retryAfterSeconds: number, message = TOO_MANY_REQUESTS): Response {
  return Response.json(
    { error: message, message },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" } },
  );
}

const perMinute = { api: () => env.API_REQUESTS_PER_MINUTE, files: () => env.FILES_PER_MINUTE };

/**
 * Runs `run` for `who` ("user:3", "apikey:7", "ip:10.0.0.1") within the limit: 429 with Retry-After
 * when the rate is spent or (heavy) the holder's slots are taken; a heavy request's slot is freed
 * when its response has been sent.
 */
export async function runLimited(limit: RouteLimit, who: string, run: () => Promise<Response>): Promise<Response> {
  const verdict = await hitRateLimit(`${limit.rate}:${who}`, perMinute[limit.rate](), WINDOW_SECONDS);
  if (!verdict.allowed) return tooManyResponse(verdict.retryAfterSeconds);
  if (!limit.heavy) return run();
  const lease = await acquireWorkLease(who, env.HEAVY_REQUESTS_AT_ONCE);
  if (!lease) return tooManyResponse(HEAVY_RETRY_SECONDS, heavyBusyMessage());
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    await releaseWorkLease(lease);
    throw error;
  }
  return releaseWhenSent(response, () => releaseWorkLease(lease));
}

/** For a server action's upload: `run` holds one of the user's heavy slots, or the Danish refusal is returned. */
export async function withWorkLease<Result>(who: string, busy: (message: string) => Result, run: () => Promise<Result>): Promise<Result> {
  const lease = await acquireWorkLease(who, env.HEAVY_REQUESTS_AT_ONCE);
  if (!lease) return busy(heavyBusyMessage());
  try {
    return await run();
  } finally {
    await releaseWorkLease(lease);
  }
}

const badKeyKey = (address: string) => `apikey-bad:ip:${address}`;

/** The seconds to wait when `address` has spent its budget of unknown keys, else null. */
export async function badKeysRefused(address: string): Promise<number | null> {
  const verdict = await peekRateLimit(badKeyKey(address), env.API_BAD_KEYS_PER_MINUTE, WINDOW_SECONDS);
  return verdict.allowed ? null : verdict.retryAfterSeconds;
}

export async function countBadKey(address: string): Promise<void> {
  await hitRateLimit(badKeyKey(address), env.API_BAD_KEYS_PER_MINUTE, WINDOW_SECONDS);
}
