-- Agreement ceilings (issue 14, docs/decisions/0016): each agreement's estimated and maximum value,
-- its use to date per supplier and quarter (the suppliers' reports, else the customers' purchase data
-- as an estimate), the running totals, and the warnings given at the agency's thresholds.

ALTER TABLE "Agreement" ADD COLUMN "estimatedValueOre" BIGINT;
ALTER TABLE "Agreement" ADD COLUMN "maximumValueOre" BIGINT;
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_values_check"
  CHECK (("estimatedValueOre" IS NULL OR "estimatedValueOre" >= 0) AND ("maximumValueOre" IS NULL OR "maximumValueOre" > 0));

-- Use per agreement x supplier x quarter. A row exists where the supplier's report is active for the
-- quarter (reportedOre set; 0 for a "no sales" report) or where purchase data show sales in the
-- agreement's categories (estimatedOre <> 0). The quarter counts reportedOre when there is a report,
-- else estimatedOre ("useOre", stored so that sums need no CASE).
CREATE TABLE "AgreementUseQuarter" (
    "agreementId" INTEGER NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "quarter" TEXT NOT NULL,
    "reportedOre" BIGINT,
    "estimatedOre" BIGINT NOT NULL,
    "noSales" BOOLEAN NOT NULL DEFAULT false,
    "useOre" BIGINT NOT NULL,
    CONSTRAINT "AgreementUseQuarter_pkey" PRIMARY KEY ("agreementId", "supplierId", "quarter")
);
CREATE INDEX "AgreementUseQuarter_supplierId_quarter_idx" ON "AgreementUseQuarter"("supplierId", "quarter");
CREATE INDEX "AgreementUseQuarter_quarter_idx" ON "AgreementUseQuarter"("quarter");

-- The estimates look the compliance rollup's spend up by supplier (and quarter); its other indexes
-- serve the ministries' pages.
CREATE INDEX "SpendRollup_supplierCvr_quarter_idx" ON "SpendRollup"("supplierCvr", "quarter");

-- Running totals per agreement (a row for every agreement refreshed at least once).
CREATE TABLE "AgreementUse" (
    "agreementId" INTEGER NOT NULL,
    "reportedOre" BIGINT NOT NULL,
    "estimatedOre" BIGINT NOT NULL,
    "useOre" BIGINT NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "AgreementUse_pkey" PRIMARY KEY ("agreementId")
);

-- A threshold warning given (once per agreement and level: 1 first, 2 second).
CREATE TABLE "CeilingWarning" (
    "agreementId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "percent" INTEGER NOT NULL,
    "useOre" BIGINT NOT NULL,
    "maximumOre" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CeilingWarning_pkey" PRIMARY KEY ("agreementId", "level"),
    CONSTRAINT "CeilingWarning_level_check" CHECK ("level" IN (1, 2))
);
ALTER TABLE "CeilingWarning" ADD CONSTRAINT "CeilingWarning_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE OR REPLACE FUNCTION "agreement_use_quarter_of"(d DATE) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$ SELECT to_char(d, 'YYYY') || 'Q' || to_char(d, 'Q') $$;

-- The totals of some agreements from their rows per supplier and quarter.
CREATE OR REPLACE FUNCTION "agreement_use_totals"(agreement_ids INTEGER[]) RETURNS VOID
LANGUAGE sql AS $$
  INSERT INTO "AgreementUse" ("agreementId", "reportedOre", "estimatedOre", "useOre", "refreshedAt")
  SELECT t.id,
         COALESCE(sum(u."reportedOre"), 0)::bigint,
         COALESCE(sum(u."useOre") FILTER (WHERE u."reportedOre" IS NULL), 0)::bigint,
         COALESCE(sum(u."useOre"), 0)::bigint,
         now() AT TIME ZONE 'UTC'
    FROM unnest(agreement_ids) AS t(id)
    LEFT JOIN "AgreementUseQuarter" u ON u."agreementId" = t.id
   GROUP BY t.id
  ON CONFLICT ("agreementId") DO UPDATE
     SET "reportedOre" = EXCLUDED."reportedOre", "estimatedOre" = EXCLUDED."estimatedOre",
         "useOre" = EXCLUDED."useOre", "refreshedAt" = EXCLUDED."refreshedAt"
$$;

-- Recomputes the use of a scope: the agreements given (NULL: all), of the suppliers given (NULL: all), for
-- one quarter (NULL: every quarter), then the totals of the agreements touched. Returns those
-- agreements' ids. Set-based, one statement per step; inside the caller's transaction.
--
--   reported:  the active report (supersededAt IS NULL) of agreement x supplier x quarter, summed
--              over its lines (a "no sales" report has none: 0). Reports count from the agreement's
--              first quarter on, whoever the supplier is now.
--   estimated: the customers' purchase data (SpendRollup: lines of ACTIVE submissions, effective
--              category = the line's, else the supplier's mapping) for the supplier's CVR in the
--              agreement's categories, in the quarters the agreement is valid. Counted only where no
--              report is active.
CREATE OR REPLACE FUNCTION "agreement_use_refresh"(agreement_ids INTEGER[], supplier_ids INTEGER[], q TEXT) RETURNS INTEGER[]
LANGUAGE plpgsql AS $$
DECLARE
  touched INTEGER[];
  suppliers INTEGER[];
