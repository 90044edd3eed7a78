// Compliance benchmark (issue 7). Not a test: it prints numbers.
//
//   npx tsx --conditions=react-server scripts/bench-compliance.ts [--lines 10000000] [--quick] [--keep]
//
// In a database of its own on the local PostgreSQL (TEST_ADMIN_DATABASE_URL, else DATABASE_URL, else
// postgresql://postgres@127.0.0.1:5432), it generates set-based in SQL (generate_series) 20 ministries,
// 400 institutions (a few voluntary, a few moving ministry mid-quarter), 60 categories, 3,000 suppliers,
// 40 mandatory agreements, and --lines purchase lines over four quarters (each quarter written into a
// partition of its own and attached, as lib/purchase-data/bulk-load.ts does; about 5 % of the lines
// belong to superseded submissions). Then it measures:
//   1. a full recompute of each quarter (compliance_refresh; target < 30 s for one quarter);
//   2. the dashboard data for one ministry and quarter, through the page's own code path
//      (complianceData() + ministryDashboard()): p50/p95 over 200 calls (target p95 < 100 ms);
//   3. the same dashboard figures by a plain GROUP BY over the raw lines, and the ratio;
//   4. the import hook (one institution and quarter), a page of the line trail, tender preparation.
// The machine has 2 cores, and other work may be running: the load average is printed with the numbers.
// --quick: 250,000 lines. Prints BENCH-RESULT lines for `npm run bench`.
import { loadavg } from "node:os";
import pg from "pg";
import { benchDatabase, percentile, reportResult } from "./bench-support";

const argv = process.argv.slice(2);
const LINES = Number(argv[argv.indexOf("--lines") + 1] ?? NaN) || (argv.includes("--quick") ? 250_000 : 10_000_000);
const KEEP = argv.includes("--keep");
const QUARTERS = ["2025Q4", "2026Q1", "2026Q2", "2026Q3"];
const MINISTRIES = 20;
const INSTITUTIONS = 400;
const CATEGORIES = 60;
const SUPPLIERS_PER_CATEGORY = 50;
const AGREEMENTS = 40;
const DASHBOARD_RUNS = 200;

