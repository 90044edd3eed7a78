import type { Writable } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/**
 * The one connection an import runs on, inside one transaction that the caller opens and closes.
 * Two kinds: a node-postgres client (PostgreSQL: COPY available; also used by scripts and tests),
 * or a Prisma interactive transaction (the app on the embedded database, whose single connection
 * Prisma holds). No "server-only": the CLI and the benchmark use it too.
 */
export type SqlConnection = {
  /** True on PGlite, where COPY FROM STDIN breaks the connection (docs/decisions/0002). */
  readonly embedded: boolean;
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>;
  /** `COPY ... FROM STDIN` as a writable stream; only when not embedded. */
  copyFrom?(text: string): Writable;
};

const PGLITE = /PGlite|emscripten/i;

/** Whether a server's version() string is PGlite's. */
export function isEmbeddedVersion(version: string): boolean {
  return PGLITE.test(version);
}

/** Wraps a node-postgres client; asks the server whether it is PGlite unless told. */
export async function pgConnection(client: pg.ClientBase, embedded?: boolean): Promise<SqlConnection> {
  const isEmbedded =
    embedded ?? isEmbeddedVersion(((await client.query<{ version: string }>("SELECT version()")).rows[0]?.version ?? ""));
  return {
    embedded: isEmbedded,
    query: async <Row,>(text: string, values?: unknown[]) => {
      const result = await client.query(text, values);
      return { rows: result.rows as Row[], rowCount: result.rowCount };
    },
    copyFrom: isEmbedded ? undefined : (text: string) => client.query(copyFrom(text)),
  };
}

/** Wraps a Prisma (transaction) client, typed structurally to stay free of the generated client. */
export function prismaConnection(
  tx: { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T> },
  embedded: boolean,
): SqlConnection {
  return {
    embedded,
    query: async <Row,>(text: string, values: unknown[] = []) => {
      const rows = (await tx.$queryRawUnsafe<Row[]>(text, ...values)) ?? [];
      // Prisma's raw query gives no row count for statements without RETURNING.
      return { rows, rowCount: null };
    },
  };
}
