/**
 * The one module that writes purchase lines in bulk outside the ORM (STACK.md: keep it in one module,
 * tested against the same schema: tests/integration/purchase-data.test.ts).
 *
 * Why not COPY into an untyped staging table and INSERT ... SELECT into "PurchaseLine": measured on
 * this 2-core machine (PostgreSQL 15, 128 MB shared buffers), inserting 1,000,000 rows into the
 * table with its primary key, four indexes and four foreign keys took 30-41 s (14-19 s even with the
 * foreign-key triggers switched off): the cost is per-row index maintenance and per-row foreign-key
 * checks, whichever way the rows arrive. So "PurchaseLine" is partitioned by range of id (migration
 * 20261122100000_purchase_data) and a large load goes like this, all in the caller's transaction:
 *
 *   1. take a block of 2^32 ids (sequence "PurchaseLine_bulk_block_seq") and create an empty table
 *      like "PurchaseLine" with a CHECK on that id range: it is the staging table;
 *   2. stream the checked lines into it: COPY FROM STDIN in ~5,000-row chunks on PostgreSQL, unnest
 *      batches on the embedded database (PGlite breaks on COPY through its socket);
 *   3. ANALYZE it and ATTACH it as a partition: PostgreSQL builds the primary key and the four
 *      indexes in bulk (one sort each) and validates the four foreign keys set-based (one anti-join
 *      each); the CHECK spares it the scan for the partition bound.
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
import { once } from "node:events";
import type { Writable } from "node:stream";
import { PurchaseLineWriter, type PurchaseLineRow } from "@/lib/db/bulk-insert";
import type { SqlConnection } from "./connection";

export const DEFAULT_PARTITION_MIN_ROWS = 50_000;
const COPY_CHUNK_ROWS = 5_000;
const UNNEST_BATCH_ROWS = 10_000;
const FIRST_BLOCK = 2n ** 50n;
const BLOCK_SIZE = 2n ** 32n;

const COLUMNS = `"id", "submissionId", "institutionId", "ministryId", "quarter", "purchaseDate", "supplierCvr", "supplierName", "categoryCode", "amountOre", "ecommerce", "ean"`;

export type LoadMode = "shared" | "partition";
export type LoadSummary = { mode: LoadMode; rows: number; partition: string | null };

export type LoaderOptions = {
  /** From this many lines on, the lines get a partition of their own. */
  partitionMinRows?: number;
  /** Called with the number of lines sent to the database so far. */
  onProgress?: (rowsSent: number) => void;
};

// COPY text format: tab-separated, \N for NULL, backslash escapes.
const NEEDS_ESCAPE = /[\\\t\n\r]/;
function copyText(value: string | null): string {
  if (value === null) return "\\N";
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

function copyLine(id: number, l: PurchaseLineRow): string {
  return (
    `${id}\t${l.submissionId}\t${l.institutionId}\t${l.ministryId}\t${copyText(l.quarter)}\t${l.purchaseDate ?? "\\N"}\t` +
    `${copyText(l.supplierCvr)}\t${copyText(l.supplierName)}\t${copyText(l.categoryCode)}\t${l.amountOre}\t${l.ecommerce ? "t" : "f"}\t` +
    `${copyText(l.ean)}\n`
  );
}

// Array literals for unnest (as lib/db/bulk-insert.ts builds them).
function arrayText(values: (string | null)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out += (i > 0 ? "," : "") + (v === null || v === undefined ? "NULL" : `"${v.replace(/[\\"]/g, "\\$&")}"`);
  }
  return `${out}}`;
}

const UNNEST_SQL = (table: string) => `INSERT INTO "${table}" (${COLUMNS})
SELECT * FROM unnest($1::bigint[], $2::int[], $3::int[], $4::int[], $5::text[], $6::date[], $7::text[], $8::text[],
                     $9::text[], $10::bigint[], $11::boolean[], $12::text[])`;

function unnestValues(firstId: number, lines: PurchaseLineRow[]): string[] {
  const ids: string[] = [];
  for (let i = 0; i < lines.length; i++) ids.push(String(firstId + i));
  return [
    `{${ids.join(",")}}`,
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

/** Waits for an event on a stream, or rejects with the stream's error. */
function waitFor(stream: Writable, event: "drain" | "finish"): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      stream.off("error", failed);
      resolve();
    };
    const failed = (error: unknown) => {
      stream.off(event, done);
      reject(error);
    };
    stream.once(event, done);
    stream.once("error", failed);
  });
}

/**
 * Loads the lines of one import. Call `add` with batches as they are checked, `endInput` when the
 * input is done (it frees the connection for other statements), then insert the lines' Submission
 * rows, then `complete`. To give up, call `abandon` and roll the transaction back.
 */
export class PurchaseLineLoader {
  private readonly partitionMinRows: number;
  private buffer: PurchaseLineRow[] = [];
  private partition: { name: string; low: bigint; high: bigint } | null = null;
  /** The next id as a number: ids stay below 2^53 while there are fewer than 2^21 blocks. */
  private nextId = 0;
  private copy: Writable | null = null;
  private copyFailure: unknown = null;
  private chunk: string[] = [];
  private pending: PurchaseLineRow[] = [];
  private sent = 0;
  private state: "open" | "ended" | "done" | "abandoned" = "open";

  constructor(
    private readonly conn: SqlConnection,
    private readonly options: LoaderOptions = {},
  ) {
    this.partitionMinRows = options.partitionMinRows ?? DEFAULT_PARTITION_MIN_ROWS;
  }

