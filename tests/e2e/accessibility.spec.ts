import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./fixtures";

// WCAG 2.1 AA (required of Danish public websites): no serious or critical axe violations.
async function scan(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`),
    path,
  ).toEqual([]);
}

const PUBLIC = ["/", "/log-ind", "/regler", "/regler/forpligtede-kunder", "/regler/frivillige-kunder", "/lister", "/tilgaengelighedserklaering"];
const BY_ROLE: Record<string, string[]> = {
  "koeber.kommune@demo.example.dk": ["/", "/aftaler", "/aftaler?q=kontorm%C3%B8bel", "/institution", "/indkoebsbehov/ny", "/indkoebsbehov/ny?category=1920&amount=25000&date=2026-11-22", "/indkoebsbehov"],
  "koncernindkoeber@demo.example.dk": ["/", "/ministerier", "/indkoebsbehov"],
  "analytiker@demo.example.dk": ["/", "/ministerier"],
  "leverandoer@demo.example.dk": ["/", "/aftaler", "/indstillinger"],
  "admin@demo.example.dk": ["/", "/ministerier", "/admin/brugere", "/admin/stamdata", "/admin/stamdata/aftaler", "/admin/stamdata/import", "/admin/stamdata/taerskelvaerdier", "/admin/stamdata/taerskelvaerdier?periode=2026-01-01", "/admin/stamdata/kategorier/1920", "/admin/revisionsspor", "/admin/korsler"],
};

// Each test scans several pages; axe takes a few seconds a page on this machine.
test.describe.configure({ timeout: 180_000 });

test("public pages have no serious accessibility violations", async ({ page }) => {
  for (const path of PUBLIC) await scan(page, path);
});

for (const [email, paths] of Object.entries(BY_ROLE)) {
  test(`${email}'s pages have no serious accessibility violations`, async ({ page }) => {
    await logIn(page, email);
    for (const path of paths) await scan(page, path);
  });
}

test("the log-in and a search can be done with the keyboard alone", async ({ page }) => {
  await page.goto("/log-ind");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Gå til sidens indhold" })).toBeFocused();
  await page.getByLabel("E-mail").focus();
  await page.keyboard.type("koeber.stat@demo.example.dk");
  await page.keyboard.press("Tab");
  await page.keyboard.type("sip-demo-2026");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: /^Velkommen/ })).toBeVisible();
  await page.goto("/aftaler");
  await page.getByLabel("Søg", { exact: true }).focus();
  await page.keyboard.type("kontormøbel");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=kontorm%C3%B8bel/);
  // The first result link is reachable by tabbing and opens with Enter.
  const link = page.getByRole("region", { name: "Søgeresultat" }).getByRole("link").first();
  await link.focus();
  await expect(link).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/aftaler\/\d+$/);
});
