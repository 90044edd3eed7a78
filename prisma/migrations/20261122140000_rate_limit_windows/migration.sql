-- Burst limits (server actions, log-in posts) counted in PostgreSQL, so that every portal process
-- and machine behind a load balancer shares one count per key (lib/security/rate-limit.ts).
-- UNLOGGED: the counts are worth nothing after a crash, and skipping the WAL keeps a hit cheap.
CREATE UNLOGGED TABLE "RateLimitWindow" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RateLimitWindow_pkey" PRIMARY KEY ("key")
);
