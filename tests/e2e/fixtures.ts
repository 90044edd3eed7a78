import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "sip-demo-2026";

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/log-ind");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Adgangskode").fill(password);
  await page.getByRole("button", { name: "Log ind", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Velkommen/ })).toBeVisible();
}

/** The labels of the main menu, in order. */
export async function menuItems(page: Page): Promise<string[]> {
  return page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link").allInnerTexts();
}
