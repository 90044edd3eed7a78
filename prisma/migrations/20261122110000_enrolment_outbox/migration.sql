-- Voluntary customers' enrolment and the message outbox.

-- AlterTable: messages carry a link into the portal, and SMTP delivery claims and counts attempts.
ALTER TABLE "OutboxMessage" ADD COLUMN "link" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "OutboxMessage" ADD COLUMN "claimedAt" TIMESTAMP(3);

-- At most one pending enrolment per institution and agreement, one open join-next-phase request
-- per institution and phase, and one open access request per enrolment. Partial unique indexes,
-- which Prisma's schema cannot describe (lib/db/schema-spec.ts SQL_ONLY_INDEXES).
CREATE UNIQUE INDEX "Enrolment_one_pending_key" ON "Enrolment"("institutionId", "agreementId") WHERE "status" = 'PENDING';
CREATE UNIQUE INDEX "JoinPhaseRequest_one_open_key" ON "JoinPhaseRequest"("institutionId", "phaseId") WHERE "status" = 'OPEN';
CREATE UNIQUE INDEX "AccessRequest_one_open_key" ON "AccessRequest"("enrolmentId") WHERE "status" = 'OPEN';
