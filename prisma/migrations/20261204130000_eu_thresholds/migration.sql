-- EU thresholds by authority type, contract type and two-year period (issue 16, item 10;
-- docs/decisions/0012-eu-thresholds.md). Replaces the single EU_THRESHOLD_DKK setting.

CREATE TYPE "AuthorityType" AS ENUM ('CENTRAL', 'SUB_CENTRAL');
CREATE TYPE "ContractType" AS ENUM ('SUPPLIES_SERVICES', 'WORKS', 'SOCIAL_SERVICES');

-- Null: the default from the institution's kind (state institutions and Folketinget central, the rest sub-central).
ALTER TABLE "Institution" ADD COLUMN "authorityType" "AuthorityType";

ALTER TABLE "Category" ADD COLUMN "contractType" "ContractType" NOT NULL DEFAULT 'SUPPLIES_SERVICES';

CREATE TABLE "EuThreshold" (
    "id" SERIAL NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE NOT NULL,
    "authorityType" "AuthorityType",
    "contractType" "ContractType" NOT NULL,
    "amountOre" BIGINT NOT NULL,

    CONSTRAINT "EuThreshold_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "EuThreshold_validFrom_idx" ON "EuThreshold"("validFrom");

-- The values in kroner excl. VAT (øre below), Directive 2014/24/EU (udbudsloven):
--
-- 2024-2025 (Commission Delegated Regulation (EU) 2023/2495; the Commission's communication
-- C/2023/902 of 16 November 2023, as republished by Konkurrence- og Forbrugerstyrelsen):
--   central supplies and services EUR 143,000 = 1.064.177 kr. (published)
--   sub-central supplies and services EUR 221,000 = 1.644.638 kr. (published)
--   social and other specific services EUR 750,000 = 5.581.350 kr. (published)
--   works EUR 5,538,000 = 41.212.688 kr. (NOT found in a published copy here: EUR amount times the
--     communication's rate 7,4418 kr./EUR that every published figure above implies, rounded)
--
-- 2026-2027 (Commission Delegated Regulation (EU) 2025/2152; communication OJ C/2025/5732):
--   central supplies and services EUR 140,000 = 1.044.400 kr. (published)
--   sub-central supplies and services EUR 216,000 = 1.611.360 kr.
--   works EUR 5,404,000 = 40.313.840 kr.
--   social and other specific services EUR 750,000 = 5.595.000 kr.
--   The last three were NOT found in a published copy here: EUR amount times the rate 7,46 kr./EUR
--   that the published central figure implies. Check them against the communication and correct
--   them under /admin/stamdata/taerskelvaerdier (audited).
INSERT INTO "EuThreshold" ("validFrom", "validTo", "authorityType", "contractType", "amountOre") VALUES
    (DATE '2024-01-01', DATE '2025-12-31', 'CENTRAL', 'SUPPLIES_SERVICES', 106417700),
    (DATE '2024-01-01', DATE '2025-12-31', 'SUB_CENTRAL', 'SUPPLIES_SERVICES', 164463800),
    (DATE '2024-01-01', DATE '2025-12-31', NULL, 'WORKS', 4121268800),
    (DATE '2024-01-01', DATE '2025-12-31', NULL, 'SOCIAL_SERVICES', 558135000),
    (DATE '2026-01-01', DATE '2027-12-31', 'CENTRAL', 'SUPPLIES_SERVICES', 104440000),
    (DATE '2026-01-01', DATE '2027-12-31', 'SUB_CENTRAL', 'SUPPLIES_SERVICES', 161136000),
    (DATE '2026-01-01', DATE '2027-12-31', NULL, 'WORKS', 4031384000),
    (DATE '2026-01-01', DATE '2027-12-31', NULL, 'SOCIAL_SERVICES', 559500000);
