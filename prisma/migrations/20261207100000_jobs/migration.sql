-- Jobs that run by themselves (issue 15): their run history, the notices they sent (once per
-- recipient, reason and subject), the users' choices of optional alerts, and the outbox's backoff
-- and give-up marks. The queue's own schema (graphile_worker) is installed by the library's
-- migrations, run as the owner after these (lib/db/migrate.ts, docs/decisions/0017-job-queue.md).
CREATE TYPE "AlertKind" AS ENUM ('AGREEMENT_EXPIRY', 'AGREEMENT_CEILING');

ALTER TABLE "OutboxMessage" ADD COLUMN "nextAttemptAt" TIMESTAMP(3), ADD COLUMN "failedAt" TIMESTAMP(3);

CREATE TABLE "AlertPreference" (
    "userId" INTEGER NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AlertPreference_pkey" PRIMARY KEY ("userId","kind")
);
ALTER TABLE "AlertPreference" ADD CONSTRAINT "AlertPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "NoticeSent" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "outboxMessageId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "NoticeSent_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "NoticeSent_userId_reason_subject_key" ON "NoticeSent"("userId", "reason", "subject");
CREATE INDEX "NoticeSent_createdAt_idx" ON "NoticeSent"("createdAt");
ALTER TABLE "NoticeSent" ADD CONSTRAINT "NoticeSent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "JobRun" (
    "id" SERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "requestedById" INTEGER,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "ok" BOOLEAN,
    "summary" TEXT,
    "error" TEXT,
    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");
ALTER TABLE "JobRun" ADD CONSTRAINT "JobRun_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
