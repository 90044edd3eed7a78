import { expect, test, type Browser, type Page } from "@playwright/test";
import { logIn } from "./fixtures";

// The catalogue keeps what every user sees alike in each portal process's memory
// (lib/cache/shared.ts, docs/decisions/0018-shared-cache.md). These tests cross users, institutions
// and an ADMIN's change over the same addresses, in the order that would show a leak or a stale page.

async function pageOf(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, email);
  return page;
}

/** The catalogue's rows on the page: agreement name → the "Jeres status" column (or "" without it). */
async function rowsOf(page: Page, path: string): Promise<Map<string, string>> {
  await page.goto(path);
  const rows = page.getByRole("region", { name: "Søgeresultat" }).getByRole("row");
  await expect(rows.first()).toBeVisible();
  // Read in the page at once: a round trip per row and cell took most of this file's time.
  const entries = await rows.evaluateAll((elements) =>
    elements.slice(1).map((row) => {
      const name = (row.querySelector<HTMLElement>("th a")?.innerText ?? "").trim();
      const cells = [...row.querySelectorAll<HTMLElement>("td")].map((cell) => cell.innerText);
      return [name, cells.length === 5 ? cells[4]!.trim() : ""] as const;
    }),
  );
  return new Map(entries);
}

test("two institutions asking for the same catalogue page each see their own status, and only their own agreements", async ({ browser }) => {
  test.setTimeout(90_000); // three log-ins and nine page views: 26–30 s on a slow hour, the default's limit
  const state = await pageOf(browser, "koeber.stat@demo.example.dk");
  const municipality = await pageOf(browser, "koeber.kommune@demo.example.dk");
  const admin = await pageOf(browser, "admin@demo.example.dk");
  const path = "/aftaler?sort=nummer";

  const stateFirst = await rowsOf(state, path);
  const municipalityAfter = await rowsOf(municipality, path);
  const stateAgain = await rowsOf(state, path);
  expect(stateAgain).toEqual(stateFirst);
  // Mostly the same agreements (each also sees its own institution's), with statuses of their own.
  const shared = [...stateFirst.keys()].filter((name) => municipalityAfter.has(name));
  expect(shared.length).toBeGreaterThan(10);
  const differing = shared.filter((name) => municipalityAfter.get(name) !== stateFirst.get(name));
  expect(differing.length).toBeGreaterThan(0);

  // Each status is the one the agreement's own page (never kept) gives that institution.
  const name = differing[0]!;
  for (const [page, rows] of [[state, stateFirst], [municipality, municipalityAfter]] as const) {
    await page.goto(path);
    await page.getByRole("region", { name: "Søgeresultat" }).getByRole("link", { name, exact: true }).click();
    await expect(page.getByText(`Jeres status: ${rows.get(name)}`, { exact: true })).toBeVisible();
  }

  // The ADMIN's list of own agreements is asked for first; the municipality's must not be that list.
  const own = "/aftaler?kind=OWN";
  const adminOwn = await rowsOf(admin, own);
  expect(adminOwn.has("Kuvertering og forsendelse")).toBe(true);
  const municipalityOwn = await rowsOf(municipality, own);
  expect(municipalityOwn.has("Kuvertering og forsendelse")).toBe(false);
  // Only its own: another institution's own agreement would read "Ikke relevant".
  expect(new Set(municipalityOwn.values())).toEqual(new Set(["Part på aftalen"]));
});

test("an ADMIN's change to the catalogue shows on the users' next request", async ({ browser }) => {
  const buyer = await pageOf(browser, "koeber.stat@demo.example.dk");
  const admin = await pageOf(browser, "admin@demo.example.dk");
  const token = `Cachetest${Date.now()}`;
  const code = String(9000 + Math.floor(Math.random() * 1000));
  const search = `/aftaler?q=${token}`;

  // Asked for twice, so that it is kept: no agreement, and no such category among the filters.
  for (let i = 0; i < 2; i++) {
    await buyer.goto(search);
    await expect(buyer.getByRole("status").filter({ hasText: "Ingen aftaler matcher søgningen." })).toBeVisible();
    await expect(buyer.getByLabel("Indkøbskategori").locator("option", { hasText: token })).toHaveCount(0);
  }

  await admin.goto("/admin/stamdata/kategorier/ny");
  await admin.getByLabel("Kategorikode").fill(code);
  await admin.getByLabel("Navn", { exact: true }).fill(`${token} kategori`);
  await admin.getByRole("button", { name: "Opret kategori" }).click();
  await expect(admin).toHaveURL(/\/admin\/stamdata\/kategorier\?/);

  await buyer.goto(search);
  await expect(buyer.getByLabel("Indkøbskategori").locator("option", { hasText: `${token} kategori` })).toHaveCount(1);

  await admin.goto("/admin/stamdata/aftaler/ny");
  await admin.getByLabel("Reference").fill(`SKI ${token}`);
  await admin.getByLabel("Navn", { exact: true }).fill(`${token} aftale`);
  await admin.getByLabel("Aftaletype").selectOption("VOLUNTARY_SKI");
  await admin.getByLabel("Gyldig fra").fill("2026-01-01");
  await admin.getByLabel("Gyldig til").fill("2028-12-31");
  await admin.locator(`#category-${code}`).check();
  await admin.getByRole("button", { name: "Opret aftale" }).click();
  await expect(admin).toHaveURL(/\/admin\/stamdata\/aftaler\?/);

  await buyer.goto(search);
  await expect(buyer.getByRole("region", { name: "Søgeresultat" }).getByRole("link", { name: `${token} aftale`, exact: true })).toBeVisible();
});

test("a page view asks the portal for that page only: links do not prefetch the pages they lead to", async ({ browser }) => {
  const analyst = await pageOf(browser, "analytiker@demo.example.dk");
  const prefetches: string[] = [];
  analyst.on("request", (request) => {
    if (request.headers()["next-router-prefetch"]) prefetches.push(request.url());
  });
  for (const path of ["/compliance", "/aftaler"]) {
    await analyst.goto(path);
    await analyst.mouse.wheel(0, 20_000);
    // Links in view are prefetched after the page is idle; give them the time they would take.
    await analyst.waitForTimeout(1_500);
  }
  // Before components/Link.tsx, one view of the compliance page sent 39 of them and the catalogue 19.
  expect(prefetches).toEqual([]);
});
