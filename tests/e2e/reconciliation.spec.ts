import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { formatMoneyOre } from "@/lib/format";
import { databaseUrlFor, E2E_DATABASE } from "@/tests/support/database";
import { logIn } from "./fixtures";

// The agency sees a supplier's report that differs from the customer's purchase data and drills down
// to both sides' lines; a supplier who guesses another supplier's finding by URL gets 404. The report
// is written straight into the database here (the upload belongs to the sales-report pages): a new
// version of Datagrej's report for SIP 08.01, 2026Q3, with one customer's sales far above its purchases.

const QUARTER = "2026Q3";
const EXTRA_ORE = 1_234_567_800n; // 12.345.678,00 kr. more than the customer bought

async function noSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`)).toEqual([]);
}

type Row = { agreementId: number; supplierId: number; institutionId: number; institutionName: string; purchasedOre: string; reportId: number };

let row: Row;
let otherSuppliersRow: { agreementId: number; supplierId: number; institutionId: number };

test.beforeAll(async () => {
  const db = new pg.Client({ connectionString: databaseUrlFor(E2E_DATABASE) });
  await db.connect();
  try {
    await db.query("BEGIN");
    row = (
      await db.query<Row>(
        `SELECT r."agreementId", r."supplierId", r."institutionId", i.name AS "institutionName", r."purchasedOre"::text AS "purchasedOre", rep.id AS "reportId"
           FROM "Reconciliation" r
           JOIN "Institution" i ON i.id = r."institutionId"
           JOIN "Supplier" s ON s.id = r."supplierId" AND s.name = 'Datagrej Demo A/S'
           JOIN "Agreement" a ON a.id = r."agreementId" AND a.reference = 'SIP 08.01'
           JOIN "SalesReport" rep ON rep."agreementId" = r."agreementId" AND rep."supplierId" = r."supplierId" AND rep.quarter = r.quarter AND rep."supersededAt" IS NULL
          WHERE r.quarter = $1 AND r.status = 'AGREES' AND r."purchaseLineCount" > 0 AND r."reportLineCount" = 1
          ORDER BY r."institutionId" LIMIT 1`,
        [QUARTER],
      )
    ).rows[0]!;
    // The corrected report: every line as before, this customer's far above its purchases.
    const { rows } = await db.query<{ id: number }>(
      `WITH old AS (UPDATE "SalesReport" SET "supersededAt" = now() WHERE id = $1 RETURNING *)
       INSERT INTO "SalesReport" ("agreementId", "supplierId", quarter, channel, "lineCount", "totalOre", "fileName", "submittedById")
       SELECT "agreementId", "supplierId", quarter, 'CSV', "lineCount", "totalOre" + $2::bigint, 'rettet.csv', "submittedById" FROM old
       RETURNING id`,
      [row.reportId, EXTRA_ORE.toString()],
    );
    await db.query(
      `INSERT INTO "SalesReportLine" ("reportId", "agreementId", "supplierId", quarter, "institutionId", "customerCvr", ean, "categoryCode", "amountOre", ecommerce)
       SELECT $1, "agreementId", "supplierId", quarter, "institutionId", "customerCvr", ean, "categoryCode",
              "amountOre" + CASE WHEN "institutionId" = $3 THEN $4::bigint ELSE 0 END, ecommerce
         FROM "SalesReportLine" WHERE "reportId" = $2`,
      [rows[0]!.id, row.reportId, row.institutionId, EXTRA_ORE.toString()],
    );
    await db.query(`SELECT "reconciliation_refresh"($1, $2, $3)`, [QUARTER, row.agreementId, row.supplierId]);
    otherSuppliersRow = (
      await db.query(
        `SELECT r."agreementId", r."supplierId", r."institutionId" FROM "Reconciliation" r
           JOIN "Supplier" s ON s.id = r."supplierId" AND s.name = 'Strømkilden Demo A/S'
          WHERE r.quarter = $1 ORDER BY r."institutionId" LIMIT 1`,
        [QUARTER],
      )
    ).rows[0];
    await db.query("COMMIT");
  } finally {
    await db.end();
  }
});

test("ADMIN sees the difference among the largest and drills down to both sides' lines", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, "admin@demo.example.dk");
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Afstemning" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Afstemning af omsætning og indkøbsdata");
  await page.getByLabel("Kvartal", { exact: true }).selectOption(QUARTER);
  await page.getByRole("button", { name: "Vis" }).click();

  await noSeriousViolations(page);

  const difference = formatMoneyOre(EXTRA_ORE);
  const largest = page.getByRole("table", { name: "Største forskelle" });
  const line = largest.getByRole("row").filter({ hasText: row.institutionName }).filter({ hasText: difference });
  await expect(line).toHaveCount(1);
  await expect(line).toContainText("Afviger");
  // Strømkilden has not reported SIP 10.01 for the quarter.
  await expect(page.getByRole("table", { name: "Manglende indberetninger" }).getByRole("row").filter({ hasText: "Strømkilden Demo A/S" })).toContainText("SIP 10.01");

  await line.getByRole("link", { name: new RegExp(row.institutionName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(row.institutionName);
  await expect(page.getByText(`${difference}`).first()).toBeVisible();
  const reported = page.getByRole("table", { name: "Indberettede linjer" });
  await expect(reported.getByRole("row")).toHaveCount(2); // header + the one line
  await expect(reported).toContainText(formatMoneyOre(BigInt(row.purchasedOre) + EXTRA_ORE));
  const purchases = page.getByRole("table", { name: "Indkøbslinjer" });
  await expect(purchases.getByRole("row").nth(1)).toBeVisible();
  await expect(page.getByText(`${formatMoneyOre(BigInt(row.purchasedOre))} (`)).toBeVisible();
  await noSeriousViolations(page);

  await page.goto("/admin/afstemning");
  await expect(page.getByLabel("Procentsats")).toHaveValue("5");
  await noSeriousViolations(page);
});

test("a supplier that opens another supplier's finding by its URL gets 404", async ({ page }) => {
  await logIn(page, "leverandoer@demo.example.dk");
  const own = await page.goto(
    `/afstemning/kunde?kvartal=${QUARTER}&aftale=${row.agreementId}&leverandoer=${row.supplierId}&institution=${row.institutionId}`,
  );
  expect(own?.status()).toBe(200);
  await page.goto("/afstemning");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Afstemning: Datagrej Demo A/S");
  await noSeriousViolations(page);
  const foreign = await page.goto(
    `/afstemning/kunde?kvartal=${QUARTER}&aftale=${otherSuppliersRow.agreementId}&leverandoer=${otherSuppliersRow.supplierId}&institution=${otherSuppliersRow.institutionId}`,
  );
  expect(foreign?.status()).toBe(404);
  await expect(page.getByText("Strømkilden Demo A/S")).toHaveCount(0);
});