BEGIN
  IF q IS NOT NULL AND q !~ '^[0-9]{4}Q[1-4]$' THEN
    RAISE EXCEPTION 'agreement_use_refresh: not a quarter: %', q;
  END IF;
  -- One refresh at a time (each takes milliseconds, a full one seconds): two of them would otherwise
  -- interleave their DELETE and INSERT of the same rows.
  PERFORM pg_advisory_xact_lock(72707373);
  -- Small tables joined through unnest() (hash or index joins) rather than "= ANY(array)" tests,
  -- which cost the array's length for every row: a submission may name thousands of suppliers.
  IF supplier_ids IS NULL THEN
    SELECT COALESCE(array_agg(s."id"), '{}') INTO suppliers FROM "Supplier" s;
    SELECT COALESCE(array_agg(a."id" ORDER BY a."id"), '{}') INTO touched
      FROM "Agreement" a WHERE agreement_ids IS NULL OR a."id" IN (SELECT unnest(agreement_ids));
  ELSE
    suppliers := supplier_ids;
    SELECT COALESCE(array_agg(DISTINCT t.id ORDER BY t.id), '{}') INTO touched
      FROM (SELECT x."agreementId" AS id FROM unnest(supplier_ids) s(id) JOIN "AgreementSupplier" x ON x."supplierId" = s.id
            UNION SELECT u."agreementId" FROM unnest(supplier_ids) s(id) JOIN "AgreementUseQuarter" u ON u."supplierId" = s.id AND u."quarter" BETWEEN COALESCE(q, '0000Q1') AND COALESCE(q, '9999Q4')
            UNION SELECT r."agreementId" FROM unnest(supplier_ids) s(id) JOIN "SalesReport" r ON r."supplierId" = s.id AND r."quarter" BETWEEN COALESCE(q, '0000Q1') AND COALESCE(q, '9999Q4')) t
     WHERE agreement_ids IS NULL OR t.id IN (SELECT unnest(agreement_ids));
  END IF;

  DELETE FROM "AgreementUseQuarter" u USING unnest(touched) t(id), unnest(suppliers) s(id)
   WHERE u."agreementId" = t.id AND u."supplierId" = s.id AND u."quarter" BETWEEN COALESCE(q, '0000Q1') AND COALESCE(q, '9999Q4');

  INSERT INTO "AgreementUseQuarter" ("agreementId", "supplierId", "quarter", "reportedOre", "estimatedOre", "noSales", "useOre")
  SELECT COALESCE(rep.agreement_id, est.agreement_id), COALESCE(rep.supplier_id, est.supplier_id), COALESCE(rep.quarter, est.quarter),
         rep.amount, COALESCE(est.amount, 0), COALESCE(rep.no_sales, false),
         COALESCE(rep.amount, est.amount, 0)
    FROM (SELECT r."agreementId" AS agreement_id, r."supplierId" AS supplier_id, r."quarter" AS quarter, r."noSales" AS no_sales,
                 COALESCE((SELECT sum(l."amountOre") FROM "SalesReportLine" l WHERE l."reportId" = r."id"), 0)::bigint AS amount
            FROM unnest(touched) t(id)
            JOIN "Agreement" a ON a."id" = t.id
            JOIN "SalesReport" r ON r."agreementId" = t.id AND r."supersededAt" IS NULL AND r."quarter" BETWEEN COALESCE(q, '0000Q1') AND COALESCE(q, '9999Q4')
            JOIN unnest(suppliers) s(id) ON s.id = r."supplierId"
           WHERE r."quarter" >= "agreement_use_quarter_of"(a."validFrom")) rep
    FULL JOIN
         (SELECT x."agreementId" AS agreement_id, x."supplierId" AS supplier_id, sr."quarter" AS quarter, sum(sr."amountOre")::bigint AS amount
            FROM unnest(touched) t(id)
            JOIN "AgreementSupplier" x ON x."agreementId" = t.id
            JOIN unnest(suppliers) s(id) ON s.id = x."supplierId"
            JOIN "Agreement" a ON a."id" = x."agreementId"
            JOIN "Supplier" sp ON sp."id" = x."supplierId"
            JOIN "AgreementCategory" c ON c."agreementId" = x."agreementId"
            -- A range rather than "q IS NULL OR ...": the index on ("supplierCvr", "quarter") serves it with q given.
            JOIN "SpendRollup" sr ON sr."supplierCvr" = sp."cvr" AND sr."categoryCode" = c."categoryCode"
                                 AND sr."quarter" BETWEEN COALESCE(q, '0000Q1') AND COALESCE(q, '9999Q4')
           WHERE sr."quarter" BETWEEN "agreement_use_quarter_of"(a."validFrom") AND "agreement_use_quarter_of"(a."validTo")
           GROUP BY x."agreementId", x."supplierId", sr."quarter") est
      ON est.agreement_id = rep.agreement_id AND est.supplier_id = rep.supplier_id AND est.quarter = rep.quarter
   WHERE rep.agreement_id IS NOT NULL OR est.amount <> 0;

  PERFORM "agreement_use_totals"(touched);
  RETURN touched;
