-- Reconciliation of the suppliers' sales reports with the institutions' purchase data (issue 13,
-- docs/decisions/0015-reconciliation.md). Derived tables, like the compliance rollups: no foreign
-- keys, rebuilt by "reconciliation_refresh" for a whole quarter, one (agreement, supplier) pair of a
-- quarter (a report was stored) or some institutions of a quarter (purchase data were imported).
--
-- For each quarter x supplier x agreement x institution (customer):
--   reported  = the sum of the lines of the supplier's ACTIVE report (supersededAt IS NULL) for the
--               agreement and quarter, to that customer;
--   purchased = the institution's purchase data of the quarter from the lines of ACTIVE submissions
--               (manual and every SKS feed batch), with the supplier's CVR, whose category (the line's,
--               else the supplier's mapping) is one of the agreement's. Read from "SpendRollup", which
--               compliance_refresh builds from exactly those lines (grouped by institution, effective
--               category and supplier CVR), so a quarter's lines are aggregated once for both.
--   difference = reported - purchased; status: SUPPLIER_ONLY (no purchase lines), PURCHASES_ONLY (no
--               report line), DIFFERS (|difference| beyond BOTH tolerances of "AgencySetting": more than
--               reconciliationToleranceOre AND more than reconciliationToleranceBasisPoints of |purchased|),
--               else AGREES.
-- The agreement x supplier pairs of a quarter: the supplier is on the agreement, the agreement is not an
-- institution's own (kind OWN), in force some day of the quarter and not retired before it began; and
-- every pair with an active report for the quarter.

CREATE TYPE "ReconciliationStatus" AS ENUM ('AGREES', 'DIFFERS', 'SUPPLIER_ONLY', 'PURCHASES_ONLY');

CREATE TABLE "Reconciliation" (
    "quarter" TEXT NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "agreementId" INTEGER NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "reportedOre" BIGINT NOT NULL,
    "reportLineCount" INTEGER NOT NULL,
    "purchasedOre" BIGINT NOT NULL,
    "purchaseLineCount" INTEGER NOT NULL,
    "differenceOre" BIGINT NOT NULL,
    "status" "ReconciliationStatus" NOT NULL,
    "customerIsParty" BOOLEAN NOT NULL,
    CONSTRAINT "Reconciliation_pkey" PRIMARY KEY ("quarter", "supplierId", "agreementId", "institutionId")
);
CREATE INDEX "Reconciliation_quarter_institutionId_idx" ON "Reconciliation"("quarter", "institutionId");
-- The overview's "largest differences" and "sales to non-parties" read the top rows of a quarter.
CREATE INDEX "Reconciliation_largest_difference_idx" ON "Reconciliation"("quarter", abs("differenceOre") DESC);
CREATE INDEX "Reconciliation_non_party_sales_idx" ON "Reconciliation"("quarter", "reportedOre" DESC)
  WHERE NOT "customerIsParty" AND "reportLineCount" > 0;

-- Per quarter x agreement x supplier: the active report (if any) and the rows' counts and sums, all
-- additive (absDifferenceOre is the sum of |difference| over the customers), so that an institutions
-- refresh adds and subtracts the rows it replaced instead of reading every row of every pair it touches.
CREATE TABLE "ReconciliationSummary" (
    "quarter" TEXT NOT NULL,
    "agreementId" INTEGER NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "reportId" INTEGER,
    "noSales" BOOLEAN NOT NULL DEFAULT false,
    "customers" INTEGER NOT NULL,
    "agrees" INTEGER NOT NULL,
    "differs" INTEGER NOT NULL,
    "supplierOnly" INTEGER NOT NULL,
    "purchasesOnly" INTEGER NOT NULL,
    "nonPartyCustomers" INTEGER NOT NULL,
    "nonPartyOre" BIGINT NOT NULL,
    "reportedOre" BIGINT NOT NULL,
    "purchasedOre" BIGINT NOT NULL,
    "absDifferenceOre" BIGINT NOT NULL,
    CONSTRAINT "ReconciliationSummary_pkey" PRIMARY KEY ("quarter", "agreementId", "supplierId")
);
CREATE INDEX "ReconciliationSummary_supplierId_quarter_idx" ON "ReconciliationSummary"("supplierId", "quarter");

