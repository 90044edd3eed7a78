import type pg from "pg";
import { pgConnection, type SqlConnection } from "./connection";
import { runImport, type ImportRequest, type ImportResult } from "./import";

/**
 * Runs `work` in its own transaction on a node-postgres client: committed when its result is ok,
 * rolled back otherwise (a problem list, a refusal, an error).
 */
export async function inClientTransaction<Result extends { ok: boolean }>(
  client: pg.ClientBase,
  work: (conn: SqlConnection) => Promise<Result>,
  embedded?: boolean,
): Promise<Result> {
  const conn = await pgConnection(client, embedded);
  await client.query("BEGIN");
  try {
    const result = await work(conn);
    await client.query(result.ok ? "COMMIT" : "ROLLBACK");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/**
 * Runs one import in its own transaction on a node-postgres client. For the command line, the SKS
 * endpoint and the upload on PostgreSQL, the benchmark and the tests.
 */
export async function importWithClient(client: pg.ClientBase, request: ImportRequest, embedded?: boolean): Promise<ImportResult> {
  return inClientTransaction(client, (conn) => runImport(conn, request), embedded);
}
