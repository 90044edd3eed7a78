-- Catalogue search: Danish full-text search plus trigram matching (compounds: "stol" finds
-- "Kontorstole"), over one lower-case search text per agreement that triggers keep current.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "Agreement" ADD COLUMN "searchText" TEXT NOT NULL DEFAULT '';

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
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Agreement_search_text"
  BEFORE INSERT OR UPDATE OF "reference", "name", "description" ON "Agreement"
  FOR EACH ROW EXECUTE FUNCTION "agreement_set_search_text"();

-- Refreshes the agreements a changed link, supplier or category belongs to.
CREATE FUNCTION "agreement_refresh_search_text"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed RECORD := COALESCE(NEW, OLD);
BEGIN
  IF TG_TABLE_NAME = 'AgreementSupplier' OR TG_TABLE_NAME = 'AgreementCategory' THEN
    UPDATE "Agreement" g SET "searchText" = "agreement_search_text"(g."id", g."reference", g."name", g."description")
     WHERE g."id" = changed."agreementId";
  ELSIF TG_TABLE_NAME = 'Supplier' THEN
    UPDATE "Agreement" g SET "searchText" = "agreement_search_text"(g."id", g."reference", g."name", g."description")
     WHERE g."id" IN (SELECT "agreementId" FROM "AgreementSupplier" WHERE "supplierId" = changed."id");
  ELSE
    UPDATE "Agreement" g SET "searchText" = "agreement_search_text"(g."id", g."reference", g."name", g."description")
     WHERE g."id" IN (SELECT "agreementId" FROM "AgreementCategory" WHERE "categoryCode" = changed."code");
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "AgreementSupplier_search_text" AFTER INSERT OR DELETE ON "AgreementSupplier"
  FOR EACH ROW EXECUTE FUNCTION "agreement_refresh_search_text"();
CREATE TRIGGER "AgreementCategory_search_text" AFTER INSERT OR DELETE ON "AgreementCategory"
  FOR EACH ROW EXECUTE FUNCTION "agreement_refresh_search_text"();
CREATE TRIGGER "Supplier_search_text" AFTER UPDATE OF "name", "cvr" ON "Supplier"
  FOR EACH ROW EXECUTE FUNCTION "agreement_refresh_search_text"();
CREATE TRIGGER "Category_search_text" AFTER UPDATE OF "name" ON "Category"
  FOR EACH ROW EXECUTE FUNCTION "agreement_refresh_search_text"();

-- Indexes Prisma's schema cannot describe (listed in lib/db/schema-spec.ts SQL_ONLY_INDEXES).
CREATE INDEX "Agreement_searchText_fts_idx" ON "Agreement" USING GIN (to_tsvector('danish', "searchText"));
CREATE INDEX "Agreement_searchText_trgm_idx" ON "Agreement" USING GIN ("searchText" gin_trgm_ops);
