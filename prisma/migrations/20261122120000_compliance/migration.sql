-- Compliance (issue 7): the rollup tables and the SQL that fills them from the purchase lines.
--
-- The definition (DOMAIN.md, "Purchase data and compliance"), as computed here:
--   compliance of a ministry on an agreement for a quarter
--     = spend in the agreement's categories with the agreement's suppliers (by CVR)
--       / all spend in those categories,
--   both excluding VAT (amounts are stored without VAT), over the lines of ACTIVE submissions only
--   (view "ActivePurchaseLine"), counting only lines of institutions that were OBLIGATED customers
--   on the purchase date (a line without a date: the quarter's last day), by InstitutionMembership
--   (without a membership covering the day: the institution's customer type). The ministry is the
--   line's "ministryId" (the institution's ministry at purchase time). A line's category is its own,
--   else the supplier's mapping (Supplier.categoryCode by CVR).
--   The agreements measured in a quarter are the mandatory centrally coordinated agreements
--   (MANDATORY_CENTRAL) in force on the quarter's last day and not retired by then: one agreement of a
--   re-tendered pair per quarter, the same day the import uses for an undated line's ministry.
--   E-commerce share = spend flagged as e-commerce / all spend, per ministry and quarter, over the
--   same lines (obligated institutions).
--   Leakage = spend in an agreement's categories with suppliers outside it (a line without supplier
--   CVR is always outside), by supplier.
--
-- How: "SpendRollup" is the one table built from the raw lines (one GROUP BY per quarter, or per
-- quarter and institution); the compliance, leakage and e-commerce tables are built from it.
-- compliance_refresh(quarter, institution_ids) rebuilds one quarter (institution_ids NULL) or the
-- given institutions of a quarter (and the leakage of their ministries) in the caller's transaction;
-- lib/compliance/rollup.ts calls it after each import, and lazily for quarters whose submissions
-- changed without it (seed, scripts) or whose master data changed (triggers below set "stale").

