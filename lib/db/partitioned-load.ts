/**
 * Bulk loading into a table partitioned by range of id (docs/decisions/0005): the mechanism of
 * lib/purchase-data/bulk-load.ts ("PurchaseLine") and lib/sales-report/line-loader.ts
 * ("SalesReportLine"); each of those names its table's columns and functions here.
 *
 * A large load takes a block of 2^32 ids and an empty staging table (an owner's SQL function),
 * streams the rows into it (COPY binary on PostgreSQL, unnest batches on the embedded database,
 * where COPY breaks), then ANALYZEs and ATTACHes it (another owner's function): PostgreSQL builds
 * the primary key and indexes in bulk and checks the foreign keys with one anti-join each. A small
 * load (below `partitionMinRows`) goes into the shared partition. All in the caller's transaction.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";
import { BINARY_TRAILER, BinaryCopyBuffer, waitFor } from "@/lib/db/copy-binary";
import type { SqlConnection } from "@/lib/purchase-data/connection";

export const DEFAULT_PARTITION_MIN_ROWS = 50_000;
export const UNNEST_BATCH_ROWS = 10_000;

export type LoadMode = "shared" | "partition";
export type LoadSummary = { mode: LoadMode; rows: number; partition: string | null };

export type LoaderOptions = {
  /** From this many rows on, the rows get a partition of their own. */
  partitionMinRows?: number;
  /** Called with the number of rows sent to the database so far. */
  onProgress?: (rowsSent: number) => void;
};

/** What the loader needs to know of one partitioned table. */
export type PartitionedTable<Row> = {
  /** The owner's functions (SECURITY DEFINER) that create a staging table and attach it. */
  createPartition: string;
  attachPartition: string;
  /** The COPY's column list, "id" first. */
  columns: string;
  /** At most how many bytes the row takes in COPY binary format. */
  rowBytes(row: Row): number;
  writeRow(chunk: BinaryCopyBuffer, id: number, row: Row): void;
  /** An INSERT of rows into `table` with ids from `firstId` (embedded database). */
  unnestInsert(table: string, firstId: number, rows: readonly Row[]): { text: string; values: unknown[] };
  /** Inserts a small load into the shared partition (ids from the table's sequence). */
  insertShared(conn: SqlConnection, rows: readonly Row[], onProgress: (written: number) => void): Promise<void>;
};

/** An array literal of text values for unnest (as lib/db/bulk-insert.ts builds them). */
export function arrayText(values: readonly (string | null)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out += (i > 0 ? "," : "") + (v === null || v === undefined ? "NULL" : `"${v.replace(/[\\"]/g, "\\$&")}"`);
  }
  return `${out}}`;
}

/** The ids firstId, firstId + 1, ... as an array literal. */
export function idArray(firstId: number, count: number): string {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(String(firstId + i));
  return `{${ids.join(",")}}`;
}

/**
 * Loads the rows of one import into a table partitioned by range of id. Call `add` with batches as
 * they are checked, `endInput` when the input is done (it frees the connection for other
 * statements), then write the rows the lines refer to, then `complete`. To give up, call `abandon`
 * and roll the transaction back.
 */
export class PartitionedLoader<Row> {
  private readonly partitionMinRows: number;
  private buffer: Row[] = [];
  private partition: { name: string; low: number } | null = null;
  /** The next id as a number: ids stay below 2^53 while there are fewer than 2^21 blocks. */
  private nextId = 0;
  private copy: Writable | null = null;
  private copyFailure: unknown = null;
  private chunk: BinaryCopyBuffer | null = null;
  private pending: Row[] = [];
  private sent = 0;
  private state: "open" | "ended" | "done" | "abandoned" = "open";

  constructor(
    private readonly table: PartitionedTable<Row>,
    private readonly conn: SqlConnection,
    private readonly options: LoaderOptions = {},
  ) {
    this.partitionMinRows = options.partitionMinRows ?? DEFAULT_PARTITION_MIN_ROWS;
  }

