import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { logIn } from "./fixtures";

// An analyst of Finansministeriet follows the compliance figures from the dashboard down to an
// agreement, an institution and the lines, downloads the quarterly report, and is refused another
// ministry's compliance pages.

async function noSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`)).toEqual([]);
}

/** The ministry page an analyst lands on from the menu. */
async function ownCompliancePage(page: Page): Promise<string> {
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Compliance" }).click();
  // The first view of a quarter whose figures are stale computes them: allow it the time.
  await expect(page).toHaveURL(/\/compliance\/\d+$/, { timeout: 60_000 });
  return new URL(page.url()).pathname;
}

test("an analyst opens the dashboard, drills down to the lines and downloads the report", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, "analytiker@demo.example.dk");
  const own = await ownCompliancePage(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compliance: Finansministeriet");
  await noSeriousViolations(page);

  // Every chart has a table of the same numbers; the key figure shows numerator and denominator.
  const agreementsTable = page.getByRole("table", { name: /Compliance pr\. forpligtende aftale/ });
  await expect(agreementsTable.getByRole("columnheader", { name: "Andel" })).toBeVisible();
  await expect(agreementsTable.getByRole("columnheader", { name: "Hos aftalens leverandører" })).toBeVisible();
  await expect(agreementsTable.getByRole("columnheader", { name: "I aftalens kategorier" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Compliance pr. kvartal (tabel)" })).toBeVisible();
  await expect(page.getByText(/hos aftalernes leverandører af .* i aftalernes kategorier/).first()).toBeVisible();

  // Ministry -> agreement.
  const agreementLink = agreementsTable.getByRole("rowheader").getByRole("link").first();
  const agreementName = (await agreementLink.textContent())!.trim();
  await agreementLink.click();
  await expect(page).toHaveURL(new RegExp(`${own}/aftaler/\\d+\\?kvartal=\\d{4}Q[1-4]$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(agreementName);
  await noSeriousViolations(page);

  // Agreement -> institution.
  const institutions = page.getByRole("table", { name: /pr\. institution på/ });
  const institutionLink = institutions.getByRole("rowheader").getByRole("link").first();
  const institutionName = (await institutionLink.textContent())!.trim();
  await institutionLink.click();
  await expect(page).toHaveURL(/\/institutioner\/\d+\?kvartal=/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(institutionName);

  // The figure -> the lines behind it, whose sum is stated.
  await page.getByRole("link", { name: "Se linjerne bag tallet" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Indkøbslinjerne bag tallet");
  await expect(page.getByRole("status").filter({ hasText: /linjer?, i alt/ })).toBeVisible();
  const trailDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Hent linjerne som regneark (xlsx)" }).click();
  expect((await trailDownload).suggestedFilename()).toMatch(/^indkoebslinjer-\d{4}Q[1-4]-aftale-\d+-institution-\d+\.xlsx$/);

  // The quarterly report: printable page and xlsx.
  await page.goto(own);
  await page.getByRole("navigation", { name: "Compliance" }).getByRole("link", { name: "Kvartalsrapport" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compliancerapport: Finansministeriet");
  await expect(page.getByRole("button", { name: "Udskriv" })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Hent rapporten (xlsx)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^compliancerapport-finansministeriet-\d{4}Q[1-4]\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(await file.path()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect(String(sheet.getCell("A1").value)).toMatch(/^Compliancerapport, Finansministeriet, \d\. kvartal \d{4}$/);
  expect(sheet.getCell("A3").value).toBe("Afsnit");
  expect(sheet.getCell("A4").value).toBe("Compliance i alt");
});

test("an analyst cannot open another ministry's compliance pages (404, as for none)", async ({ browser }) => {
  const other = await browser.newPage();
  await logIn(other, "analytiker.skm@demo.example.dk");
  const foreign = await ownCompliancePage(other);
  await other.close();

  const page = await browser.newPage();
  await logIn(page, "analytiker@demo.example.dk");
  const own = await ownCompliancePage(page);
  expect(foreign).not.toBe(own);
  for (const path of [foreign, `${foreign}/rapport`, `${foreign}/aftaler/1`, `${foreign}/linjer?kvartal=2026Q3`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Siden findes ikke");
  }
  for (const path of [`${foreign}/rapport/xlsx?kvartal=2026Q3`, `${foreign}/linjer/xlsx?kvartal=2026Q3`]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
  }
});
