import "server-only";
import type { NextAuthOptions } from "next-auth";
import { headers } from "next/headers";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { credentialsLoginEnabled, env, oidcEnabled } from "@/lib/env";
import { prisma } from "@/lib/db/client";
import { audit } from "@/lib/audit";
import { formatDateTime } from "@/lib/format";
import { sameOriginPath } from "@/lib/auth/redirect-target";
import { loginKeys, loginRefusedUntil, recordLoginAttempt } from "@/lib/auth/login-rate-limit";
import { passwordMatches } from "@/lib/auth/password";
import { newSessionClaims, revokeSession } from "@/lib/auth/session-revocation";
import { requestClientAddress } from "@/lib/security/client-address";

/**
 * next-auth v4, kept behind lib/auth so it can be replaced. The session token carries only the
 * user id, the user's session version and the session's own id and log-in time (log-out revokes
 * that id: lib/auth/session-revocation.ts); role, institution and ministry are read from the
 * database on every request (lib/auth/current-user.ts), so a demotion takes effect at once.
 */
const credentialsSchema = z.object({ email: z.email(), password: z.string().min(1).max(200) });

// Messages shown on the log-in page (next-auth passes the thrown message through as `error`).
export const LOGIN_FAILED = "Forkert e-mail eller adgangskode.";

const providers: NextAuthOptions["providers"] = [];

if (credentialsLoginEnabled) {
  providers.push(
    CredentialsProvider({
      id: "credentials",
      name: "Demo-log-ind",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Adgangskode", type: "password" } },
      async authorize(credentials) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) throw new Error(LOGIN_FAILED);
        const keys = loginKeys(parsed.data.email, requestClientAddress(await headers()));
        const until = await loginRefusedUntil(keys);
        if (until) {
          throw new Error(`For mange mislykkede forsøg. Prøv igen efter ${formatDateTime(until)}.`);
        }
        // The same work whether the e-mail exists or not (one query, one bcrypt comparison, the same records).
        const user = await prisma.user.findUnique({ where: { email: parsed.data.email.toLowerCase() } });
        const ok = await passwordMatches(user, parsed.data.password);
        await recordLoginAttempt(keys, ok, user?.id ?? null);
        if (!ok || !user) throw new Error(LOGIN_FAILED);
        await audit(prisma, { actorId: user.id, action: "login", entity: "User", entityId: user.id });
        return { id: String(user.id), email: user.email, name: user.name };
      },
    }),
  );
}

if (oidcEnabled) {
  providers.push({
    id: "oidc",
    name: env.OIDC_NAME,
    type: "oauth",
    wellKnown: `${env.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile: { sub: string; email?: string; name?: string }) {
      return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null };
    },
  });
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  providers,
  session: { strategy: "jwt", maxAge: Math.round(env.SESSION_MAX_AGE_HOURS * 3600) },
  jwt: { maxAge: Math.round(env.SESSION_MAX_AGE_HOURS * 3600) },
  pages: { signIn: "/log-ind", error: "/log-ind" },
  callbacks: {
    /** Only the portal's own origin, whatever callback URL the client sent (next-auth's default trusts a leading slash). */
    redirect({ url, baseUrl }) {
      return new URL(sameOriginPath(url, baseUrl), baseUrl).href;
    },
    /** OIDC users must already exist in the portal (by subject, or by e-mail on first log-in). */
    async signIn({ account, user }) {
      if (account?.provider !== "oidc") return true;
      const subject = account.providerAccountId;
      const known =
        (await prisma.user.findUnique({ where: { oidcSubject: subject } })) ??
        (user.email ? await prisma.user.findUnique({ where: { email: user.email.toLowerCase() } }) : null);
      if (!known?.active) return "/log-ind?error=AccessDenied";
      if (known.oidcSubject !== subject) {
        await prisma.user.update({ where: { id: known.id }, data: { oidcSubject: subject } });
      }
      await audit(prisma, { actorId: known.id, action: "login", entity: "User", entityId: known.id, after: { provider: "oidc" } });
      return true;
    },
    async jwt({ token, account, user }) {
      if (account && user) {
        const dbUser =
          account.provider === "oidc"
            ? await prisma.user.findUnique({ where: { oidcSubject: account.providerAccountId } })
            : await prisma.user.findUnique({ where: { id: Number(user.id) } });
        if (dbUser) {
          token.uid = dbUser.id;
          token.sv = dbUser.sessionVersion;
          Object.assign(token, newSessionClaims());
        }
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv, sid: token.sid, authAt: token.authAt };
    },
  },
  events: {
    /** Log-out ends the session on the server too: a copy of the cookie is refused from then on. */
    async signOut({ token }) {
      if (typeof token?.uid === "number" && token.sid && typeof token.authAt === "number") {
        await revokeSession(token.uid, { sid: token.sid, authAt: token.authAt });
      }
    },
  },
};
