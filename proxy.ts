import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";
import { requestClientAddress } from "@/lib/security/client-address";
import { hitRateLimit, type RateLimitVerdict } from "@/lib/security/rate-limit";

/**
 * Runs before server actions and log-in posts: a burst limit on them (429). Oversized action bodies
 * never get here: the portal's server (scripts/portal-server.ts, lib/security/action-body.ts)
 * answers them with 413. It authorizes nothing: every page, action and route handler checks access
 * itself through lib/auth/guard.ts, so a request that slips past this file (the framework has had
 * such holes) still meets the guard.
 */
const ACTIONS_PER_MINUTE = 60;
const LOGINS_PER_MINUTE = 50;

/**
 * Who a burst is counted for: the logged-in user for server actions when the session token is
 * genuine (a made-up cookie would otherwise open a fresh count on every request), else the client
 * address as the portal's server worked it out (lib/security/client-address.ts: X-Forwarded-For
 * only from TRUSTED_PROXIES). Log-in posts always count by address.
 */
async function clientKey(request: NextRequest, byUser: boolean): Promise<string> {
  if (byUser) {
    const token = await getToken({ req: request, secret: env.NEXTAUTH_SECRET }).catch(() => null);
    if (typeof token?.uid === "number") return `user:${token.uid}`;
  }
  return `ip:${requestClientAddress(request.headers)}`;
}

function tooMany(retryAfterSeconds: number): NextResponse {
  return NextResponse.json(
    { error: "For mange forespørgsler. Vent lidt, og prøv igen." },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}

/**
 * The shared count for the key (lib/security/rate-limit.ts; without the database each process counts
 * in memory). Should the limiter fail even so, the request goes on: the action or log-in it carries
 * needs the database too and fails there with its own clean message.
 */
async function burstVerdict(key: string, perMinute: number): Promise<RateLimitVerdict | null> {
  try {
    return await hitRateLimit(key, perMinute, 60);
  } catch (error) {
    console.error("burst limit not checked:", error);
    return null;
  }
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (request.method === "POST") {
    const limit = request.headers.has("next-action")
      ? { scope: "action", perMinute: ACTIONS_PER_MINUTE }
      : request.nextUrl.pathname === "/api/auth/callback/credentials"
        ? { scope: "login", perMinute: LOGINS_PER_MINUTE }
        : null;
    const verdict = limit ? await burstVerdict(`${limit.scope}:${await clientKey(request, limit.scope === "action")}`, limit.perMinute) : null;
    if (verdict && !verdict.allowed) return tooMany(verdict.retryAfterSeconds);
  }
  return NextResponse.next();
}

// Only the requests a burst limit applies to: server actions (their header) and log-in posts. Every
// other page skips the framework's proxy, which cost about 6 % of a page's CPU; the security headers
// are set by the portal's server for every request (lib/security/headers.ts, secureRequest).
export const config = {
  matcher: [{ source: "/:path*", has: [{ type: "header", key: "next-action" }] }, { source: "/api/auth/callback/credentials" }],
};
