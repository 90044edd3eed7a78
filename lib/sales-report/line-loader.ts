/**
 * Writes a sales report's lines: "SalesReportLine" through the partitioned bulk loader
 * (lib/db/partitioned-load.ts; migration 20261205100000_sales_report_line_partitions): a large
 * report is COPYed in binary format into a partition of its own and attached (indexes built in
 * bulk, foreign keys checked set-based), a small one goes into the shared partition with unnest.
 */
import type { BinaryCopyBuffer } from "@/lib/db/copy-binary";
import { arrayText, idArray, PartitionedLoader, UNNEST_BATCH_ROWS, type LoaderOptions, type PartitionedTable } from "@/lib/db/partitioned-load";
import type { SqlConnection } from "@/lib/purchase-data/connection";
import type { SalesLine } from "./rows";

/** The report's keys, repeated on each of its lines (so the reconciliation reads lines alone). */
export type SalesReportKeys = { reportId: number; agreementId: number; supplierId: number; quarter: string };

const COLUMNS = `"reportId", "agreementId", "supplierId", "quarter", "institutionId", "customerCvr", "ean", "categoryCode", "amountOre", "ecommerce"`;
const FIELDS = 11;

const COLUMN_TYPES = ["int[]", "int[]", "int[]", "text[]", "int[]", "text[]", "text[]", "text[]", "bigint[]", "boolean[]"];

/** SELECT * FROM unnest($1::type, ...) over the given array types. */
function unnestSelect(types: readonly string[]): string {
  return `SELECT * FROM unnest(${types.map((type, i) => `$${i + 1}::${type}`).join(", ")})`;
}

function unnestColumns(keys: SalesReportKeys, lines: readonly SalesLine[]): string[] {
  const repeat = (value: string | number) => `{${lines.map(() => value).join(",")}}`;
  return [
    repeat(keys.reportId),
    repeat(keys.agreementId),
    repeat(keys.supplierId),
    arrayText(lines.map(() => keys.quarter)),
    `{${lines.map((l) => l.institutionId).join(",")}}`,
    arrayText(lines.map((l) => l.customerCvr)),
    arrayText(lines.map((l) => l.ean)),
    arrayText(lines.map((l) => l.categoryCode)),
    `{${lines.map((l) => l.amountOre.toString()).join(",")}}`,
    `{${lines.map((l) => (l.ecommerce ? "t" : "f")).join(",")}}`,
  ];
}

/**
 * The table as the loader sees it, for one report: the report's keys are written from here, not
 * carried on each line (a million lines are a million fewer objects for the garbage collector).
 */
function salesReportLineTable(keys: SalesReportKeys): PartitionedTable<SalesLine> {
  return {
    createPartition: "sales_report_line_create_partition",
    attachPartition: "sales_report_line_attach_partition",
    columns: `"id", ${COLUMNS}`,
    // Four int4, two int8, a flag and eleven lengths take 81 bytes; 3 bytes per UTF-16 unit of text covers UTF-8.
    rowBytes: (l) => 96 + 3 * (keys.quarter.length + l.customerCvr.length + (l.ean?.length ?? 0) + l.categoryCode.length),
    writeRow(chunk: BinaryCopyBuffer, id: number, l: SalesLine): void {
      chunk.row(FIELDS);
      chunk.int8(id);
      chunk.int4(keys.reportId);
      chunk.int4(keys.agreementId);
      chunk.int4(keys.supplierId);
      chunk.text(keys.quarter);
      chunk.int4(l.institutionId);
      chunk.text(l.customerCvr);
      chunk.text(l.ean);
      chunk.text(l.categoryCode);
      chunk.bigint(l.amountOre);
      chunk.bool(l.ecommerce);
    },
    unnestInsert: (table, firstId, lines) => ({
      text: `INSERT INTO "${table}" ("id", ${COLUMNS}) ${unnestSelect(["bigint[]", ...COLUMN_TYPES])}`,
      values: [idArray(firstId, lines.length), ...unnestColumns(keys, lines)],
    }),
    async insertShared(conn: SqlConnection, lines: readonly SalesLine[], onProgress: (written: number) => void): Promise<void> {
      for (let start = 0; start < lines.length; start += UNNEST_BATCH_ROWS) {
        const batch = lines.slice(start, start + UNNEST_BATCH_ROWS);
        await conn.query(`INSERT INTO "SalesReportLine" (${COLUMNS}) ${unnestSelect(COLUMN_TYPES)}`, unnestColumns(keys, batch));
        onProgress(start + batch.length);
      }
    },
  };
}

/** Loads the lines of one sales report (see the module comment). */
export class SalesLineLoader extends PartitionedLoader<SalesLine> {
  constructor(conn: SqlConnection, keys: SalesReportKeys, options: LoaderOptions = {}) {
    super(salesReportLineTable(keys), conn, options);
  }
}
