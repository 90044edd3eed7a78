import { expect, test } from "@playwright/test";
import { logIn, menuItems } from "./fixtures";

// Each role sees its own menu and gets 403 on a page it may not open.
const ROLES = [
  {
    email: "koeber.stat@demo.example.dk",
    menu: ["Forside", "Aftaler", "Nyt indkøbsbehov", "Beslutninger", "Tilmeldinger", "Min institution", "Indkøbsdata"],
    refused: ["/admin/brugere", "/ministerier"],
  },
  {
    email: "koncernindkoeber@demo.example.dk",
    menu: ["Forside", "Aftaler", "Nyt indkøbsbehov", "Beslutninger", "Tilmeldinger", "Ministerområde", "Indkøbsdata", "Compliance", "Afstemning"],
    refused: ["/admin/brugere", "/admin/stamdata"],
  },
  {
    email: "analytiker@demo.example.dk",
    menu: ["Forside", "Aftaler", "Ministerområde", "Indkøbsdata", "Compliance", "Afstemning"],
    refused: ["/admin/brugere", "/admin/stamdata", "/indkoebsbehov/ny", "/indkoebsbehov", "/tilmeldinger"],
  },
  {
    email: "admin@demo.example.dk",
    menu: [
      "Forside",
      "Aftaler",
      "Beslutninger",
      "Tilmeldinger",
      "Ministerier",
      "Indkøbsdata",
      "Compliance",
      "Omsætning",
      "Afstemning",
      "Stamdata",
      "Frister",
      "Leverandørfrister",
      "Brugere",
      "Revisionsspor",
      "Kørsler",
    ],
    refused: ["/indkoebsbehov/ny"],
  },
  {
    email: "leverandoer@demo.example.dk",
    menu: ["Forside", "Aftaler", "Omsætning", "Afstemning"],
    refused: ["/admin/brugere", "/institution", "/indkoebsdata", "/compliance", "/tilmeldinger", "/indkoebsbehov"],
  },
];

for (const role of ROLES) {
  test(`${role.email} sees the role's menu and is refused elsewhere`, async ({ page }) => {
    await logIn(page, role.email);
    expect((await menuItems(page)).map((item) => item.trim())).toEqual(role.menu);
    for (const path of role.refused) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Du har ikke adgang til denne side");
    }
  });
}

// Datagrej Demo A/S is on Computeraftalen only; Strømkilden Demo A/S on Elektricitet only.
for (const { email, own, other } of [
  { email: "leverandoer@demo.example.dk", own: "Computeraftalen", other: "Elektricitet" },
  { email: "leverandoer2@demo.example.dk", own: "Elektricitet", other: "Computeraftalen" },
]) {
  test(`the supplier user ${email} sees its company's agreements only`, async ({ page }) => {
    await logIn(page, email);
    await page.goto("/aftaler");
    const main = page.getByRole("main");
    await expect(main.getByRole("link", { name: own, exact: true })).toBeVisible();
    await expect(main.getByRole("link", { name: other, exact: true })).toHaveCount(0);
    await main.getByRole("link", { name: own, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(own);
  });
}

test("a visitor who is not logged in is sent to the log-in page", async ({ page }) => {
  await page.goto("/ministerier");
  await expect(page).toHaveURL(/\/log-ind/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log ind");
});

test("a wrong password gets a Danish message and no session", async ({ page }) => {
  await page.goto("/log-ind");
  await page.getByLabel("E-mail").fill("koeber.stat@demo.example.dk");
  await page.getByLabel("Adgangskode").fill("forkert-kode");
  await page.getByRole("button", { name: "Log ind", exact: true }).click();
  await expect(page.locator("#login-error")).toContainText("Forkert e-mail eller adgangskode.");
  const response = await page.goto("/institution");
  expect(page.url()).toContain("/log-ind");
  expect(response?.status()).toBe(200);
});

test("an analyst cannot open another ministry's page, nor a buyer another institution's", async ({ browser }) => {
  // Find the second ministry's page and another institution as the admin sees them.
  const adminPage = await browser.newPage();
  await logIn(adminPage, "admin@demo.example.dk");
  await adminPage.goto("/ministerier");
  const ministryLinks = await adminPage.getByRole("main").getByRole("link").evaluateAll((links) =>
    links.map((link) => link.getAttribute("href")).filter((href): href is string => /^\/ministerier\/\d+$/.test(href ?? "")),
  );
  const analystPage = await browser.newPage();
  await logIn(analystPage, "analytiker@demo.example.dk");
  await analystPage.goto("/ministerier");
  const own = new URL(analystPage.url()).pathname;
  expect(own).toMatch(/^\/ministerier\/\d+$/);
  const foreign = ministryLinks.find((href) => href !== own)!;
  // Outside the scope: 404, exactly as for a ministry that does not exist.
  const refused = await analystPage.goto(foreign);
  expect(refused?.status()).toBe(404);

  const buyerPage = await browser.newPage();
  await logIn(buyerPage, "koeber.stat@demo.example.dk");
  await buyerPage.goto("/institution");
  const ownInstitution = new URL(buyerPage.url()).pathname;
  await adminPage.goto(foreign);
  const foreignInstitution = await adminPage
    .getByRole("main")
    .getByRole("link")
    .evaluateAll((links) => links.map((l) => l.getAttribute("href")).find((h) => /^\/institutioner\/\d+$/.test(h ?? "")));
  expect(foreignInstitution).toBeTruthy();
  expect(foreignInstitution).not.toBe(ownInstitution);
  expect((await buyerPage.goto(foreignInstitution!))?.status()).toBe(404);
  expect((await buyerPage.goto("/institutioner/999999"))?.status()).toBe(404);
});

test("the health endpoint reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: { ok: true } });
});

test("ADMIN creates a supplier user for a supplier picked from the list, and a missing supplier is refused", async ({ page }) => {
  await logIn(page, "admin@demo.example.dk");
  await page.goto("/admin/brugere");
  const form = page.getByRole("form", { name: "Opret leverandørbruger" });
  const email = `ny.${Date.now()}@storkoekken.example.dk`;
  await form.getByLabel("Navn").fill("Ny Leverandørbruger");
  await form.getByLabel("E-mail").fill(email);
  await form.getByRole("button", { name: "Opret bruger" }).click();
  await expect(form.getByText("Vælg leverandøren.").first()).toBeVisible();

  // Picked from the list by name; the value sent is the supplier's CVR.
  const cvr = await form.getByRole("option", { name: /^Storkøkkenet Demo Engros A\/S \(CVR \d{8}\)$/ }).getAttribute("value");
  await form.getByLabel("Leverandør").selectOption(cvr!);
  await form.getByRole("button", { name: "Opret bruger" }).click();
  await expect(form.getByText("Ny Leverandørbruger er oprettet som leverandørbruger for Storkøkkenet Demo Engros A/S.")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Storkøkkenet Demo Engros A/S");
  await expect(row).toContainText("Leverandør");
});

