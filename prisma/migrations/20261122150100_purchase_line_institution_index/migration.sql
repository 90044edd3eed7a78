-- Purchase lines lose their index on ("institutionId", "quarter") (issue 6, the import's speed).
--
-- A large import builds every index of "PurchaseLine" on its new partition when it attaches it
-- (docs/decisions/0005); this one cost about 0.5-0.8 s per million lines here. Its one reader was the
-- compliance rollup for some institutions of a quarter (compliance_refresh with institution_ids,
-- after every import): it now reads the lines of their ACTIVE submissions of the quarter, named by a
-- list of ids read first, so that the index on "submissionId" serves an everyday submission's refresh
-- however many lines the quarter has. The list takes the place of the view "ActivePurchaseLine" (the
-- same lines: those of ACTIVE submissions; a line belongs to a submission of its own institution,
-- lib/purchase-data/import.ts and the seed write them so). A list of constants rather than a join or
-- subquery on "Submission": the planner estimates the lines from the partitions' own statistics (the
-- import analyzes its new partition), not from those of "Submission", which never count the import's
-- own new submissions. Measured on a fresh database after a million-line import: the view's join
-- planned a sort of the million lines (1.3-1.8 s), a subquery nested loops (4-6 s), the list a hash
-- aggregate (0.7 s). The full refresh still reads the view. The line trails filter by institution only
-- with quarter and ministry (the index on ("ministryId", "quarter")).
--
-- compliance_refresh below is the function of migration 20261122120000_compliance with one change:
-- where step 2 reads the lines of the given institutions from (and the variable it needs).
DROP INDEX "PurchaseLine_institutionId_quarter_idx";

CREATE OR REPLACE FUNCTION "compliance_refresh"(q TEXT, institution_ids INTEGER[] DEFAULT NULL) RETURNS JSONB
LANGUAGE plpgsql AS $$
DECLARE
  started TIMESTAMPTZ := clock_timestamp();
  full_refresh BOOLEAN := institution_ids IS NULL;
  quarter_end DATE;
  ministries INTEGER[];
  submission_ids INTEGER[];
  spend_rows BIGINT;
