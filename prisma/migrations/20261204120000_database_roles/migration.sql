-- The portal serves as a role that owns nothing (lib/db/roles.ts, docs/decisions/0011). The three
-- things its runtime does that only a table's owner may do run in these functions, as the role
-- that owns them (the migrations' role), on names they make themselves, never on the caller's.

-- A large purchase-data load's staging table: a new block of 2^32 ids and an empty table like
-- "PurchaseLine" with a CHECK on that range (lib/purchase-data/bulk-load.ts). The caller, which
-- fills it with COPY, gets SELECT and INSERT on it.
CREATE FUNCTION "purchase_line_create_partition"() RETURNS TABLE ("name" TEXT, "low" BIGINT, "high" BIGINT)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  block_low BIGINT := nextval('"PurchaseLine_bulk_block_seq"');
  block_high BIGINT := block_low + 4294967296;
  partition_name TEXT := 'PurchaseLine_b' || ((block_low - 1125899906842624) / 4294967296 + 1);
BEGIN
  EXECUTE format('CREATE TABLE %I (LIKE "PurchaseLine", CONSTRAINT %I CHECK ("id" >= %s AND "id" < %s))',
                 partition_name, partition_name || '_id_range', block_low, block_high);
  EXECUTE format('GRANT SELECT, INSERT ON %I TO %I', partition_name, session_user);
  RETURN QUERY SELECT partition_name, block_low, block_high;
END;
$$;

-- Analyzes the staging table and attaches it as a partition of "PurchaseLine" (the primary key and
-- indexes are built in bulk, the foreign keys checked set-based). Only a table made by the function
-- above, not yet attached, is accepted; its bounds follow from its name.
CREATE FUNCTION "purchase_line_attach_partition"(partition_name TEXT) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  block_low BIGINT;
BEGIN
  IF partition_name IS NULL OR partition_name !~ '^PurchaseLine_b[1-9][0-9]{0,9}$'
     OR NOT EXISTS (SELECT 1 FROM pg_class c
                     WHERE c.relname = partition_name AND c.relnamespace = 'public'::regnamespace
                       AND c.relkind = 'r' AND NOT c.relispartition) THEN
    RAISE EXCEPTION 'purchase_line_attach_partition: not a staging table: %', partition_name;
  END IF;
  block_low := 1125899906842624 + (substr(partition_name, 15)::BIGINT - 1) * 4294967296;
  EXECUTE format('ANALYZE %I', partition_name);
  EXECUTE format('ALTER TABLE "PurchaseLine" ATTACH PARTITION %I FOR VALUES FROM (%s) TO (%s)',
                 partition_name, block_low, block_low + 4294967296);
END;
$$;

REVOKE ALL ON FUNCTION "purchase_line_create_partition"() FROM PUBLIC;
REVOKE ALL ON FUNCTION "purchase_line_attach_partition"(TEXT) FROM PUBLIC;

-- The compliance refresh ends a full refresh with ANALYZE of the rollup tables, which only their
-- owner may do (PostgreSQL 15 skips it with a warning otherwise): it runs as the owner too. It
-- validates its quarter and takes ids as an integer array; it writes only the rollups. A later
-- CREATE OR REPLACE of it must say SECURITY DEFINER SET search_path = public, pg_temp again.
ALTER FUNCTION "compliance_refresh"(TEXT, INTEGER[]) SECURITY DEFINER SET search_path = public, pg_temp;
