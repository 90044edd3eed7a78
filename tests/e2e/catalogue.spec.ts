import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { logIn } from "./fixtures";

test("a buyer searches, filters, pages back, and opens an agreement with the institution's status", async ({ page }) => {
  await logIn(page, "koeber.kommune@demo.example.dk");
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Aftaler" }).click();
  await page.getByLabel("Søg", { exact: true }).fill("kontormøbel");
  await page.getByRole("button", { name: "Søg" }).click();
  await expect(page).toHaveURL(/q=kontorm%C3%B8bel/);
  const results = page.getByRole("region", { name: "Søgeresultat" });
  await expect(results.getByRole("link", { name: "Kontormøbler", exact: true })).toBeVisible();

  await page.getByLabel("Aftaletype").selectOption("VOLUNTARY_SKI");
  await page.getByRole("button", { name: "Søg" }).click();
  await expect(page).toHaveURL(/kind=VOLUNTARY_SKI/);
  await expect(results.getByRole("link", { name: "Kontormøbler", exact: true })).toHaveCount(0);
  await page.goBack();
  await expect(results.getByRole("link", { name: "Kontormøbler", exact: true })).toBeVisible();

  await results.getByRole("link", { name: "Kontormøbler", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kontormøbler" })).toBeVisible();
  await expect(page.getByText(/Jeres status:/)).toBeVisible();
  await expect(page.getByText("Tilmelding er ikke nødvendig", { exact: false })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "frivillige kunder", exact: true })).toHaveAttribute("href", "/regler/frivillige-kunder");
});

test("hostile search parameters give the default view with a message, an unknown agreement a 404", async ({ page }) => {
  await logIn(page, "koeber.stat@demo.example.dk");
  const response = await page.goto("/aftaler?kind=%27%3BDROP&page=-5&activeOn=2026-13-45&q=%25%5C");
  expect(response?.status()).toBe(200);
  await expect(page.getByText("Nogle værdier i adressen var ugyldige og er ignoreret")).toBeVisible();
  expect((await page.goto("/aftaler/999999"))?.status()).toBe(404);
  expect((await page.goto("/aftaler/abc"))?.status()).toBe(404);
});

for (const list of ["indkoebskategorier", "leverandoerer", "aftaleparter", "aftaler-og-faser"]) {
  test(`the published list ${list}.xlsx downloads as a real workbook`, async ({ page }) => {
    await page.goto("/lister");
    const download = page.waitForEvent("download");
    await page.locator(`a[href="/lister/${list}.xlsx"]`).click();
    const file = await (await download).path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBeGreaterThan(4);
  });
}
