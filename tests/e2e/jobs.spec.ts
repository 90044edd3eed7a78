import { expect, test } from "@playwright/test";
import { logIn } from "./fixtures";

// Issue 15: ADMIN sees the jobs that run by themselves and runs one now; a user switches off the
// alerts about expiring agreements.
test("ADMIN sees the jobs page and runs a job now", async ({ page }) => {
  await logIn(page, "admin@demo.example.dk");
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Kørsler" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kørsler" })).toBeVisible();
  const jobs = page.getByRole("table").first();
  for (const title of ["Send e-mails fra udbakken", "Påmind om frister for indkøbsdata", "Varsl om aftaler, der udløber", "Genberegn forældede compliance-tal"]) {
    await expect(jobs.getByRole("rowheader", { name: new RegExp(title) })).toBeVisible();
  }
  await expect(page.getByRole("heading", { level: 2, name: "E-mails, der ikke kunne sendes" })).toBeVisible();

  await page.getByRole("button", { name: /^Kør nu \(Genberegn forældede compliance-tal\)$/ }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Genberegn forældede compliance-tal: / })).toBeVisible();
  const recent = page.getByRole("table", { name: "Seneste kørsler" });
  await expect(recent.getByRole("row").filter({ hasText: "refresh-stale-compliance" }).filter({ hasText: "OK" }).first()).toBeVisible();
});

test("a buyer switches off alerts about expiring agreements; deadline reminders stay on", async ({ page }) => {
  await logIn(page, "koeber.stat@demo.example.dk");
  await page.getByRole("link", { name: "Indstillinger" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Indstillinger" })).toBeVisible();
  const expiry = page.getByRole("checkbox", { name: /Aftaler, der snart udløber/ });
  await expect(expiry).toBeChecked();
  await expiry.uncheck();
  await page.getByRole("button", { name: "Gem indstillinger" }).click();
  await expect(page.getByRole("status")).toHaveText("Gemt. Du får ikke længere beskeder om aftaler, der snart udløber.");
  await page.reload();
  await expect(page.getByRole("checkbox", { name: /Aftaler, der snart udløber/ })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: /Aftaler, der nærmer sig deres loft/ })).toBeChecked();
  await expect(page.getByText("Påmindelser om frister, når din institution")).toBeVisible();
  // Switch it back on, so the demo user is as it was.
  await page.getByRole("checkbox", { name: /Aftaler, der snart udløber/ }).check();
  await page.getByRole("button", { name: "Gem indstillinger" }).click();
  await expect(page.getByRole("status")).toHaveText("Du får alle påmindelser.");
});
