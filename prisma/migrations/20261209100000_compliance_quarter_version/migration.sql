-- The compliance dashboard's figures are kept in each portal process while the rollups of the quarters
-- it shows are unchanged (lib/compliance/queries.ts, docs/decisions/0018-shared-cache.md). The
-- rollups' only writer, compliance_refresh, updates the quarter's "ComplianceQuarter" row in its own
-- transaction; every insert or update of that row takes a new version from a sequence, so a version
-- is never used twice, not even for a row deleted and inserted again.
CREATE SEQUENCE "ComplianceQuarter_version_seq";
ALTER TABLE "ComplianceQuarter" ADD COLUMN "version" BIGINT NOT NULL DEFAULT nextval('"ComplianceQuarter_version_seq"');
ALTER SEQUENCE "ComplianceQuarter_version_seq" OWNED BY "ComplianceQuarter"."version";

CREATE FUNCTION "compliance_quarter_new_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."version" := nextval('"ComplianceQuarter_version_seq"');
  RETURN NEW;
END
$$;

CREATE TRIGGER "ComplianceQuarter_version" BEFORE UPDATE ON "ComplianceQuarter"
  FOR EACH ROW EXECUTE FUNCTION "compliance_quarter_new_version"();