-- CreateTable
CREATE TABLE "SpendRollup" (
    "id" BIGSERIAL NOT NULL,
    "quarter" TEXT NOT NULL,
    "ministryId" INTEGER NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "obligated" BOOLEAN NOT NULL,
    "categoryCode" TEXT,
    "supplierCvr" TEXT,
    "supplierName" TEXT NOT NULL,
    "amountOre" BIGINT NOT NULL,
    "ecommerceOre" BIGINT NOT NULL,
    "lineCount" INTEGER NOT NULL,

    CONSTRAINT "SpendRollup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplianceRollup" (
    "quarter" TEXT NOT NULL,
    "ministryId" INTEGER NOT NULL,
    "agreementId" INTEGER NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "numeratorOre" BIGINT NOT NULL,
    "denominatorOre" BIGINT NOT NULL,
    "lineCount" INTEGER NOT NULL,

    CONSTRAINT "ComplianceRollup_pkey" PRIMARY KEY ("quarter","ministryId","agreementId","institutionId")
);

-- CreateTable
CREATE TABLE "ComplianceLeakage" (
    "id" BIGSERIAL NOT NULL,
    "quarter" TEXT NOT NULL,
    "ministryId" INTEGER NOT NULL,
    "agreementId" INTEGER NOT NULL,
    "supplierCvr" TEXT,
    "supplierName" TEXT NOT NULL,
    "amountOre" BIGINT NOT NULL,
    "lineCount" INTEGER NOT NULL,

    CONSTRAINT "ComplianceLeakage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EcommerceRollup" (
    "quarter" TEXT NOT NULL,
    "ministryId" INTEGER NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "totalOre" BIGINT NOT NULL,
    "ecommerceOre" BIGINT NOT NULL,
    "lineCount" INTEGER NOT NULL,

    CONSTRAINT "EcommerceRollup_pkey" PRIMARY KEY ("quarter","ministryId","institutionId")
);

-- CreateTable
CREATE TABLE "ObligatedPeriod" (
    "quarter" TEXT NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE NOT NULL,

    CONSTRAINT "ObligatedPeriod_pkey" PRIMARY KEY ("quarter","institutionId","validFrom")
);

-- CreateTable
CREATE TABLE "ComplianceQuarter" (
    "quarter" TEXT NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "stale" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ComplianceQuarter_pkey" PRIMARY KEY ("quarter")
);

-- CreateTable
CREATE TABLE "ComplianceSource" (
    "quarter" TEXT NOT NULL,
    "institutionId" INTEGER NOT NULL,
    "submissionCount" INTEGER NOT NULL,
    "submissionIdSum" BIGINT NOT NULL,
    "activeCount" INTEGER NOT NULL,

    CONSTRAINT "ComplianceSource_pkey" PRIMARY KEY ("quarter","institutionId")
);

-- CreateTable
CREATE TABLE "ComplianceReport" (
    "id" SERIAL NOT NULL,
    "ministryId" INTEGER NOT NULL,
    "quarter" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "numeratorOre" BIGINT NOT NULL,
    "denominatorOre" BIGINT NOT NULL,
    "ecommerceOre" BIGINT NOT NULL,
    "totalOre" BIGINT NOT NULL,
    "recipients" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplianceReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SpendRollup_quarter_institutionId_idx" ON "SpendRollup"("quarter", "institutionId");
CREATE INDEX "SpendRollup_quarter_ministryId_idx" ON "SpendRollup"("quarter", "ministryId");
CREATE INDEX "SpendRollup_categoryCode_quarter_idx" ON "SpendRollup"("categoryCode", "quarter");
CREATE INDEX "ComplianceRollup_ministryId_quarter_idx" ON "ComplianceRollup"("ministryId", "quarter");
CREATE INDEX "ComplianceRollup_quarter_institutionId_idx" ON "ComplianceRollup"("quarter", "institutionId");
CREATE INDEX "ComplianceLeakage_quarter_ministryId_agreementId_idx" ON "ComplianceLeakage"("quarter", "ministryId", "agreementId");
CREATE INDEX "EcommerceRollup_ministryId_quarter_idx" ON "EcommerceRollup"("ministryId", "quarter");
CREATE INDEX "EcommerceRollup_quarter_institutionId_idx" ON "EcommerceRollup"("quarter", "institutionId");
CREATE INDEX "ComplianceReport_ministryId_quarter_idx" ON "ComplianceReport"("ministryId", "quarter");
CREATE INDEX "ComplianceReport_quarter_idx" ON "ComplianceReport"("quarter");

-- ---------------------------------------------------------------------------------------------
-- The definition's parts, each in one place (the pages' line trails use them too).
-- ---------------------------------------------------------------------------------------------

-- First and last day of a quarter such as '2026Q3'.
CREATE FUNCTION "compliance_quarter_start"(q TEXT) RETURNS DATE LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT make_date(substr(q, 1, 4)::int, substr(q, 6, 1)::int * 3 - 2, 1)
$$;

CREATE FUNCTION "compliance_quarter_end"(q TEXT) RETURNS DATE LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT (make_date(substr(q, 1, 4)::int, substr(q, 6, 1)::int * 3 - 2, 1) + INTERVAL '3 months' - INTERVAL '1 day')::date
$$;

-- The agreements measured in a quarter: mandatory centrally coordinated agreements in force on the
-- quarter's last day and not retired by then.
CREATE FUNCTION "compliance_agreements"(q TEXT) RETURNS TABLE ("agreementId" INTEGER) LANGUAGE sql STABLE AS $$
  SELECT a."id" FROM "Agreement" a
   WHERE a."kind" = 'MANDATORY_CENTRAL'
     AND a."validFrom" <= "compliance_quarter_end"(q) AND a."validTo" >= "compliance_quarter_end"(q)
     AND (a."retiredAt" IS NULL OR a."retiredAt"::date > "compliance_quarter_end"(q))
$$;

-- Their categories, and their suppliers by CVR (each pair once: the link tables' keys and the
-- unique supplier CVR see to that).
CREATE FUNCTION "compliance_agreement_categories"(q TEXT) RETURNS TABLE ("agreementId" INTEGER, "categoryCode" TEXT)
LANGUAGE sql STABLE AS $$
  SELECT c."agreementId", c."categoryCode" FROM "AgreementCategory" c
   WHERE c."agreementId" IN (SELECT m."agreementId" FROM "compliance_agreements"(q) m)
$$;

CREATE FUNCTION "compliance_agreement_suppliers"(q TEXT) RETURNS TABLE ("agreementId" INTEGER, "supplierCvr" TEXT)
LANGUAGE sql STABLE AS $$
  SELECT x."agreementId", s."cvr" FROM "AgreementSupplier" x JOIN "Supplier" s ON s."id" = x."supplierId"
   WHERE x."agreementId" IN (SELECT m."agreementId" FROM "compliance_agreements"(q) m)
$$;

-- ---------------------------------------------------------------------------------------------
-- The refresh.
-- ---------------------------------------------------------------------------------------------

-- Rebuilds a quarter's rollup (institution_ids NULL), or that of the given institutions in it, in the
-- caller's transaction. Serialised per quarter by an advisory lock held to the end of the transaction.
-- Returns what it did as JSON: {"quarter", "mode": "full"|"institutions", "spendRows", "ms"}.
CREATE FUNCTION "compliance_refresh"(q TEXT, institution_ids INTEGER[] DEFAULT NULL) RETURNS JSONB
LANGUAGE plpgsql AS $$
DECLARE
  started TIMESTAMPTZ := clock_timestamp();
  full_refresh BOOLEAN := institution_ids IS NULL;
  quarter_end DATE;
  ministries INTEGER[];
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
              FROM "ActivePurchaseLine" l
              LEFT JOIN "Supplier" s ON s."cvr" = l."supplierCvr"
              LEFT JOIN "ObligatedPeriod" p ON p."quarter" = %1$L AND p."institutionId" = l."institutionId"
                    AND COALESCE(l."purchaseDate", %2$L::date) BETWEEN p."validFrom" AND p."validTo"
             WHERE l."quarter" = %1$L AND %3$s) x
     GROUP BY x.ministry_id, x.institution_id, x.obligated, x.category_code, x.supplier_cvr, x.supplier_id, x.name_key
  $sql$, q, quarter_end,
    CASE WHEN full_refresh THEN 'TRUE' ELSE format('l."institutionId" = ANY(%L::int[])', institution_ids) END);

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