-- When a quarter was computed, with which tolerance, and from which state of the spend rollup.
CREATE TABLE "ReconciliationQuarter" (
    "quarter" TEXT NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "spendRefreshedAt" TIMESTAMP(3),
    CONSTRAINT "ReconciliationQuarter_pkey" PRIMARY KEY ("quarter")
);

-- The agency was told that a supplier's reports for a quarter were missing after the deadline: once.
CREATE TABLE "LateSalesReportNotice" (
    "supplierId" INTEGER NOT NULL,
    "quarter" TEXT NOT NULL,
    "deadline" DATE NOT NULL,
    "missingReports" INTEGER NOT NULL,
    "recipients" INTEGER NOT NULL,
    "notifiedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LateSalesReportNotice_pkey" PRIMARY KEY ("supplierId", "quarter")
);
ALTER TABLE "LateSalesReportNotice" ADD CONSTRAINT "LateSalesReportNotice_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Who may buy on an agreement (DOMAIN.md; lib/domain/agreement-status.ts): a party row, and for a
-- voluntary customer on a phase 8-10 agreement, unless it became party by enrolment, an approved
-- enrolment as well. A sale to anyone else is a finding.
CREATE VIEW "AgreementCustomerParty" AS
SELECT ap."agreementId", ap."institutionId"
  FROM "AgreementParty" ap
  JOIN "Agreement" a ON a."id" = ap."agreementId"
  JOIN "Institution" i ON i."id" = ap."institutionId"
  LEFT JOIN "Phase" ph ON ph."id" = a."phaseId"
 WHERE (a."kind" <> 'OWN' OR a."ownerInstitutionId" = ap."institutionId")
   AND (i."customerType" <> 'VOLUNTARY' OR ap."source" = 'ENROLMENT' OR ph."number" IS NULL OR ph."number" NOT BETWEEN 8 AND 10
        OR EXISTS (SELECT 1 FROM "Enrolment" e
                    WHERE e."agreementId" = ap."agreementId" AND e."institutionId" = ap."institutionId" AND e."status" = 'APPROVED'));

-- The suppliers' deadline of a quarter: ADMIN's, else the last day of the month after the quarter
-- (lib/sales-report/deadline-rules.ts defaultSupplierDeadline; a test compares the two).
CREATE FUNCTION "reconciliation_supplier_deadline"(q TEXT) RETURNS DATE LANGUAGE sql STABLE STRICT AS $$
  SELECT COALESCE((SELECT d."deadline" FROM "SupplierDeadline" d WHERE d."quarter" = q),
                  ("compliance_quarter_start"(q) + INTERVAL '4 months' - INTERVAL '1 day')::date)
$$;

CREATE FUNCTION "reconciliation_pairs"(q TEXT) RETURNS TABLE ("agreementId" INTEGER, "supplierId" INTEGER)
LANGUAGE sql STABLE AS $$
  SELECT x."agreementId", x."supplierId" FROM "AgreementSupplier" x JOIN "Agreement" a ON a."id" = x."agreementId"
   WHERE a."kind" <> 'OWN'
     AND a."validFrom" <= "compliance_quarter_end"(q) AND a."validTo" >= "compliance_quarter_start"(q)
     AND (a."retiredAt" IS NULL OR a."retiredAt" >= "compliance_quarter_start"(q))
  UNION
  SELECT r."agreementId", r."supplierId" FROM "SalesReport" r WHERE r."quarter" = q AND r."supersededAt" IS NULL
$$;

