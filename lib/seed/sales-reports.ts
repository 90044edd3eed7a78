import type pg from "pg";
import { DATA_QUARTERS } from "./demo-data";

/**
 * The demo's suppliers' sales reports (issue 13), written straight into the tables (the upload's own
 * path belongs to lib/sales-report) from the demo institutions' purchase data, so that the
 * reconciliation shows what an agency analyst would meet:
 * - every supplier on an agreement reports every demo quarter (suppliers without a portal user through
 *   an API key of their own system), from the customers' spend with it in the agreement's categories:
 *   most customers exactly, some a few percent off (within the tolerance), some far off (a difference),
 *   some not at all (purchases the supplier did not report);
 * - Datagrej Demo A/S (leverandoer@demo.example.dk) on SIP 08.01 also reports a sale to a voluntary
 *   customer that is not enrolled on the phase 8 agreement (a sale to a non-party), and corrected its
 *   report for the last quarter (the earlier version is kept as history);
 * - Strømkilden Demo A/S (leverandoer2@demo.example.dk) has not reported SIP 10.01 for the last demo
 *   quarter: a report missing after the deadline.
 * Deterministic (hashes of ids, no randomness). Runs inside the seed's transaction, after the compliance
 * refresh (it reads the spend rollup), and ends with the full reconciliation of every demo quarter.
 */
/** The demo suppliers these reports single out, by name. */
export const DEMO_SUPPLIER_NAME = { datagrej: "Datagrej Demo A/S", stroemkilden: "Strømkilden Demo A/S" } as const;

export async function writeDemoSalesReports(client: pg.ClientBase): Promise<void> {
  const lastQuarter = DATA_QUARTERS.at(-1)!;
  // An API key per supplier without a portal user: its reports come from the supplier's own system.
  await client.query(
    `INSERT INTO "SupplierApiKey" ("name", "keyHash", "keyPrefix", "supplierId", "createdById")
     SELECT 'Økonomisystem (demo)', encode(sha256(convert_to('demo-supplier-key-' || s."id", 'UTF8')), 'hex'), 'demo', s."id",
            (SELECT u."id" FROM "User" u WHERE u."role" = 'ADMIN' ORDER BY u."id" LIMIT 1)
       FROM "Supplier" s
      WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."supplierId" = s."id")
        AND EXISTS (SELECT 1 FROM "AgreementSupplier" x WHERE x."supplierId" = s."id")`,
  );
  for (const quarter of DATA_QUARTERS) {
    // Datagrej's first version of the last quarter, corrected below: history, not counted.
    if (quarter === lastQuarter) await writeReports(client, quarter, { firstVersionOf: DEMO_SUPPLIER_NAME.datagrej });
    await writeReports(client, quarter, {});
  }
  for (const quarter of DATA_QUARTERS) await client.query(`SELECT "reconciliation_refresh"($1::text)`, [quarter]);
}