  get mode(): LoadMode {
    return this.partition ? "partition" : "shared";
  }

  /** Adds checked lines (with their submission ids). */
  async add(lines: readonly PurchaseLineRow[]): Promise<void> {
    if (this.state !== "open") throw new Error(`PurchaseLineLoader.add after ${this.state}`);
    if (!this.partition) {
      for (const line of lines) this.buffer.push(line);
      if (this.buffer.length < this.partitionMinRows) return;
      await this.openPartition();
      const buffered = this.buffer;
      this.buffer = [];
      await this.send(buffered);
      return;
    }
    await this.send(lines);
  }

  private async openPartition(): Promise<void> {
    const { rows } = await this.conn.query<{ low: string }>(`SELECT nextval('"PurchaseLine_bulk_block_seq"')::text AS low`);
    const low = BigInt(rows[0]!.low);
    const high = low + BLOCK_SIZE;
    const name = `PurchaseLine_b${(low - FIRST_BLOCK) / BLOCK_SIZE + 1n}`;
    await this.conn.query(
      `CREATE TABLE "${name}" (LIKE "PurchaseLine", CONSTRAINT "${name}_id_range" CHECK ("id" >= ${low} AND "id" < ${high}))`,
    );
    if (high > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error("PurchaseLine_bulk_block_seq has passed 2^53: ids would lose precision");
    this.partition = { name, low, high };
    this.nextId = Number(low);
    if (this.conn.copyFrom) {
      const copy = this.conn.copyFrom(`COPY "${name}" (${COLUMNS}) FROM STDIN`);
      copy.on("error", (error) => {
        this.copyFailure ??= error;
      });
      this.copy = copy;
    }
  }

  private async send(lines: readonly PurchaseLineRow[]): Promise<void> {
    if (this.copy) {
      for (const line of lines) {
        this.chunk.push(copyLine(this.nextId++, line));
        if (this.chunk.length >= COPY_CHUNK_ROWS) await this.flushChunk();
      }
      return;
    }
    for (const line of lines) {
      this.pending.push(line);
      if (this.pending.length >= UNNEST_BATCH_ROWS) await this.flushUnnest();
    }
  }

  private async flushChunk(): Promise<void> {
    if (this.chunk.length === 0) return;
    if (this.copyFailure) throw this.copyFailure;
    const rows = this.chunk.length;
    const text = this.chunk.join("");
    this.chunk = [];
    const copy = this.copy!;
    if (!copy.write(text)) await waitFor(copy, "drain");
    this.sent += rows;
    this.options.onProgress?.(this.sent);
  }

  private async flushUnnest(): Promise<void> {
    if (this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    await this.conn.query(UNNEST_SQL(this.partition!.name), unnestValues(this.nextId, lines));
    this.nextId += lines.length;
    this.sent += lines.length;
    this.options.onProgress?.(this.sent);
  }

  /** No more lines: finishes the COPY, so the connection takes other statements again. */
  async endInput(): Promise<void> {
    if (this.state !== "open") throw new Error(`PurchaseLineLoader.endInput after ${this.state}`);
    this.state = "ended";
    if (!this.partition) return;
    if (this.copy) {
      await this.flushChunk();
      const copy = this.copy;
      this.copy = null;
      copy.end();
      await waitFor(copy, "finish");
      if (this.copyFailure) throw this.copyFailure;
    } else {
      await this.flushUnnest();
    }
  }

  /** Writes the buffered lines (small load) or indexes and attaches the partition (large load). */
  async complete(): Promise<LoadSummary> {
    if (this.state !== "ended") throw new Error(`PurchaseLineLoader.complete needs endInput first (state ${this.state})`);
    this.state = "done";
    if (!this.partition) {
      const lines = this.buffer;
      this.buffer = [];
      const writer = new PurchaseLineWriter(
        { query: async (text, values) => ({ rowCount: (await this.conn.query(text, values)).rowCount }) },
        UNNEST_BATCH_ROWS,
        (written) => this.options.onProgress?.(written),
      );
      for (const line of lines) if (writer.push(line)) await writer.flush();
      await writer.finish();
      return { mode: "shared", rows: lines.length, partition: null };
    }
    const { name, low, high } = this.partition;
    if (!this.conn.embedded) await this.conn.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    // Statistics first, so that the foreign-key checks of the attach are planned as hash anti-joins.
    await this.conn.query(`ANALYZE "${name}"`);
    // Builds the primary key and the indexes "PurchaseLine" has (in bulk), checks the foreign keys.
    await this.conn.query(`ALTER TABLE "PurchaseLine" ATTACH PARTITION "${name}" FOR VALUES FROM (${low}) TO (${high})`);
    return { mode: "partition", rows: this.nextId - Number(low), partition: name };
  }

  /** Stops a COPY in progress; the caller then rolls the transaction back. */
  async abandon(): Promise<void> {
    if (this.state === "abandoned" || this.state === "done") return;
    this.state = "abandoned";
    this.buffer = [];
    this.chunk = [];
    this.pending = [];
    const copy = this.copy;
    this.copy = null;
    if (copy && !copy.destroyed) {
      const settled = new Promise<void>((resolve) => {
        copy.once("close", () => resolve());
        copy.once("error", () => resolve());
      });
      copy.destroy(new Error("Indlæsningen er afbrudt."));
      await Promise.race([settled, once(copy, "close").then(() => undefined)]).catch(() => undefined);
    }
  }
}
