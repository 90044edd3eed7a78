-- Catalogue search: Danish full-text search plus trigram matching (compounds: "stol" finds
-- "Kontorstole"), over one lower-case search text per agreement that triggers keep current.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "Agreement" ADD COLUMN "searchText" TEXT NOT NULL DEFAULT '';
-- The stemmed form of searchText, stored so that ranking does not stem every row on every search.
-- Prisma's schema cannot describe it (lib/db/schema-spec.ts SQL_ONLY_COLUMNS).
ALTER TABLE "Agreement" ADD COLUMN "searchVector" tsvector NOT NULL DEFAULT ''::tsvector;

CREATE FUNCTION "agreement_search_text"(agreement_id INTEGER, reference TEXT, name TEXT, description TEXT)
RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT lower(concat_ws(' ', reference, name, description,
    (SELECT string_agg(s."name" || ' ' || s."cvr", ' ' ORDER BY s."id")
       FROM "AgreementSupplier" a JOIN "Supplier" s ON s."id" = a."supplierId" WHERE a."agreementId" = agreement_id),
    (SELECT string_agg(c."name" || ' ' || c."code", ' ' ORDER BY c."code")
       FROM "AgreementCategory" a JOIN "Category" c ON c."code" = a."categoryCode" WHERE a."agreementId" = agreement_id)))
$$;

CREATE FUNCTION "agreement_set_search_text"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchText" := "agreement_search_text"(NEW."id", NEW."reference", NEW."name", NEW."description");
  NEW."searchVector" := to_tsvector('danish', NEW."searchText");
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Agreement_search_text"
  BEFORE INSERT OR UPDATE OF "reference", "name", "description" ON "Agreement"
  FOR EACH ROW EXECUTE FUNCTION "agreement_set_search_text"();

-- Recomputes the search text of the given agreements (after their suppliers or categories change).
CREATE FUNCTION "agreement_refresh_search_text"(agreement_ids INTEGER[]) RETURNS VOID LANGUAGE sql AS $$
  UPDATE "Agreement" g
     SET "searchText" = t.text, "searchVector" = to_tsvector('danish', t.text)
    FROM (SELECT a."id", "agreement_search_text"(a."id", a."reference", a."name", a."description") AS text
            FROM "Agreement" a WHERE a."id" = ANY(agreement_ids)) t
   WHERE g."id" = t."id"
$$;

-- Statement-level triggers with transition tables: a bulk insert of links refreshes each
-- agreement once, not once per row.
CREATE FUNCTION "agreement_links_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "agreement_refresh_search_text"(ARRAY(SELECT DISTINCT "agreementId" FROM new_rows));
  ELSE
    PERFORM "agreement_refresh_search_text"(ARRAY(SELECT DISTINCT "agreementId" FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "AgreementSupplier_search_insert" AFTER INSERT ON "AgreementSupplier"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "agreement_links_changed"();
CREATE TRIGGER "AgreementSupplier_search_delete" AFTER DELETE ON "AgreementSupplier"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "agreement_links_changed"();
CREATE TRIGGER "AgreementCategory_search_insert" AFTER INSERT ON "AgreementCategory"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "agreement_links_changed"();
CREATE TRIGGER "AgreementCategory_search_delete" AFTER DELETE ON "AgreementCategory"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "agreement_links_changed"();

-- A renamed supplier or category changes the search text of its agreements.
CREATE FUNCTION "agreement_names_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'Supplier' THEN
    PERFORM "agreement_refresh_search_text"(ARRAY(SELECT "agreementId" FROM "AgreementSupplier" WHERE "supplierId" = NEW."id"));
  ELSE
    PERFORM "agreement_refresh_search_text"(ARRAY(SELECT "agreementId" FROM "AgreementCategory" WHERE "categoryCode" = NEW."code"));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Supplier_search_text" AFTER UPDATE OF "name", "cvr" ON "Supplier"
  FOR EACH ROW EXECUTE FUNCTION "agreement_names_changed"();
CREATE TRIGGER "Category_search_text" AFTER UPDATE OF "name" ON "Category"
  FOR EACH ROW EXECUTE FUNCTION "agreement_names_changed"();

-- Indexes Prisma's schema cannot describe (listed in lib/db/schema-spec.ts SQL_ONLY_INDEXES).
CREATE INDEX "Agreement_searchVector_idx" ON "Agreement" USING GIN ("searchVector");
CREATE INDEX "Agreement_searchText_trgm_idx" ON "Agreement" USING GIN ("searchText" gin_trgm_ops);
CREATE INDEX "Agreement_name_trgm_idx" ON "Agreement" USING GIN (lower("name") gin_trgm_ops);