-- The reports missing on a day: pairs of the quarter without an active report whose supplier's last
-- reporting day (the deadline, or a later reopening for that supplier) has passed.
CREATE FUNCTION "reconciliation_missing_reports"(q TEXT, today DATE)
RETURNS TABLE ("agreementId" INTEGER, "supplierId" INTEGER, "deadline" DATE) LANGUAGE sql STABLE AS $$
  SELECT p."agreementId", p."supplierId", GREATEST("reconciliation_supplier_deadline"(q), o."until")
    FROM "reconciliation_pairs"(q) p
    LEFT JOIN "SalesReportReopening" o ON o."supplierId" = p."supplierId" AND o."quarter" = q
   WHERE GREATEST("reconciliation_supplier_deadline"(q), o."until") < today
     AND NOT EXISTS (SELECT 1 FROM "SalesReport" r
                      WHERE r."agreementId" = p."agreementId" AND r."supplierId" = p."supplierId"
                        AND r."quarter" = q AND r."supersededAt" IS NULL)
$$;

-- The status rule (lib/reconciliation/rules.ts says the same in TypeScript, with unit tests).
CREATE FUNCTION "reconciliation_status"(reported BIGINT, report_lines INTEGER, purchased BIGINT, purchase_lines INTEGER,
                                        tolerance_basis_points INTEGER, tolerance_ore BIGINT)
RETURNS "ReconciliationStatus" LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN purchase_lines = 0 THEN 'SUPPLIER_ONLY'::"ReconciliationStatus"
    WHEN report_lines = 0 THEN 'PURCHASES_ONLY'::"ReconciliationStatus"
    WHEN abs(reported - purchased) > tolerance_ore
     AND abs(reported - purchased)::numeric * 10000 > tolerance_basis_points::numeric * abs(purchased) THEN 'DIFFERS'::"ReconciliationStatus"
    ELSE 'AGREES'::"ReconciliationStatus"
  END
$$;

-- Rebuilds "ReconciliationSummary" for the given pairs of a quarter (all pairs when the arrays are NULL).
CREATE FUNCTION "reconciliation_summarise"(q TEXT, agreement_ids INTEGER[], supplier_ids INTEGER[]) RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ReconciliationSummary" s
   WHERE s."quarter" = q
     AND (agreement_ids IS NULL OR (s."agreementId", s."supplierId") IN (SELECT * FROM unnest(agreement_ids, supplier_ids)));
  INSERT INTO "ReconciliationSummary" ("quarter", "agreementId", "supplierId", "reportId", "noSales", "customers", "agrees",
                                       "differs", "supplierOnly", "purchasesOnly", "nonPartyCustomers", "nonPartyOre",
                                       "reportedOre", "purchasedOre", "absDifferenceOre")
  SELECT q, p."agreementId", p."supplierId", rep."id", COALESCE(rep."noSales", false),
         COALESCE(agg.customers, 0), COALESCE(agg.agrees, 0), COALESCE(agg.differs, 0), COALESCE(agg.supplier_only, 0),
         COALESCE(agg.purchases_only, 0), COALESCE(agg.non_party, 0), COALESCE(agg.non_party_ore, 0),
         COALESCE(agg.reported, 0), COALESCE(agg.purchased, 0), COALESCE(agg.abs_difference, 0)
    FROM "reconciliation_pairs"(q) p
    LEFT JOIN "SalesReport" rep ON rep."agreementId" = p."agreementId" AND rep."supplierId" = p."supplierId"
          AND rep."quarter" = q AND rep."supersededAt" IS NULL
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS customers,
             count(*) FILTER (WHERE r."status" = 'AGREES')::int AS agrees,
             count(*) FILTER (WHERE r."status" = 'DIFFERS')::int AS differs,
             count(*) FILTER (WHERE r."status" = 'SUPPLIER_ONLY')::int AS supplier_only,
             count(*) FILTER (WHERE r."status" = 'PURCHASES_ONLY')::int AS purchases_only,
             count(*) FILTER (WHERE NOT r."customerIsParty" AND r."reportLineCount" > 0)::int AS non_party,
             COALESCE(sum(r."reportedOre") FILTER (WHERE NOT r."customerIsParty" AND r."reportLineCount" > 0), 0)::bigint AS non_party_ore,
             sum(r."reportedOre")::bigint AS reported, sum(r."purchasedOre")::bigint AS purchased,
             sum(abs(r."differenceOre"))::bigint AS abs_difference
        FROM "Reconciliation" r
       WHERE r."quarter" = q AND r."supplierId" = p."supplierId" AND r."agreementId" = p."agreementId") agg ON TRUE
   WHERE agreement_ids IS NULL OR (p."agreementId", p."supplierId") IN (SELECT * FROM unnest(agreement_ids, supplier_ids));
