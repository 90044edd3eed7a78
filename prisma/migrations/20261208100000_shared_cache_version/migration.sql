-- What every user sees alike (the catalogue's lists and choices) is kept in each portal process's
-- memory while its version is unchanged (lib/cache/shared.ts, docs/decisions/0018-shared-cache.md).
-- Every write to a table it is read from raises the version in the writing transaction, at commit:
-- the next request in any process reads the new version and reads the data again.
CREATE TABLE "CacheVersion" (
    "scope" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "CacheVersion_pkey" PRIMARY KEY ("scope")
);
INSERT INTO "CacheVersion" ("scope") VALUES ('catalogue');

-- Deferred to the commit, so the version row is locked for an instant at the end of the transaction
-- rather than from the first write on (no waits, no deadlocks between long imports and edits); once
-- per transaction and scope however many rows it wrote.
CREATE FUNCTION "raise_cache_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('sip.cache_version_raised_' || TG_ARGV[0], true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('sip.cache_version_raised_' || TG_ARGV[0], txid_current()::text, true);
    UPDATE "CacheVersion" SET "version" = "version" + 1 WHERE "scope" = TG_ARGV[0];
  END IF;
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Agreement', 'AgreementSupplier', 'AgreementCategory', 'Supplier', 'Category', 'Phase',
                           'AgreementUse', 'AgencySetting', 'Institution', 'EuThreshold'] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION "raise_cache_version"(''catalogue'')', t || '_cache_version', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "raise_cache_version"(''catalogue'')',
                   t || '_cache_version_truncate', t);
  END LOOP;
END
$$;