-- The institutions of a quarter whose submissions differ from what their figures were computed from.
CREATE FUNCTION "compliance_stale_institutions"(q TEXT) RETURNS INTEGER[] LANGUAGE sql STABLE AS $$
  SELECT COALESCE(array_agg(COALESCE(c.institution_id, s."institutionId") ORDER BY COALESCE(c.institution_id, s."institutionId")), '{}')
    FROM (SELECT x."institutionId" AS institution_id, count(*)::int AS n, sum(x."id")::bigint AS ids,
                 count(*) FILTER (WHERE x."status" = 'ACTIVE')::int AS active
            FROM "Submission" x WHERE x."quarter" = q GROUP BY x."institutionId") c
    FULL JOIN (SELECT * FROM "ComplianceSource" y WHERE y."quarter" = q) s ON s."institutionId" = c.institution_id
   WHERE s."institutionId" IS NULL OR c.institution_id IS NULL
      OR (c.n, c.ids, c.active) IS DISTINCT FROM (s."submissionCount", s."submissionIdSum", s."activeCount")
$$;

-- Brings a quarter up to date: everything when it was never computed or its master data changed,
-- else the institutions whose submissions changed. With wait = false it gives up at once when
-- another transaction is refreshing the quarter (mode "busy").
CREATE FUNCTION "compliance_refresh_stale"(q TEXT, wait BOOLEAN DEFAULT true) RETURNS JSONB LANGUAGE plpgsql AS $$
DECLARE
  stale_ids INTEGER[];
  quarter_stale BOOLEAN;
BEGIN
  IF wait THEN
    PERFORM pg_advisory_xact_lock(72707372, hashtext(q));
  ELSIF NOT pg_try_advisory_xact_lock(72707372, hashtext(q)) THEN
    RETURN jsonb_build_object('quarter', q, 'mode', 'busy');
  END IF;
  SELECT c."stale" INTO quarter_stale FROM "ComplianceQuarter" c WHERE c."quarter" = q;
  IF quarter_stale IS NULL OR quarter_stale THEN
    RETURN "compliance_refresh"(q);
  END IF;
  stale_ids := "compliance_stale_institutions"(q);
  IF cardinality(stale_ids) = 0 THEN
    RETURN jsonb_build_object('quarter', q, 'mode', 'fresh');
  END IF;
  RETURN "compliance_refresh"(q, stale_ids);
END;
$$;

-- ---------------------------------------------------------------------------------------------
-- Master data the figures depend on: a change marks every computed quarter stale (recomputed when
-- next shown, or by the agency's "Genberegn"). Statement-level, so a bulk import marks once.
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION "compliance_master_data_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ComplianceQuarter" SET "stale" = true WHERE NOT "stale";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "AgreementCategory_compliance" AFTER INSERT OR UPDATE OR DELETE ON "AgreementCategory"
  FOR EACH STATEMENT EXECUTE FUNCTION "compliance_master_data_changed"();
CREATE TRIGGER "AgreementSupplier_compliance" AFTER INSERT OR UPDATE OR DELETE ON "AgreementSupplier"
  FOR EACH STATEMENT EXECUTE FUNCTION "compliance_master_data_changed"();
CREATE TRIGGER "Agreement_compliance_rows" AFTER INSERT OR DELETE ON "Agreement"
  FOR EACH STATEMENT EXECUTE FUNCTION "compliance_master_data_changed"();
CREATE TRIGGER "Agreement_compliance_update" AFTER UPDATE OF "kind", "validFrom", "validTo", "retiredAt" ON "Agreement"
  FOR EACH STATEMENT EXECUTE FUNCTION "compliance_master_data_changed"();
CREATE TRIGGER "Supplier_compliance_rows" AFTER INSERT OR DELETE ON "Supplier"
  FOR EACH STATEMENT EXECUTE FUNCTION "compliance_master_data_changed"();
CREATE TRIGGER "Supplier_compliance_update" AFTER UPDATE OF "cvr", "name", "categoryCode" ON "Supplier"
  FOR EACH STATEMENT EXECUTE FUNCTION "compliance_master_data_changed"();
CREATE TRIGGER "InstitutionMembership_compliance" AFTER INSERT OR UPDATE OR DELETE ON "InstitutionMembership"
  FOR EACH STATEMENT EXECUTE FUNCTION "compliance_master_data_changed"();
CREATE TRIGGER "Institution_compliance_update" AFTER UPDATE OF "customerType" ON "Institution"
  FOR EACH STATEMENT EXECUTE FUNCTION "compliance_master_data_changed"();

-- Existing purchase data (a database migrated after data arrived): compute every quarter now.
SELECT "compliance_refresh"(s."quarter") FROM (SELECT DISTINCT "quarter" FROM "Submission") s ORDER BY s."quarter";