async function writeReports(client: pg.ClientBase, quarter: string, options: { firstVersionOf?: string }): Promise<void> {
  const lastQuarter = DATA_QUARTERS.at(-1)!;
  // The pairs that report this quarter (Strømkilden skips SIP 10.01 in the last one).
  const pairs = `SELECT p."agreementId", p."supplierId"
                   FROM "reconciliation_pairs"($1::text) p
                   JOIN "Supplier" s ON s."id" = p."supplierId" JOIN "Agreement" a ON a."id" = p."agreementId"
                  WHERE ($2::text IS NULL OR s."name" = $2)
                    AND NOT ($1::text = $3::text AND s."name" = $4 AND a."reference" = 'SIP 10.01')`;
  const values = [quarter, options.firstVersionOf ?? null, lastQuarter, DEMO_SUPPLIER_NAME.stroemkilden];
  // A pair that reported before (the first version) is superseded by the new version, kept as history.
  await client.query(
    `UPDATE "SalesReport" r SET "supersededAt" = ("compliance_quarter_end"($1::text) + 25)::timestamp + INTERVAL '10 hours'
       FROM (${pairs}) p
      WHERE r."agreementId" = p."agreementId" AND r."supplierId" = p."supplierId" AND r."quarter" = $1 AND r."supersededAt" IS NULL`,
    values,
  );
  const { rows: reports } = await client.query<{ id: number }>(
    `INSERT INTO "SalesReport" ("agreementId", "supplierId", "quarter", "channel", "lineCount", "totalOre", "fileName",
                                "submittedById", "apiKeyId", "createdAt")
     SELECT p."agreementId", p."supplierId", $1, CASE WHEN u."id" IS NULL THEN 'API' ELSE 'CSV' END::"SalesReportChannel", 0, 0,
            CASE WHEN u."id" IS NULL THEN NULL ELSE 'omsaetning-' || $1 || '.csv' END, u."id",
            CASE WHEN u."id" IS NULL THEN (SELECT k."id" FROM "SupplierApiKey" k WHERE k."supplierId" = p."supplierId" ORDER BY k."id" LIMIT 1) END,
            ("compliance_quarter_end"($1::text) + CASE WHEN $2::text IS NULL THEN 25 ELSE 14 END)::timestamp + INTERVAL '10 hours'
       FROM (${pairs}) p
       LEFT JOIN LATERAL (SELECT u."id" FROM "User" u WHERE u."supplierId" = p."supplierId" AND u."role" = 'SUPPLIER' ORDER BY u."id" LIMIT 1) u ON TRUE
     RETURNING "id"`,
    values,
  );
  if (reports.length === 0) return;
  const variant = options.firstVersionOf ? 7 : 0;
  await client.query(
    `INSERT INTO "SalesReportLine" ("reportId", "agreementId", "supplierId", "quarter", "institutionId", "customerCvr", "categoryCode", "amountOre", "ecommerce")
     SELECT rep."id", rep."agreementId", rep."supplierId", rep."quarter", x."institutionId", i."cvr", x."categoryCode",
            CASE WHEN x.h < 2 THEN x.amount + x.amount * 3 / 10 + 1500000   -- far off: a difference
                 WHEN x.h < 5 THEN x.amount - x.amount * 4 / 100             -- a few percent: within the tolerance
                 ELSE x.amount END,
            a."ecommerce"
       FROM "SalesReport" rep
       JOIN "Agreement" a ON a."id" = rep."agreementId"
       JOIN "Supplier" s ON s."id" = rep."supplierId"
       JOIN LATERAL (
         SELECT r."institutionId", r."categoryCode", sum(r."amountOre")::bigint AS amount,
                abs(hashtext(r."institutionId" || ':' || rep."agreementId" || ':' || rep."quarter" || ':' || $2::int)) % 20 AS h
           FROM "SpendRollup" r
          WHERE r."quarter" = rep."quarter" AND r."supplierCvr" = s."cvr"
            AND r."categoryCode" IN (SELECT ac."categoryCode" FROM "AgreementCategory" ac WHERE ac."agreementId" = rep."agreementId")
          GROUP BY r."institutionId", r."categoryCode"
         HAVING sum(r."amountOre") > 0) x ON x.h <> 19   -- 1 in 20 customers not reported
       JOIN "Institution" i ON i."id" = x."institutionId"
      WHERE rep."id" = ANY($1::int[])`,
    [reports.map((r) => r.id), variant],
  );
  // Datagrej's sale to a voluntary customer that is not party to SIP 08.01 (not enrolled).
  await client.query(
    `INSERT INTO "SalesReportLine" ("reportId", "agreementId", "supplierId", "quarter", "institutionId", "customerCvr", "categoryCode", "amountOre")
     SELECT rep."id", rep."agreementId", rep."supplierId", rep."quarter", i."id", i."cvr", ac."categoryCode", 18750000
       FROM "SalesReport" rep
       JOIN "Agreement" a ON a."id" = rep."agreementId" AND a."reference" = 'SIP 08.01'
       JOIN "Supplier" s ON s."id" = rep."supplierId" AND s."name" = $2
       JOIN LATERAL (SELECT min(c."categoryCode") AS "categoryCode" FROM "AgreementCategory" c WHERE c."agreementId" = a."id") ac ON TRUE
       JOIN LATERAL (SELECT i."id", i."cvr" FROM "Institution" i
                      WHERE i."customerType" = 'VOLUNTARY'
                        AND NOT EXISTS (SELECT 1 FROM "AgreementCustomerParty" p WHERE p."agreementId" = a."id" AND p."institutionId" = i."id")
                      ORDER BY i."id" LIMIT 1) i ON TRUE
      WHERE rep."id" = ANY($1::int[])`,
    [reports.map((r) => r.id), DEMO_SUPPLIER_NAME.datagrej],
  );
  await client.query(
    `UPDATE "SalesReport" rep SET "lineCount" = t.n, "totalOre" = t.total, "noSales" = t.n = 0
       FROM (SELECT r."id", count(l."id")::int AS n, COALESCE(sum(l."amountOre"), 0)::bigint AS total
               FROM "SalesReport" r LEFT JOIN "SalesReportLine" l ON l."reportId" = r."id"
              WHERE r."id" = ANY($1::int[]) GROUP BY r."id") t
      WHERE rep."id" = t."id"`,
    [reports.map((r) => r.id)],
  );
}
