import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import { inTransaction } from "@/lib/db/client";
import { audit } from "@/lib/audit";

/**
 * Each log-in gets a session id that stays in the token for the token's life (next-auth issues a
 * fresh token, with a fresh `jti`, on every session refresh, so the `jti` cannot name a session).
 * Log-out puts the id in RevokedSession, and lib/auth/current-user.ts refuses a token whose id is
 * there: a copy of the cookie stops working while the user's other sessions (another PC) go on.
 * A session also ends SESSION_MAX_AGE_HOURS after its log-in, however often it is refreshed, so a
 * revoked id can be dropped from then on.
 */
export type SessionClaims = { sid: string; authAt: number };

const sessionMaxAgeSeconds = () => Math.round(env.SESSION_MAX_AGE_HOURS * 3600);

export function newSessionClaims(now = new Date()): SessionClaims {
  return { sid: randomUUID(), authAt: Math.floor(now.getTime() / 1000) };
}

/** When a session that began at `authAt` (seconds) ends at the latest. */
export function sessionExpiresAt(authAt: number): Date {
  return new Date((authAt + sessionMaxAgeSeconds()) * 1000);
}

/** Ends the session for good, and audits the log-out. */
export async function revokeSession(userId: number, claims: SessionClaims, now = new Date()): Promise<void> {
  await inTransaction(undefined, async (tx) => {
    await tx.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
    await tx.revokedSession.upsert({
      where: { sessionId: claims.sid },
      create: { sessionId: claims.sid, expiresAt: sessionExpiresAt(claims.authAt) },
      update: {},
    });
    await audit(tx, { actorId: userId, action: "logout", entity: "User", entityId: userId });
  });
}
