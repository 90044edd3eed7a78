import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    uid?: number;
    sv?: number;
    /** The session's id and log-in time (seconds), kept across token refreshes (lib/auth/session-revocation.ts). */
    sid?: string;
    authAt?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    sv?: number;
    /** The session's id and log-in time (seconds), kept across token refreshes (lib/auth/session-revocation.ts). */
    sid?: string;
    authAt?: number;
  }
}
