-- Log-out revokes the session token on the server (lib/auth/session-revocation.ts): the token's
-- session id is refused until the token would have expired anyway.
CREATE TABLE "RevokedSession" (
    "sessionId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RevokedSession_pkey" PRIMARY KEY ("sessionId")
);

CREATE INDEX "RevokedSession_expiresAt_idx" ON "RevokedSession"("expiresAt");

-- The public contact e-mail of a user (the group-buyer directory), so that the log-in e-mail is
-- never published.
ALTER TABLE "User" ADD COLUMN "contactEmail" TEXT;