END;
$$;

-- Rebuilds the reconciliation of a quarter: all of it (every argument but q NULL), one agreement x
-- supplier pair (agreement_id and supplier_id: a report was stored or replaced), or some institutions
-- (institution_ids: their purchase data changed, and compliance_refresh has rebuilt their spend
-- first). An institutions refresh keeps the reported side of the rows it replaces (the reports did
-- not change). Serialised per quarter by an advisory lock held to the end of the transaction.
-- Runs as the owner (ANALYZE after a full refresh), so it takes no names from the caller.
CREATE FUNCTION "reconciliation_refresh"(q TEXT, pair_agreement INTEGER DEFAULT NULL, pair_supplier INTEGER DEFAULT NULL,
                                         institution_ids INTEGER[] DEFAULT NULL) RETURNS JSONB
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  started TIMESTAMPTZ := clock_timestamp();
  refresh_mode TEXT := CASE WHEN institution_ids IS NOT NULL THEN 'institutions' WHEN pair_agreement IS NOT NULL THEN 'pair' ELSE 'full' END;
  tolerance_bp INTEGER;
  tolerance_ore BIGINT;
  touched_agreements INTEGER[];
  touched_suppliers INTEGER[];
  written_rows BIGINT;
BEGIN
  IF q IS NULL OR q !~ '^[0-9]{4}Q[1-4]$' THEN
    RAISE EXCEPTION 'reconciliation_refresh: not a quarter: %', q;
  END IF;
  IF (pair_agreement IS NULL) <> (pair_supplier IS NULL) OR (institution_ids IS NOT NULL AND pair_agreement IS NOT NULL) THEN
    RAISE EXCEPTION 'reconciliation_refresh: give a pair (agreement and supplier) or institutions, not both';
  END IF;
  PERFORM pg_advisory_xact_lock(72707373, hashtext(q));
  -- A quarter never computed is computed whole first: its other pairs and institutions are missing too.
  IF refresh_mode <> 'full' AND NOT EXISTS (SELECT 1 FROM "ReconciliationQuarter" c WHERE c."quarter" = q) THEN
    refresh_mode := 'full';
  END IF;
  PERFORM set_config('work_mem', '256MB', true);
  IF refresh_mode <> 'full' THEN
    PERFORM set_config('jit', 'off', true);
  END IF;
  SELECT s."reconciliationToleranceBasisPoints", s."reconciliationToleranceOre" INTO tolerance_bp, tolerance_ore
    FROM "AgencySetting" s WHERE s."id" = 1;
  tolerance_bp := COALESCE(tolerance_bp, 500);
  tolerance_ore := COALESCE(tolerance_ore, 1000000);

  IF to_regclass('pg_temp.reconciliation_reported') IS NOT NULL THEN DROP TABLE pg_temp.reconciliation_reported; END IF;
  IF to_regclass('pg_temp.reconciliation_purchased') IS NOT NULL THEN DROP TABLE pg_temp.reconciliation_purchased; END IF;

  -- 1. The reported side.
  IF refresh_mode = 'institutions' THEN
    CREATE TEMP TABLE reconciliation_reported ON COMMIT DROP AS
    SELECT r."agreementId" AS agreement_id, r."supplierId" AS supplier_id, r."institutionId" AS institution_id,
           r."reportedOre" AS amount, r."reportLineCount" AS lines
      FROM "Reconciliation" r
     WHERE r."quarter" = q AND r."institutionId" = ANY(institution_ids) AND r."reportLineCount" > 0;
  ELSE
    CREATE TEMP TABLE reconciliation_reported ON COMMIT DROP AS
    SELECT l."agreementId" AS agreement_id, l."supplierId" AS supplier_id, l."institutionId" AS institution_id,
           sum(l."amountOre")::bigint AS amount, count(*)::int AS lines
      FROM "SalesReport" rep JOIN "SalesReportLine" l ON l."reportId" = rep."id"
     WHERE rep."quarter" = q AND rep."supersededAt" IS NULL
       AND (refresh_mode = 'full' OR (rep."agreementId" = pair_agreement AND rep."supplierId" = pair_supplier))
     GROUP BY l."agreementId", l."supplierId", l."institutionId";
  END IF;

  -- 2. The purchase side, from the spend rollup (lines of ACTIVE submissions, effective category).
  CREATE TEMP TABLE reconciliation_purchased ON COMMIT DROP AS
  SELECT p."agreementId" AS agreement_id, p."supplierId" AS supplier_id, sr."institutionId" AS institution_id,
         sum(sr."amountOre")::bigint AS amount, sum(sr."lineCount")::int AS lines
    FROM "reconciliation_pairs"(q) p
    JOIN "Supplier" s ON s."id" = p."supplierId"
    JOIN "AgreementCategory" ac ON ac."agreementId" = p."agreementId"
    JOIN "SpendRollup" sr ON sr."quarter" = q AND sr."categoryCode" = ac."categoryCode" AND sr."supplierCvr" = s."cvr"
   WHERE (refresh_mode <> 'pair' OR (p."agreementId" = pair_agreement AND p."supplierId" = pair_supplier))
     AND (refresh_mode <> 'institutions' OR sr."institutionId" = ANY(institution_ids))
   GROUP BY p."agreementId", p."supplierId", sr."institutionId";

  -- 3. Replace the rows.
  IF refresh_mode = 'full' THEN
    DELETE FROM "Reconciliation" r WHERE r."quarter" = q;
  ELSIF refresh_mode = 'pair' THEN
    DELETE FROM "Reconciliation" r WHERE r."quarter" = q AND r."supplierId" = pair_supplier AND r."agreementId" = pair_agreement;
    touched_agreements := ARRAY[pair_agreement];
    touched_suppliers := ARRAY[pair_supplier];
  ELSE
    IF to_regclass('pg_temp.reconciliation_replaced') IS NOT NULL THEN DROP TABLE pg_temp.reconciliation_replaced; END IF;
    CREATE TEMP TABLE reconciliation_replaced ON COMMIT DROP AS
    SELECT * FROM "Reconciliation" r WHERE r."quarter" = q AND r."institutionId" = ANY(institution_ids);
    DELETE FROM "Reconciliation" r WHERE r."quarter" = q AND r."institutionId" = ANY(institution_ids);
  END IF;

  INSERT INTO "Reconciliation" ("quarter", "supplierId", "agreementId", "institutionId", "reportedOre", "reportLineCount",
                                "purchasedOre", "purchaseLineCount", "differenceOre", "status", "customerIsParty")
  SELECT q, x.supplier_id, x.agreement_id, x.institution_id, x.reported, x.report_lines, x.purchased, x.purchase_lines,
         x.reported - x.purchased,
         "reconciliation_status"(x.reported, x.report_lines, x.purchased, x.purchase_lines, tolerance_bp, tolerance_ore),
         party."agreementId" IS NOT NULL
    FROM (SELECT COALESCE(rp.agreement_id, pu.agreement_id) AS agreement_id,
                 COALESCE(rp.supplier_id, pu.supplier_id) AS supplier_id,
                 COALESCE(rp.institution_id, pu.institution_id) AS institution_id,
                 COALESCE(rp.amount, 0) AS reported, COALESCE(rp.lines, 0) AS report_lines,
                 COALESCE(pu.amount, 0) AS purchased, COALESCE(pu.lines, 0) AS purchase_lines
            FROM pg_temp.reconciliation_reported rp
            FULL JOIN pg_temp.reconciliation_purchased pu
              ON pu.agreement_id = rp.agreement_id AND pu.supplier_id = rp.supplier_id AND pu.institution_id = rp.institution_id) x
    LEFT JOIN "AgreementCustomerParty" party ON party."agreementId" = x.agreement_id AND party."institutionId" = x.institution_id
   -- In primary-key order: the key's index then grows at its end (a whole quarter's rows in random
   -- order took five times as long to insert here).
   ORDER BY x.supplier_id, x.agreement_id, x.institution_id;
  GET DIAGNOSTICS written_rows = ROW_COUNT;
  DROP TABLE pg_temp.reconciliation_reported;
  DROP TABLE pg_temp.reconciliation_purchased;

  -- 4. The summaries of the pairs touched.
  IF refresh_mode = 'full' THEN
    PERFORM "reconciliation_summarise"(q, NULL, NULL);
    ANALYZE "Reconciliation";
    ANALYZE "ReconciliationSummary";
  ELSIF refresh_mode = 'pair' THEN
    PERFORM "reconciliation_summarise"(q, touched_agreements, touched_suppliers);
  ELSE
    -- The institutions' new rows minus the rows they replaced, per pair, added to the summaries.
    WITH delta AS (
      SELECT x."agreementId", x."supplierId", sum(x.sign)::int AS customers,
             sum(x.sign) FILTER (WHERE x."status" = 'AGREES') AS agrees,
             sum(x.sign) FILTER (WHERE x."status" = 'DIFFERS') AS differs,
             sum(x.sign) FILTER (WHERE x."status" = 'SUPPLIER_ONLY') AS supplier_only,
             sum(x.sign) FILTER (WHERE x."status" = 'PURCHASES_ONLY') AS purchases_only,
             sum(x.sign) FILTER (WHERE NOT x."customerIsParty" AND x."reportLineCount" > 0) AS non_party,
             sum(x.sign * x."reportedOre") FILTER (WHERE NOT x."customerIsParty" AND x."reportLineCount" > 0) AS non_party_ore,
             sum(x.sign * x."reportedOre") AS reported, sum(x.sign * x."purchasedOre") AS purchased,
             sum(x.sign * abs(x."differenceOre")) AS abs_difference
        FROM (SELECT 1 AS sign, r.* FROM "Reconciliation" r WHERE r."quarter" = q AND r."institutionId" = ANY(institution_ids)
              UNION ALL SELECT -1, g.* FROM pg_temp.reconciliation_replaced g) x
       GROUP BY x."agreementId", x."supplierId"
    ), applied AS (
      UPDATE "ReconciliationSummary" s
         SET "customers" = s."customers" + d.customers,
             "agrees" = s."agrees" + COALESCE(d.agrees, 0),
             "differs" = s."differs" + COALESCE(d.differs, 0),
             "supplierOnly" = s."supplierOnly" + COALESCE(d.supplier_only, 0),
             "purchasesOnly" = s."purchasesOnly" + COALESCE(d.purchases_only, 0),
             "nonPartyCustomers" = s."nonPartyCustomers" + COALESCE(d.non_party, 0),
             "nonPartyOre" = s."nonPartyOre" + COALESCE(d.non_party_ore, 0),
             "reportedOre" = s."reportedOre" + d.reported,
             "purchasedOre" = s."purchasedOre" + d.purchased,
             "absDifferenceOre" = s."absDifferenceOre" + d.abs_difference
        FROM delta d
       WHERE s."quarter" = q AND s."agreementId" = d."agreementId" AND s."supplierId" = d."supplierId"
      RETURNING s."agreementId", s."supplierId"
    )
    -- A pair without a summary yet (new since the quarter was last computed): summarised whole.
    SELECT array_agg(d."agreementId"), array_agg(d."supplierId") INTO touched_agreements, touched_suppliers
      FROM delta d WHERE NOT EXISTS (SELECT 1 FROM applied a WHERE a."agreementId" = d."agreementId" AND a."supplierId" = d."supplierId");
    IF touched_agreements IS NOT NULL THEN
      PERFORM "reconciliation_summarise"(q, touched_agreements, touched_suppliers);
    END IF;
    DROP TABLE pg_temp.reconciliation_replaced;
  END IF;

  INSERT INTO "ReconciliationQuarter" ("quarter", "refreshedAt", "durationMs", "spendRefreshedAt")
  VALUES (q, now() AT TIME ZONE 'UTC', LEAST(extract(epoch FROM clock_timestamp() - started) * 1000, 2147483647)::int,
          (SELECT c."refreshedAt" FROM "ComplianceQuarter" c WHERE c."quarter" = q))
  ON CONFLICT ("quarter") DO UPDATE
    SET "refreshedAt" = EXCLUDED."refreshedAt", "durationMs" = EXCLUDED."durationMs",
        -- A pair's refresh reads the spend as it is but does not catch up on it.
        "spendRefreshedAt" = CASE WHEN refresh_mode = 'pair' THEN "ReconciliationQuarter"."spendRefreshedAt" ELSE EXCLUDED."spendRefreshedAt" END;
  RETURN jsonb_build_object('quarter', q, 'mode', refresh_mode, 'rows', written_rows,
                            'ms', round(extract(epoch FROM clock_timestamp() - started) * 1000));
