-- Purchase data: submission history, one active manual submission per institution and quarter,
-- and PurchaseLine partitioned by ranges of id so that a large load is written into a table of its
-- own, indexed in bulk and attached (lib/purchase-data/bulk-load.ts).

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN "fileName" TEXT,
ADD COLUMN "feedBatch" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Submission_institutionId_quarter_feedBatch_key" ON "Submission"("institutionId", "quarter", "feedBatch");

-- Sending a quarter again replaces the institution's manual data, never doubles it: at most one
-- ACTIVE manual (AGENCY or LINES) submission per institution and quarter. Prisma's schema cannot
-- express a partial index (lib/db/schema-spec.ts SQL_ONLY_INDEXES).
CREATE UNIQUE INDEX "Submission_one_active_manual_idx" ON "Submission"("institutionId", "quarter")
  WHERE "status" = 'ACTIVE' AND "format" <> 'SKS_FEED';

-- PurchaseLine becomes a table partitioned by range of "id", with the same columns, keys, indexes
-- and foreign keys as before (the drift check compares the parent). The existing table becomes the
-- shared partition for ids below 2^50, which the id sequence hands out to small loads. Large loads
-- take a block of 2^32 ids above 2^50 from "PurchaseLine_bulk_block_seq" and a partition of their
-- own, so that their indexes are built once instead of row by row, and the foreign keys are checked
-- set-based when the partition is attached.
ALTER TABLE "PurchaseLine" RENAME TO "PurchaseLine_shared";
ALTER TABLE "PurchaseLine_shared" RENAME CONSTRAINT "PurchaseLine_pkey" TO "PurchaseLine_shared_pkey";
ALTER INDEX "PurchaseLine_ministryId_quarter_idx" RENAME TO "PurchaseLine_shared_ministryId_quarter_idx";
ALTER INDEX "PurchaseLine_institutionId_quarter_idx" RENAME TO "PurchaseLine_shared_institutionId_quarter_idx";
ALTER INDEX "PurchaseLine_submissionId_idx" RENAME TO "PurchaseLine_shared_submissionId_idx";
ALTER INDEX "PurchaseLine_supplierCvr_idx" RENAME TO "PurchaseLine_shared_supplierCvr_idx";
ALTER TABLE "PurchaseLine_shared" RENAME CONSTRAINT "PurchaseLine_submissionId_fkey" TO "PurchaseLine_shared_submissionId_fkey";
ALTER TABLE "PurchaseLine_shared" RENAME CONSTRAINT "PurchaseLine_institutionId_fkey" TO "PurchaseLine_shared_institutionId_fkey";
ALTER TABLE "PurchaseLine_shared" RENAME CONSTRAINT "PurchaseLine_ministryId_fkey" TO "PurchaseLine_shared_ministryId_fkey";
ALTER TABLE "PurchaseLine_shared" RENAME CONSTRAINT "PurchaseLine_categoryCode_fkey" TO "PurchaseLine_shared_categoryCode_fkey";

CREATE TABLE "PurchaseLine" (
    "id" BIGINT NOT NULL DEFAULT nextval('"PurchaseLine_id_seq"'),
    "submissionId" INTEGER NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "ministryId" INTEGER NOT NULL,
    "quarter" TEXT NOT NULL,
    "purchaseDate" DATE,
    "supplierCvr" TEXT,
    "supplierName" TEXT NOT NULL,
    "categoryCode" TEXT,
    "amountOre" BIGINT NOT NULL,
    "ecommerce" BOOLEAN NOT NULL DEFAULT false,
    "ean" TEXT,

    CONSTRAINT "PurchaseLine_pkey" PRIMARY KEY ("id")
) PARTITION BY RANGE ("id");

ALTER SEQUENCE "PurchaseLine_id_seq" OWNED BY "PurchaseLine"."id";
ALTER TABLE "PurchaseLine_shared" ALTER COLUMN "id" DROP DEFAULT;

CREATE INDEX "PurchaseLine_ministryId_quarter_idx" ON "PurchaseLine"("ministryId", "quarter");
CREATE INDEX "PurchaseLine_institutionId_quarter_idx" ON "PurchaseLine"("institutionId", "quarter");
CREATE INDEX "PurchaseLine_submissionId_idx" ON "PurchaseLine"("submissionId");
CREATE INDEX "PurchaseLine_supplierCvr_idx" ON "PurchaseLine"("supplierCvr");

ALTER TABLE "PurchaseLine" ADD CONSTRAINT "PurchaseLine_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PurchaseLine" ADD CONSTRAINT "PurchaseLine_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PurchaseLine" ADD CONSTRAINT "PurchaseLine_ministryId_fkey" FOREIGN KEY ("ministryId") REFERENCES "Ministry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PurchaseLine" ADD CONSTRAINT "PurchaseLine_categoryCode_fkey" FOREIGN KEY ("categoryCode") REFERENCES "Category"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- The existing indexes and foreign keys of the shared partition match the parent's and are adopted.
ALTER TABLE "PurchaseLine" ATTACH PARTITION "PurchaseLine_shared" FOR VALUES FROM (MINVALUE) TO (1125899906842624);

-- Each value is the first id of a block of 2^32 ids for one large load (nextval is never rolled
-- back, so an aborted load leaves a gap: there are about 2^31 blocks).
CREATE SEQUENCE "PurchaseLine_bulk_block_seq" AS BIGINT START WITH 1125899906842624 INCREMENT BY 4294967296;

-- The lines that count: those of ACTIVE submissions (a superseded submission keeps its lines as
-- history). Every sum over purchase lines reads this view, or joins Submission with status ACTIVE.
CREATE VIEW "ActivePurchaseLine" AS
  SELECT l.* FROM "PurchaseLine" l
   WHERE EXISTS (SELECT 1 FROM "Submission" s WHERE s."id" = l."submissionId" AND s."status" = 'ACTIVE');