BEGIN
  IF q IS NULL OR q !~ '^[0-9]{4}Q[1-4]$' THEN
    RAISE EXCEPTION 'compliance_refresh: not a quarter: %', q;
  END IF;
  quarter_end := "compliance_quarter_end"(q);
  PERFORM pg_advisory_xact_lock(72707372, hashtext(q));
  -- The quarter's aggregate has many groups: keep it in memory rather than spill (this transaction only).
  PERFORM set_config('work_mem', '256MB', true);
  -- A few institutions' lines: compiling the plans (JIT) would cost more than running them.
  IF NOT full_refresh THEN
    PERFORM set_config('jit', 'off', true);
  END IF;

  -- A full refresh clears the master-data flag first, holding the row: a master-data change that
  -- commits meanwhile waits for this transaction and then sets the flag again.
  INSERT INTO "ComplianceQuarter" ("quarter", "refreshedAt", "durationMs", "stale")
  VALUES (q, now() AT TIME ZONE 'UTC', 0, false)
  ON CONFLICT ("quarter") DO UPDATE SET "stale" = false WHERE full_refresh;

  -- 1. The days each institution was obligated, as periods.
  DELETE FROM "ObligatedPeriod" p WHERE p."quarter" = q AND (full_refresh OR p."institutionId" = ANY(institution_ids));
  INSERT INTO "ObligatedPeriod" ("quarter", "institutionId", "validFrom", "validTo")
  SELECT q, d.institution_id, min(d.day), max(d.day)
    FROM (SELECT c.institution_id, c.day, c.day - (row_number() OVER (PARTITION BY c.institution_id ORDER BY c.day))::int AS island
            FROM (SELECT i."id" AS institution_id, g::date AS day,
                         COALESCE((SELECT m."customerType" FROM "InstitutionMembership" m
                                    WHERE m."institutionId" = i."id" AND m."validFrom" <= g::date
                                      AND (m."validTo" IS NULL OR m."validTo" >= g::date)
                                    ORDER BY m."validFrom" DESC, m."id" DESC LIMIT 1),
                                  i."customerType") AS customer_type
                    FROM "Institution" i
                   CROSS JOIN generate_series("compliance_quarter_start"(q)::timestamp, quarter_end::timestamp, INTERVAL '1 day') g
                   WHERE full_refresh OR i."id" = ANY(institution_ids)) c
           WHERE c.customer_type = 'OBLIGATED') d
   GROUP BY d.institution_id, d.island;

  -- 2. Spend from the lines of ACTIVE submissions. CREATE TABLE AS may run in parallel (an INSERT ...
  --    SELECT may not, in PostgreSQL 15), so the aggregate is staged first.
  IF NOT full_refresh THEN
    SELECT array_agg(DISTINCT r."ministryId") INTO ministries
      FROM "SpendRollup" r WHERE r."quarter" = q AND r."institutionId" = ANY(institution_ids);
    SELECT COALESCE(array_agg(s."id"), '{}') INTO submission_ids
      FROM "Submission" s WHERE s."quarter" = q AND s."institutionId" = ANY(institution_ids) AND s."status" = 'ACTIVE';
  END IF;
  IF to_regclass('pg_temp.compliance_stage') IS NOT NULL THEN
    DROP TABLE pg_temp.compliance_stage;
  END IF;
  EXECUTE format($sql$
    CREATE TEMP TABLE compliance_stage ON COMMIT DROP AS
    SELECT x.ministry_id, x.institution_id, x.obligated, x.category_code, x.supplier_cvr, x.supplier_id,
           CASE WHEN x.supplier_cvr IS NULL THEN x.name_key
                ELSE min(x.line_name) FILTER (WHERE x.supplier_id IS NULL) END AS line_name,
           sum(x.amount)::bigint AS amount,
           COALESCE(sum(x.amount) FILTER (WHERE x.ecommerce), 0)::bigint AS ecommerce,
           count(*)::int AS lines
      FROM (SELECT l."ministryId" AS ministry_id, l."institutionId" AS institution_id,
                   p."institutionId" IS NOT NULL AS obligated,
                   COALESCE(l."categoryCode", s."categoryCode") AS category_code,
                   l."supplierCvr" AS supplier_cvr, s."id" AS supplier_id,
                   CASE WHEN l."supplierCvr" IS NULL THEN l."supplierName" END AS name_key,
                   l."supplierName" AS line_name, l."amountOre" AS amount, l."ecommerce" AS ecommerce
              FROM %3$s l
              LEFT JOIN "Supplier" s ON s."cvr" = l."supplierCvr"
              LEFT JOIN "ObligatedPeriod" p ON p."quarter" = %1$L AND p."institutionId" = l."institutionId"
                    AND COALESCE(l."purchaseDate", %2$L::date) BETWEEN p."validFrom" AND p."validTo"
             WHERE l."quarter" = %1$L AND %4$s) x
     GROUP BY x.ministry_id, x.institution_id, x.obligated, x.category_code, x.supplier_cvr, x.supplier_id, x.name_key
  $sql$, q, quarter_end,
    CASE WHEN full_refresh THEN '"ActivePurchaseLine"' ELSE '"PurchaseLine"' END,
    CASE WHEN full_refresh THEN 'TRUE'
         ELSE format('l."institutionId" = ANY(%L::int[]) AND l."submissionId" = ANY(%L::int[])', institution_ids, submission_ids) END);

  DELETE FROM "SpendRollup" r WHERE r."quarter" = q AND (full_refresh OR r."institutionId" = ANY(institution_ids));
  INSERT INTO "SpendRollup" ("quarter", "ministryId", "institutionId", "obligated", "categoryCode", "supplierCvr",
                             "supplierName", "amountOre", "ecommerceOre", "lineCount")
  SELECT q, st.ministry_id, st.institution_id, st.obligated, st.category_code, st.supplier_cvr,
         COALESCE(s."name", st.line_name, st.supplier_cvr), st.amount, st.ecommerce, st.lines
    FROM pg_temp.compliance_stage st LEFT JOIN "Supplier" s ON s."id" = st.supplier_id
   -- A ministry's rows together on disk: the pages read a quarter by ministry.
   ORDER BY st.ministry_id, st.institution_id, st.category_code;
  GET DIAGNOSTICS spend_rows = ROW_COUNT;
  IF NOT full_refresh THEN
    SELECT array_agg(DISTINCT m) INTO ministries
      FROM (SELECT unnest(ministries) AS m UNION SELECT st.ministry_id FROM pg_temp.compliance_stage st) u;
  END IF;
  DROP TABLE pg_temp.compliance_stage;

  -- 3. Compliance per ministry x agreement x institution (obligated spend only).
  DELETE FROM "ComplianceRollup" r WHERE r."quarter" = q AND (full_refresh OR r."institutionId" = ANY(institution_ids));
  INSERT INTO "ComplianceRollup" ("quarter", "ministryId", "agreementId", "institutionId", "numeratorOre", "denominatorOre", "lineCount")
  SELECT q, r."ministryId", ac."agreementId", r."institutionId",
         COALESCE(sum(r."amountOre") FILTER (WHERE sp."agreementId" IS NOT NULL), 0)::bigint,
         sum(r."amountOre")::bigint, sum(r."lineCount")::int
    FROM "SpendRollup" r
    JOIN "compliance_agreement_categories"(q) ac ON ac."categoryCode" = r."categoryCode"
    LEFT JOIN "compliance_agreement_suppliers"(q) sp ON sp."agreementId" = ac."agreementId" AND sp."supplierCvr" = r."supplierCvr"
   WHERE r."quarter" = q AND r."obligated" AND (full_refresh OR r."institutionId" = ANY(institution_ids))
   GROUP BY r."ministryId", ac."agreementId", r."institutionId";

  -- 4. E-commerce per ministry x institution (obligated spend only).
  DELETE FROM "EcommerceRollup" r WHERE r."quarter" = q AND (full_refresh OR r."institutionId" = ANY(institution_ids));
  INSERT INTO "EcommerceRollup" ("quarter", "ministryId", "institutionId", "totalOre", "ecommerceOre", "lineCount")
  SELECT q, r."ministryId", r."institutionId", sum(r."amountOre")::bigint, sum(r."ecommerceOre")::bigint, sum(r."lineCount")::int
    FROM "SpendRollup" r
   WHERE r."quarter" = q AND r."obligated" AND (full_refresh OR r."institutionId" = ANY(institution_ids))
   GROUP BY r."ministryId", r."institutionId";

  -- 5. Leakage per ministry x agreement x supplier, for every ministry the refreshed institutions touch.
  DELETE FROM "ComplianceLeakage" k WHERE k."quarter" = q AND (full_refresh OR k."ministryId" = ANY(ministries));
  INSERT INTO "ComplianceLeakage" ("quarter", "ministryId", "agreementId", "supplierCvr", "supplierName", "amountOre", "lineCount")
  SELECT q, r."ministryId", ac."agreementId", r."supplierCvr", min(r."supplierName"), sum(r."amountOre")::bigint, sum(r."lineCount")::int
    FROM "SpendRollup" r
    JOIN "compliance_agreement_categories"(q) ac ON ac."categoryCode" = r."categoryCode"
    LEFT JOIN "compliance_agreement_suppliers"(q) sp ON sp."agreementId" = ac."agreementId" AND sp."supplierCvr" = r."supplierCvr"
   WHERE r."quarter" = q AND r."obligated" AND sp."agreementId" IS NULL AND (full_refresh OR r."ministryId" = ANY(ministries))
   GROUP BY r."ministryId", ac."agreementId", r."supplierCvr", CASE WHEN r."supplierCvr" IS NULL THEN r."supplierName" END
   ORDER BY r."ministryId", ac."agreementId";

  -- 6. What the figures were computed from.
  DELETE FROM "ComplianceSource" c WHERE c."quarter" = q AND (full_refresh OR c."institutionId" = ANY(institution_ids));
  INSERT INTO "ComplianceSource" ("quarter", "institutionId", "submissionCount", "submissionIdSum", "activeCount")
  SELECT q, s."institutionId", count(*)::int, sum(s."id")::bigint, count(*) FILTER (WHERE s."status" = 'ACTIVE')::int
    FROM "Submission" s
   WHERE s."quarter" = q AND (full_refresh OR s."institutionId" = ANY(institution_ids))
   GROUP BY s."institutionId";

  -- A whole quarter replaced: fresh statistics, so that the pages' queries are planned for what is there.
  IF full_refresh THEN
    ANALYZE "SpendRollup";
    ANALYZE "ComplianceRollup";
    ANALYZE "ComplianceLeakage";
  END IF;

  UPDATE "ComplianceQuarter"
     SET "refreshedAt" = now() AT TIME ZONE 'UTC',
         "durationMs" = LEAST(extract(epoch FROM clock_timestamp() - started) * 1000, 2147483647)::int
   WHERE "quarter" = q;
  RETURN jsonb_build_object('quarter', q, 'mode', CASE WHEN full_refresh THEN 'full' ELSE 'institutions' END,
                            'spendRows', spend_rows, 'ms', round(extract(epoch FROM clock_timestamp() - started) * 1000));
END;
$$;