const ms = (t: number) => `${t.toFixed(t < 10 ? 1 : 0)} ms`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(" / ");
async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function generate(client: pg.Client): Promise<void> {
  await client.query(`SELECT setseed(0.20261122)`);
  await client.query(`
    INSERT INTO "Ministry" ("id", "code", "name")
    SELECT g, 'M' || g, 'Benchministerium ' || lpad(g::text, 2, '0') FROM generate_series(1, ${MINISTRIES}) g;
    SELECT setval(pg_get_serial_sequence('"Ministry"', 'id'), ${MINISTRIES});

    INSERT INTO "Category" ("code", "name", "hasMandatoryAgreements")
    SELECT (1000 + g * 10)::text, 'Kategori ' || g, g < ${AGREEMENTS} FROM generate_series(0, ${CATEGORIES - 1}) g;

    -- Suppliers: 50 per category, mapped to it; the first three of a category are on its agreement.
    INSERT INTO "Supplier" ("id", "cvr", "name", "sortKey", "categoryCode")
    SELECT g + 1, (20000000 + g)::text, 'Leverandør ' || g || ' ApS', 'leverandoer ' || lpad(g::text, 6, '0'),
           (1000 + (g / ${SUPPLIERS_PER_CATEGORY}) * 10)::text
      FROM generate_series(0, ${CATEGORIES * SUPPLIERS_PER_CATEGORY - 1}) g;
    SELECT setval(pg_get_serial_sequence('"Supplier"', 'id'), ${CATEGORIES * SUPPLIERS_PER_CATEGORY});

    -- Institutions: one in 20 voluntary; one in 50 moves ministry on 10 February 2026.
    INSERT INTO "Institution" ("id", "cvr", "name", "sortKey", "kind", "customerType", "dataChannel", "ministryId")
    SELECT g, (30000000 + g)::text, 'Institution ' || g, 'institution ' || lpad(g::text, 4, '0'),
           CASE WHEN g % 20 = 7 THEN 'MUNICIPALITY' ELSE 'STATE_INSTITUTION' END::"InstitutionKind",
           CASE WHEN g % 20 = 7 THEN 'VOLUNTARY' ELSE 'OBLIGATED' END::"CustomerType",
           CASE WHEN g % 2 = 0 THEN 'SKS' ELSE 'MANUAL' END::"DataChannel",
           CASE WHEN g % 50 = 3 THEN ((g + 1) % ${MINISTRIES}) + 1 ELSE (g % ${MINISTRIES}) + 1 END
      FROM generate_series(1, ${INSTITUTIONS}) g;
    SELECT setval(pg_get_serial_sequence('"Institution"', 'id'), ${INSTITUTIONS});
    INSERT INTO "InstitutionMembership" ("institutionId", "ministryId", "customerType", "validFrom", "validTo")
    SELECT i."id", (i."id" % ${MINISTRIES}) + 1, i."customerType", DATE '2015-01-01',
           CASE WHEN i."id" % 50 = 3 THEN DATE '2026-02-09' END
      FROM "Institution" i
    UNION ALL
    SELECT i."id", i."ministryId", i."customerType", DATE '2026-02-10', NULL FROM "Institution" i WHERE i."id" % 50 = 3;

    -- Agreements: one mandatory agreement per category 0-39; the first 20 also cover categories 40-59.
    INSERT INTO "Agreement" ("id", "reference", "name", "sortKey", "kind", "validFrom", "validTo")
    SELECT g + 1, 'BENCH ' || lpad(g::text, 2, '0'), 'Benchaftale ' || g, 'benchaftale ' || lpad(g::text, 2, '0'),
           'MANDATORY_CENTRAL', DATE '2024-01-01', DATE '2028-12-31'
      FROM generate_series(0, ${AGREEMENTS - 1}) g;
    SELECT setval(pg_get_serial_sequence('"Agreement"', 'id'), ${AGREEMENTS});
    INSERT INTO "AgreementCategory" ("agreementId", "categoryCode")
    SELECT g + 1, (1000 + g * 10)::text FROM generate_series(0, ${AGREEMENTS - 1}) g
    UNION ALL SELECT g + 1, (1000 + (g + ${AGREEMENTS}) * 10)::text FROM generate_series(0, ${CATEGORIES - AGREEMENTS - 1}) g;
    INSERT INTO "AgreementSupplier" ("agreementId", "supplierId")
    SELECT c."agreementId", s."id" FROM "AgreementCategory" c
      JOIN "Supplier" s ON s."categoryCode" = c."categoryCode" AND (s."id" - 1) % ${SUPPLIERS_PER_CATEGORY} < 3;

    -- People, decisions (one in ten deviating) and a few reservations, for the dashboard's side panels.
    INSERT INTO "User" ("email", "name", "role", "ministryId")
    SELECT 'analytiker' || g || '@bench.example.dk', 'Analytiker ' || g, 'MINISTRY_ANALYST', g FROM generate_series(1, ${MINISTRIES}) g;
    INSERT INTO "CascadeDecision" ("institutionId", "userId", "categoryCode", "amountOre", "needDate", "outcome",
                                   "recommendedAgreementId", "chosenAgreementId", "deviates", "justification", "explanation", "createdAt")
    SELECT 1 + (g % ${INSTITUTIONS}), 1, (1000 + (g % ${AGREEMENTS}) * 10)::text, 10000000 + g, DATE '2025-10-01' + (g % 365),
           'AGREEMENT', 1 + (g % ${AGREEMENTS}), 1 + (g % ${AGREEMENTS}), g % 10 = 0,
           CASE WHEN g % 10 = 0 THEN 'Begrundelse ' || g END, '{}'::jsonb, TIMESTAMP '2025-10-01 08:00' + (g % 365) * INTERVAL '1 day'
      FROM generate_series(1, 20000) g;
    INSERT INTO "Reservation" ("ministryId", "quarter", "text", "createdById")
    SELECT g, '2026Q2', 'Forbehold for SKS-data', 1 FROM generate_series(1, ${MINISTRIES}, 4) g;`);

  // Submissions: per institution and quarter one ACTIVE, and for one in ten an earlier SUPERSEDED one.
  await client.query(`
    INSERT INTO "Submission" ("id", "institutionId", "quarter", "format", "status", "lineCount", "totalOre", "feedBatch")
    SELECT q.n * 100000 + i."id" * 2 + s.superseded, i."id", q.quarter,
           CASE WHEN i."dataChannel" = 'SKS' AND s.superseded = 0 THEN 'SKS_FEED' ELSE 'LINES' END::"SubmissionFormat",
           CASE WHEN s.superseded = 1 THEN 'SUPERSEDED' ELSE 'ACTIVE' END::"SubmissionStatus", 0, 0,
           CASE WHEN i."dataChannel" = 'SKS' AND s.superseded = 0 THEN 'batch-1' END
      FROM "Institution" i
     CROSS JOIN unnest(ARRAY[${QUARTERS.map((q) => `'${q}'`).join(",")}]) WITH ORDINALITY AS q(quarter, n)
     CROSS JOIN (VALUES (0), (1)) AS s(superseded)
     WHERE s.superseded = 0 OR i."id" % 10 = 1;
    SELECT setval(pg_get_serial_sequence('"Submission"', 'id'), (SELECT max("id") FROM "Submission"));`);

  // Lines: per quarter a partition of its own, filled set-based, then attached (indexes built in bulk).
  const perQuarter = Math.floor(LINES / QUARTERS.length);
  for (const [index, quarter] of QUARTERS.entries()) {
    const q = index + 1;
    const started = performance.now();
    // The bulk load's own staging table (lib/purchase-data/bulk-load.ts).
    const { rows } = await client.query<{ name: string; low: string }>(`SELECT "name", "low"::text FROM "purchase_line_create_partition"()`);
    const { name, low } = rows[0]!;
    // Institution sizes follow a Zipf-like curve; each gets its share of the quarter's lines.
    await client.query(`
      WITH sizes AS (
        SELECT i."id", i."ministryId", 1.0 / power(i."id", 0.8) AS w FROM "Institution" i),
      shares AS (
        SELECT s."id", s."ministryId", greatest(1, round(${perQuarter} * s.w / sum(s.w) OVER ()))::int AS n FROM sizes s),
      counts AS (
        SELECT h."id", h."ministryId", h.n, sum(h.n) OVER (ORDER BY h."id") AS upto FROM shares h),
      lines AS (
        SELECT c."id" AS institution_id, c."ministryId" AS current_ministry, c.upto - c.n + g AS k,
               random() AS r_sup, random() AS r_cat, random() AS r_on, random() AS r_amount, random() AS r_misc, random() AS r_day
          FROM counts c CROSS JOIN LATERAL generate_series(1, c.n) g)
      INSERT INTO "${name}" ("id", "submissionId", "institutionId", "ministryId", "quarter", "purchaseDate", "supplierCvr",
                             "supplierName", "categoryCode", "amountOre", "ecommerce", "ean")
      SELECT ${low} + l.k, ${q} * 100000 + l.institution_id * 2 + CASE WHEN l.institution_id % 10 = 1 AND l.r_misc < 0.3 THEN 1 ELSE 0 END,
             l.institution_id,
             CASE WHEN l.institution_id % 50 = 3 AND d.day < DATE '2026-02-10' THEN (l.institution_id % ${MINISTRIES}) + 1 ELSE l.current_ministry END,
             '${quarter}', CASE WHEN l.r_misc > 0.95 THEN NULL ELSE d.day END,
             CASE WHEN l.r_misc BETWEEN 0.6 AND 0.63 THEN NULL ELSE (20000000 + s.sup)::text END,
             CASE WHEN l.r_misc BETWEEN 0.6 AND 0.63 THEN 'Personligt udlæg' ELSE 'Leverandør ' || s.sup || ' ApS' END,
             CASE WHEN l.r_misc BETWEEN 0.5 AND 0.6 AND NOT l.r_misc BETWEEN 0.6 AND 0.63 THEN NULL ELSE (1000 + s.cat * 10)::text END,
             (1000 + exp(l.r_amount * 9) * 100)::bigint, l.r_on < 0.4, NULL
        FROM lines l
       CROSS JOIN LATERAL (SELECT floor(${CATEGORIES} * power(l.r_cat, 1.5))::int AS cat) c
       CROSS JOIN LATERAL (SELECT c.cat * ${SUPPLIERS_PER_CATEGORY} +
                                  CASE WHEN l.r_on < 0.8 THEN floor(l.r_sup * 3)::int
                                       ELSE 3 + floor((${SUPPLIERS_PER_CATEGORY} - 3) * power(l.r_sup, 2))::int END AS sup,
                                  c.cat) s
       CROSS JOIN LATERAL (SELECT compliance_quarter_start('${quarter}') + floor(l.r_day * (compliance_quarter_end('${quarter}') - compliance_quarter_start('${quarter}') + 1))::int AS day) d`);
    await client.query(`SET maintenance_work_mem = '512MB'`);
    await client.query(`SELECT 1 FROM "purchase_line_attach_partition"($1)`, [name]);
    const { rows: count } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${name}"`);
    console.log(`  ${quarter}: ${Number(count[0]!.n).toLocaleString("da-DK")} lines written and attached in ${ms(performance.now() - started)}`);
  }
  await client.query(`
    UPDATE "Submission" s SET "lineCount" = t.n, "totalOre" = t.total
      FROM (SELECT "submissionId", count(*)::int AS n, sum("amountOre")::bigint AS total FROM "PurchaseLine" GROUP BY 1) t
     WHERE s."id" = t."submissionId"`);
  await client.query(`VACUUM ANALYZE`);
}

