-- Rate limits move to rate-limiter-flexible's RateLimiterPostgres (docs/decisions/0010-rate-limits.md):
-- its table layout, created here (the library is told the table exists, so it never creates one).
-- UNLOGGED, as the windows before: the counts are worth nothing after a crash, and skipping the
-- WAL keeps a hit cheap.
DROP TABLE "RateLimitWindow";

CREATE UNLOGGED TABLE "RateLimit" (
    "key" CHARACTER VARYING(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- Heavy requests (exports, uploads) running now: at most a few per user across every portal
-- process (lib/security/work-lease.ts). A lease ends with its request, or at "expiresAt" when its
-- process died first.
CREATE UNLOGGED TABLE "WorkLease" (
    "id" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkLease_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "WorkLease_holder_idx" ON "WorkLease"("holder");
