import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { getToken } from "next-auth/jwt";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { sessionExpiresAt } from "@/lib/auth/session-revocation";
import type { CurrentUser } from "@/lib/auth/types";

type SessionUserRow = CurrentUser & { active: boolean; sessionVersion: number; revoked: boolean; unreadMessages: number };

/**
 * The session's user, read from the database once per request (via cache), with the count of unread
 * messages the header shows in the same query: every page needs both, and one round trip less
 * counts on every request. A deactivated user, a session older than the user's session version, a
 * session logged out (revoked) or begun more than SESSION_MAX_AGE_HOURS ago counts as logged out.
 *
 * The session cookie is only decrypted (next-auth's getToken: its own cookie name and chunks, the
 * token's expiry checked). getServerSession would also encrypt a renewed token on every request, to
 * extend a session whose end is fixed at log-in anyway (authAt). In a profile of a plain page the
 * key derivations and ciphers fell from ~3 % to ~1.5 % of the CPU (issue 17).
 * The headers are left out so that, as with getServerSession, only the cookie can carry a session.
 */
const readSessionUser = cache(async (): Promise<{ user: CurrentUser; unreadMessages: number } | null> => {
  const cookieValues = Object.fromEntries((await cookies()).getAll().map(({ name, value }) => [name, value]));
  // getToken reads only `cookies` and `headers` of the request it is typed to take.
  const request = { cookies: cookieValues, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"];
  const session = await getToken({ req: request, secret: env.NEXTAUTH_SECRET });
  if (!session?.uid || !session.sid || typeof session.authAt !== "number" || sessionExpiresAt(session.authAt) <= new Date()) return null;
  const [row] = await prisma.$queryRaw<SessionUserRow[]>`
    SELECT u."id", u."name", u."email", u."role"::text AS "role", u."active", u."sessionVersion",
           u."institutionId", i."name" AS "institutionName", u."ministryId", m."name" AS "ministryName",
           u."supplierId", s."name" AS "supplierName",
           EXISTS (SELECT 1 FROM "RevokedSession" r WHERE r."sessionId" = ${session.sid}) AS "revoked",
           (SELECT count(*)::int FROM "OutboxMessage" o WHERE o."recipientUserId" = u."id" AND o."readAt" IS NULL) AS "unreadMessages"
      FROM "User" u
      LEFT JOIN "Institution" i ON i."id" = u."institutionId"
      LEFT JOIN "Ministry" m ON m."id" = u."ministryId"
      LEFT JOIN "Supplier" s ON s."id" = u."supplierId"
     WHERE u."id" = ${session.uid}`;
  if (!row || !row.active || row.revoked || row.sessionVersion !== session.sv) return null;
  const { id, name, email, role, institutionId, institutionName, ministryId, ministryName, supplierId, supplierName } = row;
  return {
    user: { id, name, email, role, institutionId, institutionName, ministryId, ministryName, supplierId, supplierName },
    unreadMessages: row.unreadMessages };
});

/** The logged-in user, or null. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  return (await readSessionUser())?.user ?? null;
}

/** The logged-in user's unread messages (0 when nobody is logged in). */
export async function getUnreadMessageCount(): Promise<number> {
  return (await readSessionUser())?.unreadMessages ?? 0;
}
