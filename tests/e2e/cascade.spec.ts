import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./fixtures";

async function runNeed(page: Page, category: string, amount: string): Promise<void> {
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Nyt indkøbsbehov" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nyt indkøbsbehov" })).toBeVisible();
  await page.getByLabel("Indkøbskategori").fill(category);
  await page.getByLabel("Anslået beløb ekskl. moms").fill(amount);
  await page.getByRole("button", { name: "Vurdér behovet" }).click();
  await expect(page.getByRole("heading", { name: "Kaskadens vurdering" })).toBeVisible();
}

test("a buyer runs a need through the cascade, must justify another agreement, stores it and finds it in the history", async ({ page }) => {
  await logIn(page, "koeber.stat@demo.example.dk");

  // Bad input: a Danish message at the field, nothing evaluated.
  await page.goto("/indkoebsbehov/ny?category=1920&amount=-5&date=2040-01-01");
  await expect(page.locator("#amount-error")).toContainText("Beløbet skal være større end 0 kr.");
  await expect(page.locator("#date-error")).toContainText("Datoen må højst ligge 5 år fra i dag");
  await expect(page.getByRole("heading", { name: "Kaskadens vurdering" })).toHaveCount(0);
  await page.goto("/indkoebsbehov/ny?category=9999&amount=abc");
  await expect(page.locator("#amount-error")).toContainText("Beløbet skal være et tal i kroner");
  await page.goto("/indkoebsbehov/ny?category=9999&amount=100");
  await expect(page.locator("#category-error")).toContainText("Kategorien «9999» findes ikke");
  await expect(page.getByRole("heading", { name: "Kaskadens vurdering" })).toHaveCount(0);

  await runNeed(page, "1720 Kontormøbler", "85.000,50");
  await expect(page).toHaveURL(/category=1720/);
  for (const tier of ["Trin 1: Forpligtende", "Trin 2: Frivillige", "Trin 3: Egne aftaler"]) {
    await expect(page.getByRole("heading", { name: new RegExp(`^${tier}`) })).toBeVisible();
  }
  await expect(page.getByText("Anbefaling: Kontormøbler (SIP 12.01), trin 1 i kaskaden.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Kontormøbler", exact: true })).toHaveAttribute("href", /^\/aftaler\/\d+$/);
  await expect(page.getByRole("main").getByRole("link", { name: "forpligtede kunder", exact: true })).toHaveAttribute("href", "/regler/forpligtede-kunder");
  await expect(page.getByText("Aftalen gælder ikke på datoen for behovet.")).toBeVisible(); // the expired own agreement

  // Another agreement than the recommendation needs a justification.
  await expect(page.getByRole("radio", { name: /^Kontormøbler \(SIP 12\.01\)/ })).toBeChecked();
  await page.getByRole("radio", { name: /^Kontormøbler \(SKI\) \(SKI 16\.30\)/ }).check();
  await page.getByRole("button", { name: "Gem beslutning" }).click();
  await expect(page.locator("#justification-error")).toContainText("Skriv en begrundelse på mindst 20 tegn");
  await expect(page.getByRole("radio", { name: /^Kontormøbler \(SKI\)/ })).toBeChecked();

  await page.getByLabel(/^Begrundelse/).fill("SKI-aftalen kan levere hæve-sænkeborde inden for to uger.");
  await page.getByRole("button", { name: "Gem beslutning" }).click();
  await expect(page.getByText(/^Beslutningen er gemt: Kontormøbler \(SKI\) \(SKI 16\.30\)\. Den afviger fra kaskaden/)).toBeVisible();
  await page.getByRole("link", { name: "Se den gemte beslutning" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Beslutning nr\. \d+$/ })).toBeVisible();
  await expect(page.getByText("Beslutningen afviger fra kaskaden")).toBeVisible();
  await expect(page.getByText("SKI-aftalen kan levere hæve-sænkeborde inden for to uger.")).toBeVisible();
  await expect(page.getByText("85.000,50\u00a0kr. ekskl. moms")).toBeVisible();
  const decisionPath = new URL(page.url()).pathname;

  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Beslutninger" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Beslutninger" })).toBeVisible();
  const table = page.getByRole("region", { name: "Beslutninger" });
  await expect(table.locator(`a[href="${decisionPath}"]`)).toBeVisible();
  await expect(table.getByText("Afviger – anbefalet: Kontormøbler (SIP 12.01)").first()).toBeVisible();
  await page.getByLabel("Kun afvigelser").check();
  await page.getByRole("button", { name: "Vis" }).click();
  await expect(page).toHaveURL(/deviations=1/);
  await expect(table.locator(`a[href="${decisionPath}"]`)).toBeVisible();
});

test("a buyer opening another institution's decision gets 404, as for a decision that does not exist", async ({ browser }) => {
  const municipality = await browser.newPage();
  await logIn(municipality, "koeber.kommune@demo.example.dk");
  await runNeed(municipality, "1820 Fødevarer", "40.000");
  // A voluntary customer: the SKI agreement it is party to is recommended; the own agreement comes after it.
  await expect(municipality.getByText("Anbefaling: Fødevarer (SKI 13.22), trin 2 i kaskaden.")).toBeVisible();
  await municipality.getByRole("button", { name: "Gem beslutning" }).click();
  await municipality.getByRole("link", { name: "Se den gemte beslutning" }).click();
  await expect(municipality.getByRole("heading", { level: 1, name: /^Beslutning nr\. \d+$/ })).toBeVisible();
  const decisionPath = new URL(municipality.url()).pathname;

  const state = await browser.newPage();
  await logIn(state, "koeber.stat@demo.example.dk");
  const refused = await state.goto(decisionPath);
  expect(refused?.status()).toBe(404);
  await expect(state.getByRole("heading", { level: 1 })).toHaveText("Siden findes ikke");
  expect((await state.goto("/indkoebsbehov/999999"))?.status()).toBe(404);
  // An institution id in the address is refused, never used.
  await state.goto("/indkoebsbehov/ny?category=1920&amount=100&institution=999999");
  await expect(state.getByText("Du kan kun vurdere indkøb for din egen institution.")).toBeVisible();
  await expect(state.getByRole("heading", { name: "Kaskadens vurdering" })).toHaveCount(0);
});
