import { expect, test } from "@playwright/test";
import { logIn } from "./fixtures";

test("ADMIN lowers an agreement's maximum below its use: the buyer's need is recommended the next tier, and the explanation says why", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await logIn(page, "admin@demo.example.dk");
  await page.goto("/admin/aftaleforbrug?q=SIP+10.02");
  await expect(page.getByRole("heading", { level: 1, name: "Aftalernes forbrug og maksimale værdi" })).toBeVisible();
  await page.getByRole("link", { name: "Standardsoftware", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forbrug: Standardsoftware (SIP 10.02)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Pr. kvartal" })).toBeVisible();
  await page.getByRole("link", { name: "Ret maksimal værdi i stamdata" }).click();
  await expect(page).toHaveURL(/\/admin\/stamdata\/aftaler\/\d+$/);
  const editUrl = page.url();
  const maximum = page.getByLabel(/^Maksimal værdi \(kr\.\)/);
  const estimate = page.getByLabel(/^Anslået værdi \(kr\.\)/);
  const [oldMaximum, oldEstimate] = [await maximum.inputValue(), await estimate.inputValue()];
  expect(oldMaximum).not.toBe("");
  await estimate.fill("");
  await maximum.fill("1,00");
  await page.getByRole("button", { name: "Gem aftale" }).click();
  await expect(page.getByText("Aftalen SIP 10.02 Standardsoftware er gemt.")).toBeVisible();

  try {
    const buyer = await browser.newPage();
    await logIn(buyer, "koeber.stat@demo.example.dk");
    await buyer.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Nyt indkøbsbehov" }).click();
    await buyer.getByLabel("Indkøbskategori").fill("1440");
    await buyer.getByLabel("Anslået beløb ekskl. moms").fill("50.000");
    await buyer.getByRole("button", { name: "Vurdér behovet" }).click();
    await expect(buyer.getByRole("heading", { name: "Kaskadens vurdering" })).toBeVisible();
    await expect(buyer.getByText("Anbefaling: Software og licenser (SKI) (SKI 02.06), trin 2 i kaskaden.")).toBeVisible();
    const tier1 = buyer.getByRole("region", { name: "Aftaler på trin 1" });
    await expect(tier1.getByRole("row").filter({ hasText: "SIP 10.02" })).toContainText("Aftalens maksimale værdi er nået");
    await expect(tier1.getByRole("row").filter({ hasText: "SIP 10.02" })).toContainText("C-216/17 og C-23/20");
    await expect(buyer.getByText(/Standardsoftware \(SIP 10\.02\): maksimal værdi 1,00\u00a0kr\., forbrug til dato .*, der er intet tilbage\./).first()).toBeVisible();

    // The stored decision keeps the explanation as shown.
    await buyer.getByRole("button", { name: "Gem beslutning" }).click();
    await buyer.getByRole("link", { name: "Se den gemte beslutning" }).click();
    await expect(buyer.getByRole("heading", { level: 1, name: /^Beslutning nr\. \d+$/ })).toBeVisible();
    await expect(buyer.getByText("Aftalens maksimale værdi er nået", { exact: false }).first()).toBeVisible();

    // The agreement page and the catalogue's results carry the notice.
    await buyer.goto("/aftaler?q=Standardsoftware");
    await expect(buyer.getByRole("region", { name: "Søgeresultat" }).getByText(/Aftalens maksimale værdi er nået\. Der kan ikke købes mere/)).toBeVisible();
  } finally {
    // Leave the demo data as they were for the other browser tests.
    await page.goto(editUrl);
    await page.getByLabel(/^Maksimal værdi \(kr\.\)/).fill(oldMaximum);
    await page.getByLabel(/^Anslået værdi \(kr\.\)/).fill(oldEstimate);
    await page.getByRole("button", { name: "Gem aftale" }).click();
    await expect(page.getByText("Aftalen SIP 10.02 Standardsoftware er gemt.")).toBeVisible();
  }
});
