import { expect, test } from "@playwright/test";
import { cvrWithCheck } from "../../lib/domain/identifiers";
import { logIn } from "./fixtures";

/** A valid CVR number the demo data do not use (theirs start at 4100000). */
function freshCvr(): string {
  for (;;) {
    const body = String(9_100_000 + Math.floor(Math.random() * 800_000));
    const cvr = cvrWithCheck(body);
    if (cvr) return cvr;
  }
}

test("the admin creates a supplier: an invalid CVR is refused at the field, a valid one lands in the list", async ({ page }) => {
  await logIn(page, "admin@demo.example.dk");
  await page.goto("/admin/stamdata");
  await expect(page.getByRole("heading", { level: 1, name: "Stamdata" })).toBeVisible();
  await page.getByRole("link", { name: "Se og ret leverandører" }).click();
  await page.getByRole("link", { name: "Opret leverandør" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Opret leverandør" })).toBeVisible();

  const name = `E2E Kontorleverandør ${Date.now()} ApS`;
  await page.getByLabel("CVR-nummer").fill("12345678");
  await page.getByLabel("Navn", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Opret leverandør" }).click();

  const cvrField = page.getByLabel("CVR-nummer");
  await expect(page.locator("#cvr-error")).toContainText("CVR-nummeret 12345678 er ikke gyldigt: kontrolcifferet passer ikke");
  await expect(cvrField).toHaveAttribute("aria-invalid", "true");
  // What was typed is kept, and the summary at the top links to the field.
  await expect(page.getByLabel("Navn", { exact: true })).toHaveValue(name);
  await expect(page.getByRole("alert").getByRole("link", { name: /kontrolcifferet passer ikke/ })).toBeVisible();

  const cvr = freshCvr();
  await cvrField.fill(cvr);
  await page.getByRole("button", { name: "Opret leverandør" }).click();

  await expect(page).toHaveURL(/\/admin\/stamdata\/leverandoerer\?/);
  await expect(page.getByText(`Leverandøren ${name} (CVR ${cvr}) er gemt.`)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: cvr });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("rowheader")).toHaveText(name);
});
