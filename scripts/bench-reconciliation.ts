// Reconciliation benchmark (issue 13). Not a test: it prints numbers.
//
//   npx tsx --conditions=react-server scripts/bench-reconciliation.ts [--lines 10000000] [--quick] [--keep]
//
// In a database of its own on the local PostgreSQL (TEST_ADMIN_DATABASE_URL, else DATABASE_URL, else
// postgresql://postgres@127.0.0.1:5432), it generates set-based in SQL (generate_series): 20
// ministries, 2,000 institutions (one in 20 voluntary and party to nothing), 100 categories with 10
// suppliers each, 100 agreements (one per category) with 5 suppliers each, and one quarter of --lines
// purchase lines (a partition of its own, attached as lib/purchase-data/bulk-load.ts does; one
// institution in ten has a superseded submission; one line in ten has no category, so the supplier's
// mapping applies). The suppliers report per customer and category from the customers' spend with them
// (most exactly, some off, one in 20 customers left out) plus sales to the voluntary non-parties: about
// 1,000,000 report rows in 500 reports. Then it measures:
//   1. the full recompute of the quarter (reconciliation_refresh; target < 30 s), and the spend
//      rollup's own full refresh it reads from (compliance_refresh), which an import runs anyway;
//   2. the overview page's data (reconciliationOverview, the function the page calls): p50/p95 over
//      200 calls (target p95 < 100 ms); and a page of a supplier's and a ministry's rows;
//   3. the incremental refreshes: one report replaced, one institution's purchase data.
// The machine has 2 cores shared with other work: the load average is printed with the numbers.
// --quick: 100,000 lines. Prints BENCH-RESULT lines for `npm run bench`.
import { loadavg } from "node:os";
import pg from "pg";
import { benchDatabase, percentile, reportResult } from "./bench-support";

const argv = process.argv.slice(2);
const LINES = Number(argv[argv.indexOf("--lines") + 1] ?? NaN) || (argv.includes("--quick") ? 100_000 : 10_000_000);
const KEEP = argv.includes("--keep");
const QUARTER = "2026Q3";
const MINISTRIES = 20;
const INSTITUTIONS = 2_000;
const CATEGORIES = 100;
const SUPPLIERS_PER_CATEGORY = 10;
const ON_AGREEMENT = 5;
const RUNS = 200;

