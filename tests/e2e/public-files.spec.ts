import { expect, test } from "@playwright/test";
import { ROUTES } from "./authorization-matrix";

// Issue 16, item 11: the icons, robots.txt, the web app manifest and security.txt are served.

test("the favicon and the app icons are served as images, and every page links them", async ({ request, page }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toBe("image/x-icon");
  expect([...(await favicon.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]); // an ICO header
  for (const [path, type] of [
    ["/icon.svg", "image/svg+xml"],
    ["/apple-icon.png", "image/png"],
  ] as const) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toBe(type);
  }
  await page.goto("/");
  await expect(page.locator('head link[rel="icon"][type="image/svg+xml"]')).toHaveAttribute("href", /^\/icon\.svg/);
  await expect(page.locator('head link[rel="apple-touch-icon"]')).toHaveAttribute("href", /^\/apple-icon\.png/);
  await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
});

test("the web app manifest names the portal, and its icons are there", async ({ request }) => {
  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = (await response.json()) as { name: string; lang: string; icons: { src: string; type: string; sizes: string }[] };
  expect(manifest).toMatchObject({ name: "Statens Indkøbsprogram", lang: "da" });
  expect(manifest.icons.map((icon) => icon.sizes)).toEqual(["any", "192x192", "512x512"]);
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"], icon.src).toBe(icon.type);
  }
});

test("robots.txt keeps every logged-in area out and lets the public pages in", async ({ request }) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain");
  const lines = (await response.text()).split("\n").map((line) => line.trim());
  expect(lines).toContain("User-Agent: *");
  const disallowed = lines.filter((line) => line.startsWith("Disallow:")).map((line) => line.slice("Disallow:".length).trim());
  for (const area of ["/admin", "/indkoebsdata", "/compliance", "/tilmeldinger", "/indkoebsbehov", "/beskeder", "/api", "/aftaler"]) {
    expect(disallowed).toContain(area);
  }
  const blocked = (path: string) => disallowed.some((prefix) => prefix !== "" && path.startsWith(prefix));
  // Every route the authorization matrix keeps behind the log-in is disallowed; no public page is
  // (the log-in page and the APIs are public but no content to index).
  for (const [file, cases] of Object.entries(ROUTES)) {
    for (const { path, allow } of cases) {
      const pathname = path.split("?")[0]!;
      if (allow !== "public") expect(blocked(pathname), `${file}: ${pathname}`).toBe(true);
      else if (!pathname.startsWith("/api/") && pathname !== "/log-ind") expect(blocked(pathname), `${file}: ${pathname}`).toBe(false);
    }
  }
});

test("security.txt gives the agency's contact, an expiry within a year and the preferred languages", async ({ request, baseURL }) => {
  const response = await request.get("/.well-known/security.txt");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  const fields = Object.fromEntries(
    (await response.text())
      .split("\n")
      .filter((line) => line && !line.startsWith("#"))
      .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trim()]),
  );
  expect(fields.Contact).toMatch(/^(mailto:|https:\/\/)/);
  const expires = Date.parse(fields.Expires!);
  expect(expires).toBeGreaterThan(Date.now());
  expect(expires).toBeLessThan(Date.now() + 365 * 24 * 60 * 60 * 1000);
  expect(fields["Preferred-Languages"]).toBe("da, en");
  expect(fields.Canonical).toBe(`${baseURL}/.well-known/security.txt`);
});
