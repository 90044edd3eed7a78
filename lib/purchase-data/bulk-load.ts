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
import { once } from "node:events";
import type { Writable } from "node:stream";
import { PurchaseLineWriter, type PurchaseLineRow } from "@/lib/db/bulk-insert";
import type { SqlConnection } from "./connection";

export const DEFAULT_PARTITION_MIN_ROWS = 50_000;
const COPY_CHUNK_BYTES = 512 * 1024;
const UNNEST_BATCH_ROWS = 10_000;

const COLUMNS = `"id", "submissionId", "institutionId", "ministryId", "quarter", "purchaseDate", "supplierCvr", "supplierName", "categoryCode", "amountOre", "ecommerce", "ean"`;

export type LoadMode = "shared" | "partition";
export type LoadSummary = { mode: LoadMode; rows: number; partition: string | null };

export type LoaderOptions = {
  /** From this many lines on, the lines get a partition of their own. */
  partitionMinRows?: number;
  /** Called with the number of lines sent to the database so far. */
  onProgress?: (rowsSent: number) => void;
};

// COPY binary format: a signature and two empty header fields, then per row the number of fields and
// each field as its length (-1 for NULL) and its bytes in the column type's binary form; -1 ends it.
const BINARY_SIGNATURE = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
const BINARY_TRAILER = Buffer.from([0xff, 0xff]);
const FIELDS = 12;
const TWO_32 = 4294967296;
const DAY_MS = 86_400_000;
const EPOCH_2000_DAYS = 10_957; // days from 1970-01-01 to 2000-01-01, PostgreSQL's date zero