END;
$$;

-- The tolerance changed: every stored status again (amounts stay), and the summaries.
CREATE FUNCTION "reconciliation_apply_tolerance"() RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
  tolerance_bp INTEGER;
  tolerance_ore BIGINT;
  changed INTEGER;
  q TEXT;
BEGIN
  SELECT s."reconciliationToleranceBasisPoints", s."reconciliationToleranceOre" INTO tolerance_bp, tolerance_ore
    FROM "AgencySetting" s WHERE s."id" = 1;
  UPDATE "Reconciliation" r
     SET "status" = "reconciliation_status"(r."reportedOre", r."reportLineCount", r."purchasedOre", r."purchaseLineCount", tolerance_bp, tolerance_ore)
   WHERE r."status" IS DISTINCT FROM "reconciliation_status"(r."reportedOre", r."reportLineCount", r."purchasedOre", r."purchaseLineCount", tolerance_bp, tolerance_ore);
  GET DIAGNOSTICS changed = ROW_COUNT;
  IF changed > 0 THEN
    FOR q IN SELECT "quarter" FROM "ReconciliationQuarter" LOOP
      PERFORM "reconciliation_summarise"(q, NULL, NULL);
    END LOOP;
  END IF;
  RETURN changed;
END;
$$;

-- A party row or an enrolment changed: the rows of that agreement and customer say again whether the
-- customer is party, and their pairs' summaries follow.
CREATE FUNCTION "reconciliation_party_changed"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  target RECORD;
  changed RECORD;
