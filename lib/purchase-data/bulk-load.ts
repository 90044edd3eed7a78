/**
 * The one module that writes purchase lines in bulk outside the ORM (STACK.md: keep it in one module,
 * tested against the same schema: tests/integration/purchase-data.test.ts).
 *
 * Why not COPY into an untyped staging table and INSERT ... SELECT into "PurchaseLine": measured on
 * this 2-core machine (PostgreSQL 15, 128 MB shared buffers), inserting 1,000,000 rows into the
 * table with its primary key, four indexes (two since issue 6) and four foreign keys took 30-41 s
 * (14-19 s even with the foreign-key triggers switched off): the cost is per-row index maintenance
 * and per-row foreign-key checks, whichever way the rows arrive. So "PurchaseLine" is partitioned by range of id (migration
 * 20261122100000_purchase_data) and a large load goes like this, all in the caller's transaction:
 *
 *   1. take a block of 2^32 ids (sequence "PurchaseLine_bulk_block_seq") and create an empty table
 *      like "PurchaseLine" with a CHECK on that id range: it is the staging table (steps 1 and 3 are
 *      SQL functions that run as the tables' owner: the portal's own role owns nothing);
 *   2. stream the checked lines into it: COPY FROM STDIN in binary format, in chunks of 512 kB, on
 *      PostgreSQL; unnest batches on the embedded database (PGlite breaks on COPY through its socket);
 *   3. ANALYZE it (a small sample) and ATTACH it as a partition: PostgreSQL builds the primary key
 *      and the two indexes in bulk (one sort each, in parallel workers) and validates the four
 *      foreign keys set-based (one anti-join each); the CHECK spares it the scan for the partition
 *      bound.
 *
 * Row syntax and references are checked before a line gets here (lib/purchase-data/rows.ts, against
 * the reference data read in the same transaction); the attach is the database's own set-based check.
 * A killed process leaves nothing: the table, its rows and the attach are part of the transaction.
 *
 * A small load (below `partitionMinRows`, default 50,000 lines) is kept in memory and inserted into
 * "PurchaseLine" itself (the shared partition) with the unnest batches of lib/db/bulk-insert.ts, so
 * that everyday submissions do not each make a partition.
 *
 * Locking: ATTACH takes SHARE UPDATE EXCLUSIVE on "PurchaseLine" (reads and writes go on) and, for
 * the foreign-key check, SHARE ROW EXCLUSIVE on Submission, Institution, Ministry and Category until
 * the transaction ends (writes to those wait for the final second of a large import).
 */
import { PurchaseLineWriter, type PurchaseLineRow } from "@/lib/db/bulk-insert";
import type { BinaryCopyBuffer } from "@/lib/db/copy-binary";
import { arrayText, idArray, PartitionedLoader, UNNEST_BATCH_ROWS, type LoaderOptions, type PartitionedTable } from "@/lib/db/partitioned-load";
import type { SqlConnection } from "./connection";

export { DEFAULT_PARTITION_MIN_ROWS, type LoadMode, type LoadSummary } from "@/lib/db/partitioned-load";

const COLUMNS = `"id", "submissionId", "institutionId", "ministryId", "quarter", "purchaseDate", "supplierCvr", "supplierName", "categoryCode", "amountOre", "ecommerce", "ean"`;

const FIELDS = 12;

/**
 * Bytes a line may take in COPY binary format: numbers, date, flag and the lengths take 83 bytes;
 * 3 bytes per UTF-16 unit of text covers UTF-8.
 */
function lineBytes(l: PurchaseLineRow): number {
  const text = l.quarter.length + l.supplierName.length + (l.supplierCvr?.length ?? 0) + (l.categoryCode?.length ?? 0) + (l.ean?.length ?? 0);
  return 128 + 3 * text;
}

/**
 * A line in COPY binary format, straight into the chunk's buffer: no string per line and no join
 * (measured: formatting the lines as text lines cost about a second of the main thread per million
 * lines, a third of it in the garbage collector), and the server does not parse numbers and dates
 * (its part of the COPY took about a quarter less than in text format).
 */
function writeLine(chunk: BinaryCopyBuffer, id: number, l: PurchaseLineRow): void {
  chunk.row(FIELDS);
  chunk.int8(id);
  chunk.int4(l.submissionId);
  chunk.int4(l.institutionId);
  chunk.int4(l.ministryId);
  chunk.text(l.quarter);
  chunk.date(l.purchaseDate);
  chunk.text(l.supplierCvr);
  chunk.text(l.supplierName);
  chunk.text(l.categoryCode);
  chunk.bigint(l.amountOre);
  chunk.bool(l.ecommerce);
  chunk.text(l.ean);
}

const UNNEST_SQL = (table: string) => `INSERT INTO "${table}" (${COLUMNS})
SELECT * FROM unnest($1::bigint[], $2::int[], $3::int[], $4::int[], $5::text[], $6::date[], $7::text[], $8::text[],
                     $9::text[], $10::bigint[], $11::boolean[], $12::text[])`;

function unnestValues(firstId: number, lines: readonly PurchaseLineRow[]): string[] {
  return [
    idArray(firstId, lines.length),
    `{${lines.map((l) => l.submissionId).join(",")}}`,
    `{${lines.map((l) => l.institutionId).join(",")}}`,
    `{${lines.map((l) => l.ministryId).join(",")}}`,
    arrayText(lines.map((l) => l.quarter)),
    arrayText(lines.map((l) => l.purchaseDate)),
    arrayText(lines.map((l) => l.supplierCvr)),
    arrayText(lines.map((l) => l.supplierName)),
    arrayText(lines.map((l) => l.categoryCode)),
    `{${lines.map((l) => l.amountOre.toString()).join(",")}}`,
    `{${lines.map((l) => (l.ecommerce ? "t" : "f")).join(",")}}`,
    arrayText(lines.map((l) => l.ean)),
  ];
}

const PURCHASE_LINE_TABLE: PartitionedTable<PurchaseLineRow> = {
  createPartition: "purchase_line_create_partition",
  attachPartition: "purchase_line_attach_partition",
  columns: COLUMNS,
  rowBytes: lineBytes,
  writeRow: writeLine,
  unnestInsert: (table, firstId, lines) => ({ text: UNNEST_SQL(table), values: unnestValues(firstId, lines) }),
  async insertShared(conn, lines, onProgress) {
    const writer = new PurchaseLineWriter(
      { query: async (text, values) => ({ rowCount: (await conn.query(text, values)).rowCount }) },
      UNNEST_BATCH_ROWS,
      onProgress,
    );
    for (const line of lines) if (writer.push(line)) await writer.flush();
    await writer.finish();
  },
};

/** Loads the purchase lines of one import (see the module comment and lib/db/partitioned-load.ts). */
export class PurchaseLineLoader extends PartitionedLoader<PurchaseLineRow> {
  constructor(conn: SqlConnection, options: LoaderOptions = {}) {
    super(PURCHASE_LINE_TABLE, conn, options);
  }
}