/** The number written in `text` from `from`, `count` decimal digits. */
function digitsAt(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/**
 * Lines in COPY binary format, written straight into a buffer of about COPY_CHUNK_BYTES: no string
 * per line and no join (measured: formatting the lines as text lines cost about a second of the main
 * thread per million lines, a third of it in the garbage collector), and the server does not parse
 * numbers and dates (its part of the COPY took about a quarter less than in text format). ASCII text
 * is copied code unit by code unit; text with other characters takes Buffer.write.
 */
class CopyChunk {
  buffer = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
  length = 0;
  rows = 0;

  /** The first chunk of a COPY starts with the signature. */
  signature(): void {
    BINARY_SIGNATURE.copy(this.buffer, 0);
    this.length = BINARY_SIGNATURE.length;
  }

  /**
   * Makes room for a line; false when the chunk is full and must be sent first. Numbers, date, flag
   * and the lengths take 83 bytes; 3 bytes per UTF-16 unit of text covers UTF-8.
   */
  reserve(l: PurchaseLineRow): boolean {
    const text = l.quarter.length + l.supplierName.length + (l.supplierCvr?.length ?? 0) + (l.categoryCode?.length ?? 0) + (l.ean?.length ?? 0);
    const need = 128 + 3 * text;
    if (this.length + need <= this.buffer.length) return true;
    if (this.rows > 0) return false;
    this.buffer = Buffer.allocUnsafe(need);
    return true;
  }

  line(id: number, l: PurchaseLineRow): void {
    const buffer = this.buffer;
    buffer.writeInt16BE(FIELDS, this.length);
    this.length += 2;
    this.int8(id);
    this.int4(l.submissionId);
    this.int4(l.institutionId);
    this.int4(l.ministryId);
    this.text(l.quarter);
    this.date(l.purchaseDate);
    this.text(l.supplierCvr);
    this.text(l.supplierName);
    this.text(l.categoryCode);
    const ore = Number(l.amountOre);
    if (Number.isSafeInteger(ore)) this.int8(ore);
    else {
      buffer.writeInt32BE(8, this.length);
      buffer.writeBigInt64BE(l.amountOre, this.length + 4);
      this.length += 12;
    }
    buffer.writeInt32BE(1, this.length);
    buffer[this.length + 4] = l.ecommerce ? 1 : 0;
    this.length += 5;
    this.text(l.ean);
    this.rows++;
  }

  private int4(n: number): void {
    this.buffer.writeInt32BE(4, this.length);
    this.buffer.writeInt32BE(n, this.length + 4);
    this.length += 8;
  }

  /** A safe integer as a signed 64-bit integer: two 32-bit halves. */
  private int8(n: number): void {
    const high = Math.floor(n / TWO_32);
    this.buffer.writeInt32BE(8, this.length);
    this.buffer.writeInt32BE(high, this.length + 4);
    this.buffer.writeUInt32BE(n - high * TWO_32, this.length + 8);
    this.length += 12;
  }

  /** An ISO date "YYYY-MM-DD" as days since 2000-01-01. */
  private date(iso: string | null): void {
    if (iso === null) return this.nothing();
    const days = Date.UTC(digitsAt(iso, 0, 4), digitsAt(iso, 5, 2) - 1, digitsAt(iso, 8, 2)) / DAY_MS;
    this.buffer.writeInt32BE(4, this.length);
    this.buffer.writeInt32BE(days - EPOCH_2000_DAYS, this.length + 4);
    this.length += 8;
  }

  private nothing(): void {
    this.buffer.writeInt32BE(-1, this.length);
    this.length += 4;
  }

  private text(value: string | null): void {
    if (value === null) return this.nothing();
    const buffer = this.buffer;
    const start = this.length + 4;
    let at = start;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) {
        at += buffer.write(value.slice(i), at, "utf8");
        break;
      }
      buffer[at++] = c;
    }
    buffer.writeInt32BE(at - start, this.length);
    this.length = at;
  }
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
  private partition: { name: string; low: number } | null = null;
  /** The next id as a number: ids stay below 2^53 while there are fewer than 2^21 blocks. */
  private nextId = 0;
  private copy: Writable | null = null;
  private copyFailure: unknown = null;
  private chunk: CopyChunk | null = null;
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
    // Made by the table's owner (migration 20261204120000_database_roles): the portal's role owns nothing.
    const { rows } = await this.conn.query<{ name: string; low: string; high: string }>(
      `SELECT "name", "low"::text, "high"::text FROM "purchase_line_create_partition"()`,
    );
    const { name, low, high } = rows[0]!;
    if (BigInt(high) > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error("PurchaseLine_bulk_block_seq has passed 2^53: ids would lose precision");
    this.partition = { name, low: Number(low) };
    this.nextId = this.partition.low;
    if (this.conn.copyFrom) {
      const copy = this.conn.copyFrom(`COPY "${name}" (${COLUMNS}) FROM STDIN (FORMAT binary)`);
      copy.on("error", (error) => {
        this.copyFailure ??= error;
      });
      this.copy = copy;
      this.chunk = new CopyChunk();
      this.chunk.signature();
    }
  }

  private async send(lines: readonly PurchaseLineRow[]): Promise<void> {
    if (this.copy) {
      for (const line of lines) {
        if (!this.chunk!.reserve(line)) {
          await this.flushChunk();
          this.chunk!.reserve(line);
        }
        this.chunk!.line(this.nextId++, line);
      }
      return;
    }
    for (const line of lines) {
      this.pending.push(line);
      if (this.pending.length >= UNNEST_BATCH_ROWS) await this.flushUnnest();
    }
  }

  private async flushChunk(): Promise<void> {
    const chunk = this.chunk!;
    if (chunk.rows === 0) return;
    if (this.copyFailure) throw this.copyFailure;
    this.chunk = new CopyChunk();
    const copy = this.copy!;
    if (!copy.write(chunk.buffer.subarray(0, chunk.length))) await waitFor(copy, "drain");
    this.sent += chunk.rows;
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
      copy.end(BINARY_TRAILER);
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
    const { name, low } = this.partition;
    if (!this.conn.embedded) await this.conn.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    // Statistics first, so that the foreign-key checks of the attach are planned as hash anti-joins.
    // A sample of 3,000 rows (statistics target 10) is enough for that and costs tens of
    // milliseconds instead of a few hundred (the default samples 30,000 rows, most of the pages);
    // autovacuum analyzes the partition in full once the import's rows are counted.
    if (!this.conn.embedded) await this.conn.query(`SET LOCAL default_statistics_target = 10`);
    // ANALYZE, then ATTACH, which builds the primary key and the indexes "PurchaseLine" has (in
    // bulk) and checks the foreign keys; as the tables' owner (migration 20261204120000_database_roles).
    await this.conn.query(`SELECT 1 AS attached FROM "purchase_line_attach_partition"($1)`, [name]);
    if (!this.conn.embedded) await this.conn.query(`RESET default_statistics_target`);
    return { mode: "partition", rows: this.nextId - low, partition: name };
  }

  /** Stops a COPY in progress; the caller then rolls the transaction back. */
  async abandon(): Promise<void> {
    if (this.state === "abandoned" || this.state === "done") return;
    this.state = "abandoned";
    this.buffer = [];
    this.chunk = null;
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