END;
$$;

-- Purchase data landed for some institutions and a quarter: the change of their spend per supplier
-- CVR and effective category (the compliance rollup after minus before; the caller computes it)
-- added to the estimates of the agreements with that supplier in that category, in one pass. The
-- estimate is a sum over institutions, so this equals recomputing it, at the cost of the submission's
-- own rows rather than every institution's. Returns the agreements touched.
CREATE OR REPLACE FUNCTION "agreement_use_add_purchases"(q TEXT, cvrs TEXT[], categories TEXT[], amounts BIGINT[]) RETURNS INTEGER[]
LANGUAGE plpgsql AS $$
DECLARE
  touched INTEGER[];
BEGIN
  IF q IS NULL OR q !~ '^[0-9]{4}Q[1-4]$' THEN
    RAISE EXCEPTION 'agreement_use_add_purchases: not a quarter: %', q;
  END IF;
  PERFORM pg_advisory_xact_lock(72707373);
  WITH delta AS (
    SELECT d.cvr, d.category, sum(d.amount) AS amount
      FROM unnest(cvrs, categories, amounts) AS d(cvr, category, amount)
     GROUP BY d.cvr, d.category HAVING sum(d.amount) <> 0),
  cells AS (
    SELECT x."agreementId", x."supplierId", sum(delta.amount)::bigint AS amount
      FROM delta
      JOIN "Supplier" sp ON sp."cvr" = delta.cvr
      JOIN "AgreementSupplier" x ON x."supplierId" = sp."id"
      JOIN "AgreementCategory" c ON c."agreementId" = x."agreementId" AND c."categoryCode" = delta.category
      JOIN "Agreement" a ON a."id" = x."agreementId"
     WHERE q BETWEEN "agreement_use_quarter_of"(a."validFrom") AND "agreement_use_quarter_of"(a."validTo")
     GROUP BY x."agreementId", x."supplierId"),
  changed AS (
    -- A row that does not exist has no report (every active report has its row).
    INSERT INTO "AgreementUseQuarter" AS u ("agreementId", "supplierId", "quarter", "reportedOre", "estimatedOre", "noSales", "useOre")
    SELECT cells."agreementId", cells."supplierId", q, NULL, cells.amount, false, cells.amount FROM cells
    ON CONFLICT ("agreementId", "supplierId", "quarter") DO UPDATE
       SET "estimatedOre" = u."estimatedOre" + EXCLUDED."estimatedOre",
           "useOre" = COALESCE(u."reportedOre", u."estimatedOre" + EXCLUDED."estimatedOre")
    RETURNING u."agreementId")
  SELECT COALESCE(array_agg(DISTINCT changed."agreementId"), '{}') INTO touched FROM changed;
  DELETE FROM "AgreementUseQuarter" u USING unnest(touched) t(id)
   WHERE u."agreementId" = t.id AND u."quarter" = q AND u."reportedOre" IS NULL AND u."estimatedOre" = 0;
  PERFORM "agreement_use_totals"(touched);
  RETURN touched;
END;
$$;

-- The warnings due for the given agreements at the agency's thresholds, recorded once per agreement
-- and level; returns those recorded now (the caller tells the agency). A maximum raised later does
-- not withdraw a warning given.
CREATE OR REPLACE FUNCTION "agreement_ceiling_warn"(agreement_ids INTEGER[])
RETURNS TABLE ("agreementId" INTEGER, "level" INTEGER, "percent" INTEGER, "useOre" BIGINT, "maximumOre" BIGINT)
LANGUAGE sql AS $$
  INSERT INTO "CeilingWarning" ("agreementId", "level", "percent", "useOre", "maximumOre")
  SELECT a."id", lv.level, lv.percent, u."useOre", a."maximumValueOre"
    FROM unnest(agreement_ids) AS t(id)
    JOIN "Agreement" a ON a."id" = t.id
    JOIN "AgreementUse" u ON u."agreementId" = a."id"
    CROSS JOIN "AgencySetting" st
    CROSS JOIN LATERAL (VALUES (1, st."ceilingFirstWarningPercent"), (2, st."ceilingSecondWarningPercent")) AS lv(level, percent)
   WHERE a."maximumValueOre" IS NOT NULL AND st."id" = 1
     AND u."useOre" * 100 >= a."maximumValueOre" * lv.percent
  ON CONFLICT ON CONSTRAINT "CeilingWarning_pkey" DO NOTHING
  RETURNING "agreementId", "level", "percent", "useOre", "maximumOre"
$$;