/** The dashboard's agreement figures for one ministry and quarter straight from the raw lines. */
const RAW_GROUP_BY = `
  SELECT ac."agreementId",
         COALESCE(sum(l."amountOre") FILTER (WHERE sp."agreementId" IS NOT NULL), 0)::bigint AS num, sum(l."amountOre")::bigint AS den
    FROM "ActivePurchaseLine" l
    JOIN "Institution" i ON i."id" = l."institutionId"
    LEFT JOIN "Supplier" s ON s."cvr" = l."supplierCvr"
    JOIN "compliance_agreement_categories"($2) ac ON ac."categoryCode" = COALESCE(l."categoryCode", s."categoryCode")
    LEFT JOIN "compliance_agreement_suppliers"($2) sp ON sp."agreementId" = ac."agreementId" AND sp."supplierCvr" = l."supplierCvr"
   WHERE l."ministryId" = $1 AND l."quarter" = $2
     AND COALESCE((SELECT m."customerType" FROM "InstitutionMembership" m
                    WHERE m."institutionId" = l."institutionId" AND m."validFrom" <= COALESCE(l."purchaseDate", compliance_quarter_end($2))
                      AND (m."validTo" IS NULL OR m."validTo" >= COALESCE(l."purchaseDate", compliance_quarter_end($2)))
                    ORDER BY m."validFrom" DESC LIMIT 1), i."customerType") = 'OBLIGATED'
   GROUP BY ac."agreementId"`;