  get mode(): LoadMode {
    return this.partition ? "partition" : "shared";
  }

  /** Adds checked lines (with their submission ids). */
  async add(lines: readonly Row[]): Promise<void> {
    if (this.state !== "open") throw new Error(`PartitionedLoader.add after ${this.state}`);
    if (!this.partition) {
      // Copies, made at this site: V8 allocates the objects of a site straight in the old
      // generation once most of them survive ("pretenuring"). Holding the producer's own objects
      // here for the first rows made its site pretenured for the rest of a large load, which
      // doubled the garbage collector's work (about 0.5 s of CPU per million purchase lines).
      for (const line of lines) this.buffer.push({ ...line });
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
      `SELECT "name", "low"::text, "high"::text FROM "${this.table.createPartition}"()`,
    );
    const { name, low, high } = rows[0]!;
    if (BigInt(high) > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`${this.table.createPartition}: ids have passed 2^53 and would lose precision`);
    this.partition = { name, low: Number(low) };
    this.nextId = this.partition.low;
    if (this.conn.copyFrom) {
      const copy = this.conn.copyFrom(`COPY "${name}" (${this.table.columns}) FROM STDIN (FORMAT binary)`);
      copy.on("error", (error) => {
        this.copyFailure ??= error;
      });
      this.copy = copy;
      this.chunk = new BinaryCopyBuffer();
      this.chunk.signature();
    }
  }

  private async send(lines: readonly Row[]): Promise<void> {
    if (this.copy) {
      for (const line of lines) {
        const need = this.table.rowBytes(line);
        if (!this.chunk!.fits(need)) {
          await this.flushChunk();
          this.chunk!.fits(need);
        }
        this.table.writeRow(this.chunk!, this.nextId++, line);
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
    this.chunk = new BinaryCopyBuffer();
    const copy = this.copy!;
    if (!copy.write(chunk.buffer.subarray(0, chunk.length))) await waitFor(copy, "drain");
    this.sent += chunk.rows;
    this.options.onProgress?.(this.sent);
  }

  private async flushUnnest(): Promise<void> {
    if (this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    const insert = this.table.unnestInsert(this.partition!.name, this.nextId, lines);
    await this.conn.query(insert.text, insert.values);
    this.nextId += lines.length;
    this.sent += lines.length;
    this.options.onProgress?.(this.sent);
  }

  /** No more lines: finishes the COPY, so the connection takes other statements again. */
  async endInput(): Promise<void> {
    if (this.state !== "open") throw new Error(`PartitionedLoader.endInput after ${this.state}`);
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
    if (this.state !== "ended") throw new Error(`PartitionedLoader.complete needs endInput first (state ${this.state})`);
    this.state = "done";
    if (!this.partition) {
      const lines = this.buffer;
      this.buffer = [];
      await this.table.insertShared(this.conn, lines, (written) => this.options.onProgress?.(written));
      return { mode: "shared", rows: lines.length, partition: null };
    }
    const { name, low } = this.partition;
    if (!this.conn.embedded) await this.conn.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    // Statistics first, so that the foreign-key checks of the attach are planned as hash anti-joins.
    // A sample of 3,000 rows (statistics target 10) is enough for that and costs tens of
    // milliseconds instead of a few hundred (the default samples 30,000 rows, most of the pages);
    // autovacuum analyzes the partition in full once the import's rows are counted.
    if (!this.conn.embedded) await this.conn.query(`SET LOCAL default_statistics_target = 10`);
    // ANALYZE, then ATTACH, which builds the primary key and the indexes the parent has (in bulk)
    // and checks the foreign keys; as the tables' owner (migration 20261204120000_database_roles).
    await this.conn.query(`SELECT 1 AS attached FROM "${this.table.attachPartition}"($1)`, [name]);
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
