import { expect, test } from "@playwright/test";
import { DEMO_INSTITUTIONS } from "../../lib/seed/demo-data";
import { logIn } from "./fixtures";

// Issue 13: a supplier reports its quarter's sales. A file with an error is refused with the Danish
// row and column on the page and nothing is stored; the corrected file is stored and shows in the
// history. Another supplier's report answers 404 by URL.
const OES = DEMO_INSTITUTIONS.find((i) => i.key === "oes")!; // an obligated party of the common agreements
const HEADER = "Kunde-CVR;Kundenavn;EAN;Kategorikode;Beløb ekskl. moms;E-handel";

function csv(rows: string[]): { name: string; mimeType: string; buffer: Buffer } {
  return { name: "omsaetning.csv", mimeType: "text/csv", buffer: Buffer.from(`${HEADER}\r\n${rows.join("\r\n")}\r\n`, "utf8") };
}

test("a supplier uploads a report with an error, sees the row and column, fixes it and sees it stored in the history", async ({ page }) => {
  await logIn(page, "leverandoer@demo.example.dk");
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Omsætning" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Omsætning" })).toBeVisible();
  const computers = page.getByRole("region", { name: /Computeraftalen/ });
  await computers.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: /Omsætning: .*Computeraftalen/ })).toBeVisible();

  await page.getByLabel("Fil med omsætning").setInputFiles(csv([`${OES.cvr};${OES.name};;1410;1.234,50;ja`, `${OES.cvr};;;1410;99,5;måske`]));
  await page.getByRole("button", { name: "Indsend" }).click();
  await expect(page.getByText("Filen er afvist – intet er gemt")).toBeVisible();
  const report = page.getByRole("region", { name: "Fejl i filen: række, kolonne og årsag" });
  await expect(report.getByRole("row")).toHaveCount(2); // header + one problem
  await expect(report.getByRole("row").nth(1)).toContainText("3");
  await expect(report.getByRole("row").nth(1)).toContainText("E-handel");
  await expect(report.getByRole("row").nth(1)).toContainText("«måske» skal være ja eller nej.");
  await expect(page.getByRole("region", { name: "Versioner af indberetningen" })).toContainText("Der er ingen indberetning for kvartalet endnu.");

  await page.getByLabel("Fil med omsætning").setInputFiles(csv([`${OES.cvr};${OES.name};;1410;1.234,50;ja`, `${OES.cvr};;;1410;99,50;nej`]));
  await page.getByRole("button", { name: "Indsend" }).click();
  await expect(page.getByText("Omsætningen er modtaget")).toBeVisible();
  await expect(page.getByText("2 rækker, i alt 1.334,00")).toBeVisible();
  const history = page.getByRole("region", { name: "Versioner af indberetningen" });
  await expect(history.getByRole("row").nth(1)).toContainText("Gældende");
  await expect(history.getByRole("row").nth(1)).toContainText("omsaetning.csv");
});

test("a supplier cannot open another supplier's report or agreement by URL: 404", async ({ browser }) => {
  const other = await browser.newPage();
  await logIn(other, "leverandoer2@demo.example.dk");
  await other.goto("/omsaetning");
  await other.getByRole("region", { name: /Elektricitet/ }).getByRole("link").first().click();
  await other.getByRole("button", { name: "Ingen omsætning i kvartalet" }).click();
  await expect(other.getByText(/ingen omsætning i kvartalet\./)).toBeVisible();
  await other.reload();
  const reportUrl = await other.getByRole("region", { name: "Versioner af indberetningen" }).getByRole("link").first().getAttribute("href");
  const quarterUrl = new URL(other.url()).pathname;
  expect(reportUrl).toMatch(/^\/omsaetning\/\d+\/\d{4}Q\d\/\d+$/);
  await other.close();

  const page = await browser.newPage();
  await logIn(page, "leverandoer@demo.example.dk");
  for (const url of [reportUrl!, quarterUrl, `${quarterUrl}/skabelon`]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
  }
  await page.close();
});
