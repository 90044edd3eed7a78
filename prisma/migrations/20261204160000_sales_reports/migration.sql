-- Suppliers' quarterly sales reports (issue 13): reports and their lines, supplier API keys, the
-- suppliers' deadlines, reopenings, and the agency's settings (reconciliation tolerance, ceiling
-- warnings).
CREATE TYPE "SalesReportChannel" AS ENUM ('XLSX', 'CSV', 'API');

CREATE TABLE "SupplierApiKey" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "keyPrefix" TEXT NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    CONSTRAINT "SupplierApiKey_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SupplierApiKey_keyHash_key" ON "SupplierApiKey"("keyHash");
CREATE INDEX "SupplierApiKey_supplierId_idx" ON "SupplierApiKey"("supplierId");
ALTER TABLE "SupplierApiKey" ADD CONSTRAINT "SupplierApiKey_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SupplierApiKey" ADD CONSTRAINT "SupplierApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "SalesReport" (
    "id" SERIAL NOT NULL,
    "agreementId" INTEGER NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "quarter" TEXT NOT NULL,
    "channel" "SalesReportChannel" NOT NULL,
    "noSales" BOOLEAN NOT NULL DEFAULT false,
    "lineCount" INTEGER NOT NULL,
    "totalOre" BIGINT NOT NULL,
    "fileName" TEXT,
    "submittedById" INTEGER,
    "apiKeyId" INTEGER,
    "supersededAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SalesReport_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "SalesReport_no_sales_check" CHECK (NOT "noSales" OR ("lineCount" = 0 AND "totalOre" = 0)),
    CONSTRAINT "SalesReport_sender_check" CHECK (num_nonnulls("submittedById", "apiKeyId") = 1)
);
CREATE INDEX "SalesReport_supplierId_quarter_idx" ON "SalesReport"("supplierId", "quarter");
CREATE INDEX "SalesReport_agreementId_quarter_idx" ON "SalesReport"("agreementId", "quarter");
-- One active version per agreement, supplier and quarter; earlier versions stay as history.
CREATE UNIQUE INDEX "SalesReport_active_key" ON "SalesReport"("agreementId", "supplierId", "quarter") WHERE "supersededAt" IS NULL;
ALTER TABLE "SalesReport" ADD CONSTRAINT "SalesReport_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SalesReport" ADD CONSTRAINT "SalesReport_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SalesReport" ADD CONSTRAINT "SalesReport_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "SalesReport" ADD CONSTRAINT "SalesReport_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "SupplierApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "SalesReportLine" (
    "id" BIGSERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "agreementId" INTEGER NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "quarter" TEXT NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "customerCvr" TEXT NOT NULL,
    "ean" TEXT,
    "categoryCode" TEXT NOT NULL,
    "amountOre" BIGINT NOT NULL,
    "ecommerce" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "SalesReportLine_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "SalesReportLine_reportId_idx" ON "SalesReportLine"("reportId");
ALTER TABLE "SalesReportLine" ADD CONSTRAINT "SalesReportLine_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "SalesReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SalesReportLine" ADD CONSTRAINT "SalesReportLine_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SalesReportLine" ADD CONSTRAINT "SalesReportLine_categoryCode_fkey" FOREIGN KEY ("categoryCode") REFERENCES "Category"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "SupplierDeadline" (
    "quarter" TEXT NOT NULL,
    "deadline" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SupplierDeadline_pkey" PRIMARY KEY ("quarter")
);

CREATE TABLE "SalesReportReopening" (
    "id" SERIAL NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "quarter" TEXT NOT NULL,
    "until" DATE NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "reopenedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SalesReportReopening_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SalesReportReopening_supplierId_quarter_key" ON "SalesReportReopening"("supplierId", "quarter");
ALTER TABLE "SalesReportReopening" ADD CONSTRAINT "SalesReportReopening_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SalesReportReopening" ADD CONSTRAINT "SalesReportReopening_reopenedById_fkey" FOREIGN KEY ("reopenedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "AgencySetting" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "reconciliationToleranceBasisPoints" INTEGER NOT NULL DEFAULT 500,
    "reconciliationToleranceOre" BIGINT NOT NULL DEFAULT 1000000,
    "ceilingFirstWarningPercent" INTEGER NOT NULL DEFAULT 80,
    "ceilingSecondWarningPercent" INTEGER NOT NULL DEFAULT 95,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgencySetting_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "AgencySetting_single_row_check" CHECK ("id" = 1),
    CONSTRAINT "AgencySetting_values_check" CHECK ("reconciliationToleranceBasisPoints" >= 0 AND "reconciliationToleranceOre" >= 0
        AND 0 < "ceilingFirstWarningPercent" AND "ceilingFirstWarningPercent" < "ceilingSecondWarningPercent" AND "ceilingSecondWarningPercent" <= 100)
);
INSERT INTO "AgencySetting" ("id") VALUES (1);
