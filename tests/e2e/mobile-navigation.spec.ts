import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { logIn } from "./fixtures";

// Issue 16: on a 390 px phone the main menu wrapped into three rows above every page; it now sits
// behind a "Menu" button, as in DKFDS's mobile header. At desktop width it shows as before.

test.describe("on a 390 × 844 phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the main menu is collapsed behind a Menu button that opens and closes it", async ({ page }) => {
    await logIn(page, "koeber.stat@demo.example.dk");
    const nav = page.getByRole("navigation", { name: "Hovedmenu" });
    const button = nav.getByRole("button", { name: "Menu" });
    const link = nav.getByRole("link", { name: "Aftaler", exact: true });
    await expect(button).toBeVisible();
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(button).toHaveAttribute("aria-controls", "hovedmenu");
    await expect(link).toBeHidden();
    // Collapsed, the menu takes one short row, not three.
    expect((await nav.boundingBox())!.height).toBeLessThan(60);

    await button.click();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(page.locator("#hovedmenu")).toBeVisible();
    await expect(link).toBeVisible();
    const results = await new AxeBuilder({ page }).include("header").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

    // Escape closes it and gives the focus back to the button; the keyboard opens it again.
    await link.focus();
    await page.keyboard.press("Escape");
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(button).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(link).toBeVisible();

    // Following a link opens the page with the menu closed.
    await link.click();
    await expect(page).toHaveURL(/\/aftaler$/);
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(link).toBeHidden();
  });
});

test("at desktop width the main menu shows its links in one row and no Menu button", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await logIn(page, "koeber.stat@demo.example.dk");
  const nav = page.getByRole("navigation", { name: "Hovedmenu" });
  await expect(nav.getByRole("button", { name: "Menu" })).toBeHidden();
  const links = nav.getByRole("link");
  expect(await links.count()).toBeGreaterThan(3);
  const tops = new Set<number>();
  for (const link of await links.all()) {
    await expect(link).toBeVisible();
    tops.add(Math.round((await link.boundingBox())!.y));
  }
  expect([...tops]).toHaveLength(1);
});