BEGIN
  FOR target IN
    SELECT DISTINCT t.agreement_id, t.institution_id
      FROM (VALUES (CASE WHEN TG_OP <> 'DELETE' THEN NEW."agreementId" END, CASE WHEN TG_OP <> 'DELETE' THEN NEW."institutionId" END),
                   (CASE WHEN TG_OP <> 'INSERT' THEN OLD."agreementId" END, CASE WHEN TG_OP <> 'INSERT' THEN OLD."institutionId" END))
           AS t(agreement_id, institution_id)
     WHERE t.agreement_id IS NOT NULL
  LOOP
    FOR changed IN
      WITH updated AS (
        UPDATE "Reconciliation" r
           SET "customerIsParty" = NOT r."customerIsParty"
         WHERE r."agreementId" = target.agreement_id AND r."institutionId" = target.institution_id
           AND r."customerIsParty" IS DISTINCT FROM EXISTS (SELECT 1 FROM "AgreementCustomerParty" p
                                                             WHERE p."agreementId" = target.agreement_id AND p."institutionId" = target.institution_id)
        RETURNING r."quarter", r."agreementId", r."supplierId")
      SELECT DISTINCT u."quarter", u."agreementId", u."supplierId" FROM updated u
    LOOP
      PERFORM "reconciliation_summarise"(changed."quarter", ARRAY[changed."agreementId"], ARRAY[changed."supplierId"]);
    END LOOP;
  END LOOP;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "AgreementParty_reconciliation" AFTER INSERT OR UPDATE OR DELETE ON "AgreementParty"
  FOR EACH ROW EXECUTE FUNCTION "reconciliation_party_changed"();
CREATE TRIGGER "Enrolment_reconciliation" AFTER INSERT OR UPDATE OF "status", "agreementId", "institutionId" OR DELETE ON "Enrolment"
  FOR EACH ROW EXECUTE FUNCTION "reconciliation_party_changed"();
