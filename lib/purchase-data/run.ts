import type pg from "pg";
import { pgConnection } from "./connection";
import { runImport, type ImportRequest, type ImportResult } from "./import";

/**
 * Runs one import in its own transaction on a node-postgres client: committed when the result is
 * ok, rolled back otherwise (a problem list, a refusal, an error). For the command line, the SKS
 * endpoint and the upload on PostgreSQL, the benchmark and the tests.
 */
export async function importWithClient(client: pg.ClientBase, request: ImportRequest, embedded?: boolean): Promise<ImportResult> {
  const conn = await pgConnection(client, embedded);
  await client.query("BEGIN");
  try {
    const result = await runImport(conn, request);
    await client.query(result.ok ? "COMMIT" : "ROLLBACK");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