const RAW_ECOMMERCE = `
  SELECT COALESCE(sum(l."amountOre") FILTER (WHERE l."ecommerce"), 0)::bigint AS num, sum(l."amountOre")::bigint AS den
    FROM "ActivePurchaseLine" l JOIN "ObligatedPeriod" p ON p."quarter" = $2 AND p."institutionId" = l."institutionId"
     AND COALESCE(l."purchaseDate", compliance_quarter_end($2)) BETWEEN p."validFrom" AND p."validTo"
   WHERE l."ministryId" = $1 AND l."quarter" = $2`;
/** The simplest GROUP BY over a quarter's raw lines: spend per ministry, institution and category. */
const PLAIN_QUARTER_GROUP_BY = `
  SELECT count(*) FROM (SELECT l."ministryId", l."institutionId", l."categoryCode", sum(l."amountOre")
                          FROM "PurchaseLine" l WHERE l."quarter" = $1 GROUP BY 1, 2, 3) t`;

async function main(): Promise<void> {
  console.log(`Compliance benchmark: ${LINES.toLocaleString("da-DK")} purchase lines over ${QUARTERS.length} quarters; load average ${load()} (2 cores)`);
  const db = await benchDatabase(`compliance_${LINES}`, async (url) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const [, generation] = await timed(() => generate(client));
      console.log(`Generated in ${(generation / 1000).toFixed(0)} s; load average ${load()}`);
    } finally {
      await client.end();
    }
  });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    // 1. Full recompute of each quarter.
    console.log("\n1. Full recompute of one quarter (compliance_refresh), target < 30 s:");
    const refreshTimes: number[] = [];
    for (const quarter of QUARTERS) {
      const [result, t] = await timed(() => client.query<{ r: { spendRows: number } }>(`SELECT compliance_refresh($1) AS r`, [quarter]));
      refreshTimes.push(t);
      console.log(`   ${quarter}: ${(t / 1000).toFixed(1)} s (${result.rows[0]!.r.spendRows.toLocaleString("da-DK")} spend rows); load ${load()}`);
    }
    const [again, tAgain] = await timed(() => client.query(`SELECT compliance_refresh($1) AS r`, [QUARTERS[3]]));
    void again;
    console.log(`   ${QUARTERS[3]} again (warm): ${(tAgain / 1000).toFixed(1)} s`);
    const slowest = Math.max(...refreshTimes);
    reportResult({
      workload: `compliance: full recompute of one quarter, ${LINES.toLocaleString("en-US")} purchase lines over ${QUARTERS.length} quarters`,
      figure: `time (slowest of the ${QUARTERS.length} quarters)`,
      value: Math.round(slowest / 100) / 10,
      unit: "s",
      target: "< 30 s",
      met: slowest < 30_000,
    });
    const plainTimes: number[] = [];
    for (let i = 0; i < 3; i++) plainTimes.push((await timed(() => client.query(PLAIN_QUARTER_GROUP_BY, [QUARTERS[3]])))[1]);
    plainTimes.sort((a, b) => a - b);
    console.log(
      `   a plain GROUP BY of that quarter's raw lines (ministry, institution, category): ${ms(plainTimes[1]!)}; ` +
        `the recompute costs ${(tAgain / plainTimes[1]!).toFixed(1)}x that`,
    );

    // 2. The dashboard through the page's own code.
    process.env.DATABASE_URL = db.url;
    const { complianceData, ministryDashboard } = await import("@/lib/compliance/queries");
    const { trailPage, trailTotals } = await import("@/lib/compliance/trail");
    const { categorySpend, spendBySupplier } = await import("@/lib/compliance/tender");
    const { refreshCompliance } = await import("@/lib/compliance/rollup");
    const { prisma } = await import("@/lib/db/client");
    const ministry = { id: 1, name: "Benchministerium 01" };
    const quarter = QUARTERS[3]!;
    const user = { id: 1, name: "Analytiker 1", email: "analytiker1@bench.example.dk", role: "MINISTRY_ANALYST" as const, institutionId: null, institutionName: null, ministryId: 1, ministryName: ministry.name, supplierId: null, supplierName: null };
    const dashboard = async () => {
      const data = await complianceData();
      return ministryDashboard(user, ministry, quarter, data.quarters);
    };
    for (let i = 0; i < 10; i++) await dashboard();
    const times: number[] = [];
    let figures = await dashboard();
    for (let i = 0; i < DASHBOARD_RUNS; i++) {
      const [d, t] = await timed(dashboard);
      figures = d;
      times.push(t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `\n2. Dashboard data for one ministry and quarter (stale check + ${figures.agreements.length} agreements, trend, leakage, e-commerce, ` +
        `institutions, deviations, reservations), ${DASHBOARD_RUNS} calls: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, ` +
        `max ${ms(times.at(-1)!)} (target p95 < 100 ms); load ${load()}`,
    );

    // 3. The same figures by a plain GROUP BY over the raw lines.
    const rawTimes: number[] = [];
    let raw: { agreementId: number; num: string; den: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const [[agreements], t] = await timed(() =>
        Promise.all([client.query<{ agreementId: number; num: string; den: string }>(RAW_GROUP_BY, [1, quarter]), client.query(RAW_ECOMMERCE, [1, quarter])]),
      );
      raw = agreements.rows;
      rawTimes.push(t);
    }
    rawTimes.sort((a, b) => a - b);
    const same = raw.every((r) => {
      const a = figures.agreements.find((x) => x.agreementId === r.agreementId);
      return a && a.numeratorOre === BigInt(r.num) && a.denominatorOre === BigInt(r.den);
    });
    console.log(
      `\n3. The same agreement and e-commerce figures by GROUP BY over the raw lines at request time: median ${ms(rawTimes[2]!)} ` +
        `(${same ? "equal to the rollup's to the øre" : "DIFFERENT from the rollup!"}); ratio raw / rollup dashboard p50: ` +
        `${(rawTimes[2]! / percentile(times, 50)).toFixed(0)}x`,
    );
    const workload = `compliance dashboard data for one ministry and quarter, ${LINES.toLocaleString("en-US")} purchase lines (${DASHBOARD_RUNS} calls)`;
    const p95 = percentile(times, 95);
    const p50 = percentile(times, 50);
    reportResult({ workload, figure: "p95", value: Math.round(p95 * 10) / 10, unit: "ms", target: "< 100 ms", met: p95 < 100 });
    reportResult({
      workload,
      figure: "p50 (ratio: how many times faster than the reference)",
      value: Math.round(p50 * 10) / 10,
      unit: "ms",
      target: "stated",
      met: null,
      reference: { label: "the same figures by GROUP BY over the raw lines, median", value: Math.round(rawTimes[2]!), unit: "ms" },
      ratio: Math.round((rawTimes[2]! / p50) * 10) / 10,
    });

    // 4. The import hook, the line trail and tender preparation.
    const hookTimes: number[] = [];
    for (const institutionId of [1, 2, 5, 50, 200]) {
      hookTimes.push((await timed(() => refreshCompliance(client, { quarter, institutionIds: [institutionId] })))[1]);
    }
    console.log(`\n4. Import hook, refreshCompliance for one institution and quarter (institutions 1, 2, 5, 50, 200): ${hookTimes.map(ms).join(", ")}`);
    const filter = { ministryId: 1, quarter, figure: "aftale" as const, agreementId: 1, institutionId: null, part: "udenfor" as const, supplierCvr: null, supplierName: null };
    const [totals, tTotals] = await timed(() => trailTotals(user, filter));
    const [, tPage] = await timed(() => trailPage(user, filter, 3));
    console.log(`   Line trail of one agreement's leakage for the ministry (${totals.lines.toLocaleString("da-DK")} lines): totals ${ms(tTotals)}, page 3 ${ms(tPage)}`);
    const allFilter = { ...filter, agreementId: null, part: "alle" as const };
    const [allTotals, tAll] = await timed(() => trailTotals(user, allFilter));
    console.log(`   Line trail of the ministry's whole figure (${allTotals.lines.toLocaleString("da-DK")} line-agreement rows): totals ${ms(tAll)}`);
    const admin = { ...user, role: "ADMIN" as const, ministryId: null };
    const tender = { category: "1000", from: QUARTERS[0]!, to: quarter, customers: "forpligtede" as const, ministryId: null };
    const [, tCategories] = await timed(() => categorySpend(admin, tender, QUARTERS));
    const [suppliers, tSuppliers] = await timed(() => spendBySupplier(admin, tender, QUARTERS));
    console.log(`   Tender preparation, whole state, 4 quarters: categories ${ms(tCategories)}; one category by supplier (${suppliers.length} suppliers) ${ms(tSuppliers)}`);
    const { rows: sizes } = await client.query<{ t: string; rows: string; size: string }>(`
      SELECT t, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', t), false, true, '')))[1]::text AS rows,
             pg_size_pretty(pg_total_relation_size(quote_ident(t)::regclass)) AS size
        FROM unnest(ARRAY['SpendRollup', 'ComplianceRollup', 'ComplianceLeakage', 'EcommerceRollup', 'ObligatedPeriod']) AS t ORDER BY 1`);
    console.log(`   Rollup tables: ${sizes.map((s) => `${s.t} ${Number(s.rows).toLocaleString("da-DK")} rows (${s.size})`).join("; ")}`);
    console.log(`\nLoad average at the end: ${load()}`);
    await prisma.$disconnect();
  } finally {
    await client.end();
    if (KEEP) console.log(`Kept the database: ${db.url}`);
    else await db.drop();
  }
}

await main();
