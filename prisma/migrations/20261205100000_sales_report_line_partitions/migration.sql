-- Sales report lines are loaded as purchase lines are (docs/decisions/0005 and 0014): a large
-- report (a supplier's million customer rows) is streamed with COPY into a table of its own and
-- attached as a partition, so that the primary key and the index are built in bulk and the three
-- foreign keys checked set-based, not per row (measured: 1,000,000 rows inserted into the plain
-- table took 11.7 s, a plain COPY into an untyped table 1.1 s). Small reports go into the shared
-- partition. The table is new (migration 20261204160000_sales_reports) and holds no rows yet.
DROP TABLE "SalesReportLine";

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
) PARTITION BY RANGE ("id");
CREATE INDEX "SalesReportLine_reportId_idx" ON "SalesReportLine"("reportId");
ALTER TABLE "SalesReportLine" ADD CONSTRAINT "SalesReportLine_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "SalesReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SalesReportLine" ADD CONSTRAINT "SalesReportLine_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SalesReportLine" ADD CONSTRAINT "SalesReportLine_categoryCode_fkey" FOREIGN KEY ("categoryCode") REFERENCES "Category"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "SalesReportLine_shared" PARTITION OF "SalesReportLine" FOR VALUES FROM (MINVALUE) TO (1125899906842624);

-- Each value is the first id of a block of 2^32 ids for one large report.
CREATE SEQUENCE "SalesReportLine_bulk_block_seq" AS BIGINT START WITH 1125899906842624 INCREMENT BY 4294967296;

-- As purchase_line_create_partition (migration 20261204120000_database_roles): run as the owner,
-- on names it makes itself; the caller gets SELECT and INSERT on the new table.
CREATE FUNCTION "sales_report_line_create_partition"() RETURNS TABLE ("name" TEXT, "low" BIGINT, "high" BIGINT)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  block_low BIGINT := nextval('"SalesReportLine_bulk_block_seq"');
  block_high BIGINT := block_low + 4294967296;
  partition_name TEXT := 'SalesReportLine_b' || ((block_low - 1125899906842624) / 4294967296 + 1);
BEGIN
  EXECUTE format('CREATE TABLE %I (LIKE "SalesReportLine", CONSTRAINT %I CHECK ("id" >= %s AND "id" < %s))',
                 partition_name, partition_name || '_id_range', block_low, block_high);
  EXECUTE format('GRANT SELECT, INSERT ON %I TO %I', partition_name, session_user);
  RETURN QUERY SELECT partition_name, block_low, block_high;
END;
$$;

-- Analyzes the staging table and attaches it; only a table made by the function above is accepted.
CREATE FUNCTION "sales_report_line_attach_partition"(partition_name TEXT) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  block_low BIGINT;
BEGIN
  IF partition_name IS NULL OR partition_name !~ '^SalesReportLine_b[1-9][0-9]{0,9}$'
     OR NOT EXISTS (SELECT 1 FROM pg_class c
                     WHERE c.relname = partition_name AND c.relnamespace = 'public'::regnamespace
                       AND c.relkind = 'r' AND NOT c.relispartition) THEN
    RAISE EXCEPTION 'sales_report_line_attach_partition: not a staging table: %', partition_name;
  END IF;
  block_low := 1125899906842624 + (substr(partition_name, 18)::BIGINT - 1) * 4294967296;
  EXECUTE format('ANALYZE %I', partition_name);
  EXECUTE format('ALTER TABLE "SalesReportLine" ATTACH PARTITION %I FOR VALUES FROM (%s) TO (%s)',
                 partition_name, block_low, block_low + 4294967296);
END;
$$;

REVOKE ALL ON FUNCTION "sales_report_line_create_partition"() FROM PUBLIC;
REVOKE ALL ON FUNCTION "sales_report_line_attach_partition"(TEXT) FROM PUBLIC;
