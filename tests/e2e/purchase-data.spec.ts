import { expect, test } from "@playwright/test";
import { templateWorkbook } from "../../lib/purchase-data/template";
import { DEMO_INSTITUTIONS, DEMO_SUPPLIERS } from "../../lib/seed/demo-data";
import { hostileXlsx } from "../support/hostile-xlsx";
import { logIn } from "./fixtures";

// A buyer uploads a quarter's purchase data: a file with mistakes is refused with the error report
// (row, column, reason) on the page and nothing is saved; the corrected file is received.
const OES = DEMO_INSTITUTIONS.find((i) => i.key === "oes")!; // koeber.stat's institution, manual delivery
const SUPPLIER = DEMO_SUPPLIERS.find((s) => s.categoryCode !== null)!;
const HEADER = "År;Kvartal;Virk_CVR;Virksomhedsnavn;Kategorikode;Indkøbskategori;Kreditor_CVR;Kreditor_Navn;Beløb";

function csv(year: string, quarter: string, rows: string[][]): { name: string; mimeType: string; buffer: Buffer } {
  const lines = rows.map((row) => [year, quarter, ...row].join(";"));
  return { name: "indkoebsdata.csv", mimeType: "text/csv", buffer: Buffer.from(`${HEADER}\r\n${lines.join("\r\n")}\r\n`, "utf8") };
}

test("a buyer uploads a quarter's data, sees the error report of a bad file, then sends the corrected file", async ({ page }) => {
  await logIn(page, "koeber.stat@demo.example.dk");
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Indkøbsdata" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Indkøbsdata" })).toBeVisible();
  await page.getByRole("link", { name: "Indsend kvartalets data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Indsend indkøbsdata" })).toBeVisible();

  // The page suggests the newest ended quarter whose deadline is open; the file follows it.
  const quarter = await page.getByLabel("Kvartal").inputValue();
  const [year, q] = quarter.split("Q") as [string, string];
  const good = [OES.cvr, OES.name, SUPPLIER.categoryCode!, "Kategori", SUPPLIER.cvr, SUPPLIER.name.slice(0, 50), "1.234,50"];

  await page.getByLabel("Fil med indkøbsdata").setInputFiles(
    csv(year, q, [
      good,
      [OES.cvr, OES.name, "9999", "Ukendt", SUPPLIER.cvr, SUPPLIER.name.slice(0, 50), "100,00"],
      [OES.cvr, OES.name, SUPPLIER.categoryCode!, "Kategori", "12345678", "Forkert CVR ApS", "12345.67"],
    ]),
  );
  await page.getByRole("button", { name: "Indsend" }).click();
  await expect(page.getByText("Filen er afvist – intet er gemt")).toBeVisible();
  const report = page.getByRole("region", { name: "Fejl i filen: række, kolonne og årsag" });
  await expect(report.getByRole("row")).toHaveCount(4); // header + three problems
  const rowWith = (text: string) => report.getByRole("row").filter({ hasText: text });
  await expect(rowWith("Kategorikoden 9999 findes ikke")).toContainText("3");
  await expect(rowWith("Kategorikoden 9999 findes ikke")).toContainText("Kategorikode");
  await expect(rowWith("CVR-nummeret 12345678 er ugyldigt")).toContainText("Kreditor_CVR");
  await expect(rowWith("punktum som decimaltegn")).toContainText("Beløb");

  await page.getByLabel("Fil med indkøbsdata").setInputFiles(csv(year, q, [good, good]));
  await page.getByRole("button", { name: "Indsend" }).click();
  await expect(page.getByText("Indkøbsdata er modtaget")).toBeVisible();
  await expect(page.getByText("2 linjer, i alt 2.469,00")).toBeVisible();

  // The submission shows in the history as the quarter's current data.
  await page.goto("/indkoebsdata");
  const history = page.getByRole("region", { name: "Seneste indsendelser af indkøbsdata" });
  await expect(history.getByRole("row").nth(1)).toContainText("Manuel (styrelsens format)");
  await expect(history.getByRole("row").nth(1)).toContainText("Gældende");
});

test("a hostile xlsx (zip bomb, surplus shared strings) is refused on the page in Danish, and the portal keeps answering", async ({ page }) => {
  const base = await templateWorkbook();
  await logIn(page, "koeber.stat@demo.example.dk");
  await page.goto("/indkoebsdata/indsend");
  for (const [kind, text] of [
    ["ratio-bomb", "som en zip-bombe"],
    ["surplus-shared-strings", "teksttabel"],
  ] as const) {
    await page.getByLabel("Fil med indkøbsdata").setInputFiles({ name: `${kind}.xlsx`, mimeType: "application/octet-stream", buffer: hostileXlsx(base, kind) });
    await page.getByRole("button", { name: "Indsend" }).click();
    await expect(page.getByText(text).first()).toBeVisible();
  }
  const response = await page.goto("/indkoebsdata");
  expect(response?.status()).toBe(200);
});
