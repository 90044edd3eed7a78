import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { diffSchemas, expectedSchema, introspect } from "@/lib/db/schema-spec";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

describe("schema.prisma and the migrated database", () => {
  let db: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it("agree on tables, columns, types, nullability, enums, keys and indexes", async () => {
    expect(diffSchemas(expectedSchema(), await introspect(client))).toEqual([]);
  });

  it("are told apart when a migration leaves something out", async () => {
    await client.query('ALTER TABLE "Agreement" ALTER COLUMN "description" DROP NOT NULL');
    await client.query('DROP INDEX "PurchaseLine_submissionId_idx"');
    await client.query('DROP INDEX "Agreement_searchText_trgm_idx"');
    const problems = diffSchemas(expectedSchema(), await introspect(client));
    expect(problems).toContainEqual(expect.stringContaining("column Agreement.description differs"));
    expect(problems).toContainEqual(expect.stringContaining("index PurchaseLine_submissionId_idx is missing"));
    expect(problems).toContainEqual(expect.stringContaining("index Agreement_searchText_trgm_idx (made in SQL only) is missing"));
  });
});