const ms = (t: number) => `${t.toFixed(t < 10 ? 1 : 0)} ms`;
const s = (t: number) => `${(t / 1000).toFixed(1)} s`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(" / ");
async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function generate(client: pg.Client): Promise<void> {
  await client.query(`SELECT setseed(0.20261205)`);
  await client.query(`
    INSERT INTO "Ministry" ("id", "code", "name")
    SELECT g, 'M' || g, 'Benchministerium ' || g FROM generate_series(1, ${MINISTRIES}) g;
    INSERT INTO "Category" ("code", "name") SELECT (1000 + g)::text, 'Kategori ' || g FROM generate_series(0, ${CATEGORIES - 1}) g;
    INSERT INTO "Supplier" ("id", "cvr", "name", "sortKey", "categoryCode")
    SELECT g + 1, (20000000 + g)::text, 'Leverandør ' || g, 'leverandoer ' || lpad(g::text, 6, '0'), (1000 + g / ${SUPPLIERS_PER_CATEGORY})::text
      FROM generate_series(0, ${CATEGORIES * SUPPLIERS_PER_CATEGORY - 1}) g;
    SELECT setval(pg_get_serial_sequence('"Supplier"', 'id'), ${CATEGORIES * SUPPLIERS_PER_CATEGORY});
    INSERT INTO "Institution" ("id", "cvr", "name", "sortKey", "kind", "customerType", "dataChannel", "ministryId")
    SELECT g, (30000000 + g)::text, 'Institution ' || g, 'institution ' || lpad(g::text, 5, '0'),
           CASE WHEN g % 20 = 7 THEN 'MUNICIPALITY' ELSE 'STATE_INSTITUTION' END::"InstitutionKind",
           CASE WHEN g % 20 = 7 THEN 'VOLUNTARY' ELSE 'OBLIGATED' END::"CustomerType",
           CASE WHEN g % 2 = 0 THEN 'SKS' ELSE 'MANUAL' END::"DataChannel", (g % ${MINISTRIES}) + 1
      FROM generate_series(1, ${INSTITUTIONS}) g;
    SELECT setval(pg_get_serial_sequence('"Institution"', 'id'), ${INSTITUTIONS});
    INSERT INTO "Phase" ("id", "number", "name", "tenderYear", "effectiveDate") VALUES (1, 11, 'Fase 11', 2016, DATE '2017-01-01');
    INSERT INTO "Agreement" ("id", "reference", "name", "sortKey", "kind", "phaseId", "validFrom", "validTo")
    SELECT g + 1, 'BENCH ' || lpad(g::text, 3, '0'), 'Benchaftale ' || g, 'benchaftale ' || lpad(g::text, 3, '0'),
           'MANDATORY_CENTRAL', 1, DATE '2024-01-01', DATE '2028-12-31'
      FROM generate_series(0, ${CATEGORIES - 1}) g;
    SELECT setval(pg_get_serial_sequence('"Agreement"', 'id'), ${CATEGORIES});
    INSERT INTO "AgreementCategory" ("agreementId", "categoryCode") SELECT g + 1, (1000 + g)::text FROM generate_series(0, ${CATEGORIES - 1}) g;
    INSERT INTO "AgreementSupplier" ("agreementId", "supplierId")
    SELECT (s."id" - 1) / ${SUPPLIERS_PER_CATEGORY} + 1, s."id" FROM "Supplier" s WHERE (s."id" - 1) % ${SUPPLIERS_PER_CATEGORY} < ${ON_AGREEMENT};
    INSERT INTO "User" ("id", "email", "name", "role", "ministryId") VALUES (1, 'analytiker@bench.example.dk', 'Analytiker', 'MINISTRY_ANALYST', 1);
    INSERT INTO "User" ("id", "email", "name", "role", "supplierId") VALUES (2, 'leverandoer@bench.example.dk', 'Leverandør', 'SUPPLIER', 1);
    SELECT setval(pg_get_serial_sequence('"User"', 'id'), 2);`);
  // Every obligated institution is party to every agreement (the triggers are for single changes; a
  // bulk insert into an empty reconciliation has nothing for them to do).
  await client.query(`SET session_replication_role = replica`);
  await client.query(`
    INSERT INTO "AgreementParty" ("agreementId", "institutionId", "source", "since")
    SELECT a."id", i."id", 'OBLIGATED', DATE '2024-01-01' FROM "Agreement" a CROSS JOIN "Institution" i WHERE i."customerType" = 'OBLIGATED'`);
  await client.query(`SET session_replication_role = DEFAULT`);

  await client.query(`
    INSERT INTO "Submission" ("id", "institutionId", "quarter", "format", "status", "lineCount", "totalOre", "feedBatch")
    SELECT i."id" * 2 + s.superseded, i."id", '${QUARTER}',
           CASE WHEN i."dataChannel" = 'SKS' AND s.superseded = 0 THEN 'SKS_FEED' ELSE 'LINES' END::"SubmissionFormat",
           CASE WHEN s.superseded = 1 THEN 'SUPERSEDED' ELSE 'ACTIVE' END::"SubmissionStatus", 0, 0,
           CASE WHEN i."dataChannel" = 'SKS' AND s.superseded = 0 THEN 'batch-1' END
      FROM "Institution" i CROSS JOIN (VALUES (0), (1)) AS s(superseded)
     WHERE s.superseded = 0 OR i."id" % 10 = 1;
    SELECT setval(pg_get_serial_sequence('"Submission"', 'id'), (SELECT max("id") FROM "Submission"));`);

  const started = performance.now();
  const { rows } = await client.query<{ name: string; low: string }>(`SELECT "name", "low"::text FROM "purchase_line_create_partition"()`);
  const { name, low } = rows[0]!;
  await client.query(`
    INSERT INTO "${name}" ("id", "submissionId", "institutionId", "ministryId", "quarter", "purchaseDate", "supplierCvr",
                           "supplierName", "categoryCode", "amountOre", "ecommerce", "ean")
    SELECT ${low} + g, x.inst * 2 + CASE WHEN x.inst % 10 = 1 AND x.r_misc < 0.3 THEN 1 ELSE 0 END, x.inst, (x.inst % ${MINISTRIES}) + 1,
           '${QUARTER}', DATE '2026-07-01' + floor(x.r_day * 92)::int,
           (20000000 + x.cat * ${SUPPLIERS_PER_CATEGORY} + x.sup)::text, 'Leverandør ' || (x.cat * ${SUPPLIERS_PER_CATEGORY} + x.sup),
           CASE WHEN x.r_misc > 0.9 THEN NULL ELSE (1000 + x.cat)::text END,
           (1000 + exp(x.r_amount * 9) * 100)::bigint, x.r_misc < 0.4, NULL
      FROM generate_series(1, ${LINES}) g
     CROSS JOIN LATERAL (SELECT 1 + floor(random() * ${INSTITUTIONS})::int AS inst, floor(random() * ${CATEGORIES})::int AS cat,
                                CASE WHEN random() < 0.7 THEN floor(random() * ${ON_AGREEMENT})::int
                                     ELSE ${ON_AGREEMENT} + floor(random() * ${SUPPLIERS_PER_CATEGORY - ON_AGREEMENT})::int END AS sup,
                                random() AS r_misc, random() AS r_amount, random() AS r_day, g AS keep) x`);
  await client.query(`SET maintenance_work_mem = '512MB'`);
  await client.query(`SELECT 1 FROM "purchase_line_attach_partition"($1)`, [name]);
  await client.query(`
    UPDATE "Submission" s SET "lineCount" = t.n, "totalOre" = t.total
      FROM (SELECT "submissionId", count(*)::int AS n, sum("amountOre")::bigint AS total FROM "PurchaseLine" GROUP BY 1) t
     WHERE s."id" = t."submissionId"`);
  console.log(`  ${LINES.toLocaleString("da-DK")} purchase lines written and attached in ${s(performance.now() - started)}`);
}

/** The suppliers' reports, from the customers' spend with them (read after the compliance refresh). */
async function generateReports(client: pg.Client): Promise<number> {
  await client.query(`
    INSERT INTO "SalesReport" ("id", "agreementId", "supplierId", "quarter", "channel", "lineCount", "totalOre", "submittedById")
    SELECT row_number() OVER (ORDER BY x."agreementId", x."supplierId"), x."agreementId", x."supplierId", '${QUARTER}', 'CSV', 0, 0, 2
      FROM "AgreementSupplier" x;
    SELECT setval(pg_get_serial_sequence('"SalesReport"', 'id'), (SELECT max("id") FROM "SalesReport"));`);
  await client.query(`
    INSERT INTO "SalesReportLine" ("reportId", "agreementId", "supplierId", "quarter", "institutionId", "customerCvr", "categoryCode", "amountOre")
    SELECT rep."id", rep."agreementId", rep."supplierId", '${QUARTER}', r."institutionId", (30000000 + r."institutionId")::text, r."categoryCode",
           CASE WHEN h < 0.1 THEN r."amountOre" * 13 / 10 + 1500000 WHEN h < 0.3 THEN r."amountOre" * 97 / 100 ELSE r."amountOre" END
      FROM "SalesReport" rep
      JOIN "Supplier" s ON s."id" = rep."supplierId"
      JOIN "SpendRollup" r ON r."quarter" = '${QUARTER}' AND r."supplierCvr" = s."cvr" AND r."categoryCode" = s."categoryCode"
     CROSS JOIN LATERAL (SELECT random() + 0 * r."amountOre" AS h) z
     WHERE z.h < 0.95 OR z.h >= 0.95 AND r."amountOre" < 0;
    -- Sales to the voluntary customers, party to nothing.
    INSERT INTO "SalesReportLine" ("reportId", "agreementId", "supplierId", "quarter", "institutionId", "customerCvr", "categoryCode", "amountOre")
    SELECT rep."id", rep."agreementId", rep."supplierId", '${QUARTER}', i."id", i."cvr", s."categoryCode", 2500000 + (rep."id" * i."id") % 1000000
      FROM "SalesReport" rep JOIN "Supplier" s ON s."id" = rep."supplierId"
      JOIN "Institution" i ON i."customerType" = 'VOLUNTARY' AND (i."id" + rep."id") % 3 = 0;
    UPDATE "SalesReport" rep SET "lineCount" = t.n, "totalOre" = t.total
      FROM (SELECT "reportId", count(*)::int AS n, sum("amountOre")::bigint AS total FROM "SalesReportLine" GROUP BY 1) t
     WHERE rep."id" = t."reportId";`);
  await client.query(`VACUUM ANALYZE`);
  const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "SalesReportLine"`);
  return Number(rows[0]!.n);
}

async function main(): Promise<void> {
  console.log(`Reconciliation benchmark: one quarter, ${LINES.toLocaleString("da-DK")} purchase lines; load average ${load()} (2 cores, shared)`);
  const size = `one quarter, ${LINES.toLocaleString("en-US")} purchase lines and the suppliers' reports from them`;
  const seconds = (t: number) => Math.round(t / 100) / 10;
  const spendRollup = (client: pg.Client) => timed(() => client.query<{ r: { spendRows: number } }>(`SELECT compliance_refresh($1) AS r`, [QUARTER]));
  const db = await benchDatabase(`reconciliation_${LINES}`, async (url) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const [, generation] = await timed(() => generate(client));
      console.log(`Generated in ${s(generation)}; load average ${load()}`);
      const [spend, tSpend] = await spendRollup(client);
      console.log(`Spend rollup (compliance_refresh, full): ${s(tSpend)}, ${spend.rows[0]!.r.spendRows.toLocaleString("da-DK")} spend rows`);
      const [reportRows, tReports] = await timed(() => generateReports(client));
      console.log(`${reportRows.toLocaleString("da-DK")} report rows in 500 reports written in ${s(tReports)}; load average ${load()}`);
    } finally {
      await client.end();
    }
  });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    // Measured here, in every run, on the filled data: the refresh replaces the quarter's rollup, as
    // every full recompute after the first does (the figures come out the same).
    const [spend, tSpend] = await spendRollup(client);
    console.log(`Spend rollup which the reconciliation reads (compliance_refresh, full, replacing the quarter's): ${s(tSpend)}, ${spend.rows[0]!.r.spendRows.toLocaleString("da-DK")} spend rows`);
    reportResult({ workload: `reconciliation: the spend rollup it reads (compliance_refresh, full, replacing the quarter's), ${size}`, figure: "time", value: seconds(tSpend), unit: "s", target: "stated", met: null });
    console.log(`\n1. Full recompute of the quarter (reconciliation_refresh), target < 30 s:`);
    for (const run of ["cold", "again"]) {
      const [result, t] = await timed(() => client.query<{ r: { rows: number } }>(`SELECT reconciliation_refresh($1) AS r`, [QUARTER]));
      console.log(`   ${run}: ${s(t)} (${result.rows[0]!.r.rows.toLocaleString("da-DK")} reconciliation rows); load ${load()}`);
      reportResult({ workload: `reconciliation: full recompute of the quarter, ${size}`, figure: `time (${run})`, value: seconds(t), unit: "s", target: "< 30 s", met: t < 30_000 });
    }
    const { rows: statuses } = await client.query(`SELECT status::text, count(*)::int AS n FROM "Reconciliation" GROUP BY 1 ORDER BY 1`);
    console.log(`   statuses: ${statuses.map((r: { status: string; n: number }) => `${r.status} ${r.n.toLocaleString("da-DK")}`).join(", ")}`);

    process.env.DATABASE_URL = db.url;
    const queries = await import("@/lib/reconciliation/queries");
    const { prisma } = await import("@/lib/db/client");
    console.log(`\n2. The overview page's data (reconciliationOverview), ${RUNS} calls, target p95 < 100 ms:`);
    await queries.reconciliationOverview(QUARTER, "2026-12-04");
    const times: number[] = [];
    let overview = null;
    for (let i = 0; i < RUNS; i++) {
      const [result, t] = await timed(() => queries.reconciliationOverview(QUARTER, "2026-12-04"));
      times.push(t);
      overview = result;
    }
    times.sort((a, b) => a - b);
    console.log(`   p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, max ${ms(times.at(-1)!)}; load ${load()}`);
    const p95 = percentile(times, 95);
    reportResult({ workload: `reconciliation: the overview page's data, ${size} (${RUNS} calls)`, figure: "p95", value: Math.round(p95 * 10) / 10, unit: "ms", target: "< 100 ms", met: p95 < 100 });
    console.log(
      `   (${overview!.pairs.length} agreement x supplier summaries, ${overview!.missing.length} missing reports, ` +
        `${overview!.largest.length} largest differences, ${overview!.nonParty.length} sales to non-parties)`,
    );
    const base = { name: "", email: "", institutionId: null, institutionName: null, ministryName: null, supplierName: null };
    for (const [label, user] of [
      ["a supplier's findings, first page", { ...base, id: 2, role: "SUPPLIER" as const, ministryId: null, supplierId: 1 }],
      ["a ministry's findings, first page", { ...base, id: 1, role: "MINISTRY_ANALYST" as const, ministryId: 1, supplierId: null }],
    ] as const) {
      const pageTimes: number[] = [];
      for (let i = 0; i < 50; i++) pageTimes.push((await timed(() => queries.reconciliationRows(user, { quarter: QUARTER, filter: "findings" })))[1]);
      pageTimes.sort((a, b) => a - b);
      console.log(`   ${label} (reconciliationRows, 50 calls): p50 ${ms(percentile(pageTimes, 50))}, p95 ${ms(percentile(pageTimes, 95))}`);
    }

    console.log(`\n3. Incremental refreshes:`);
    const [, tPair] = await timed(() => client.query(`SELECT reconciliation_refresh($1, 1, 1)`, [QUARTER]));
    console.log(`   one report replaced (refreshReconciliationForReport's SQL): ${ms(tPair)}`);
    await client.query("BEGIN");
    const [, tInst] = await timed(async () => {
      await client.query(`SELECT compliance_refresh($1, ARRAY[42])`, [QUARTER]);
      await client.query(`SELECT reconciliation_refresh($1, NULL, NULL, ARRAY[42])`, [QUARTER]);
    });
    await client.query("COMMIT");
    console.log(`   one institution's purchase data (the import's compliance + reconciliation hooks): ${ms(tInst)}`);
    await prisma.$disconnect();
  } finally {
    await client.end();
    if (KEEP) console.log(`\nKept database ${db.name}`);
    else await db.drop();
  }
}

await main();
