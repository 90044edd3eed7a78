import { request as httpRequest } from "node:http";
import { randomInt } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, httpFrom, logIn } from "./fixtures";

// Issue 16, items 2-5: the target after log-in, log-out, the client address, the log-in limits.

async function submitLogIn(page: Page, email: string): Promise<void> {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Adgangskode").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log ind", exact: true }).click();
}

for (const callbackUrl of ["/%5Cevil.example", "/%09/evil.example", "/%5C%5Cevil.example/", "https://evil.example/"]) {
  test(`log-in with callbackUrl=${callbackUrl} stays on the portal`, async ({ page, baseURL }) => {
    await page.goto(`/log-ind?callbackUrl=${callbackUrl}`);
    await submitLogIn(page, "analytiker@demo.example.dk");
    await page.waitForURL((url) => !url.pathname.startsWith("/log-ind"));
    await page.waitForLoadState("load");
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    // Logged in already: the page itself redirects, and stays on the portal too.
    await page.goto(`/log-ind?callbackUrl=${callbackUrl}`);
    await page.waitForLoadState("load");
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });
}

test("log-out ends the session on the server: a copied cookie is refused, the user's other session goes on", async ({ browser, page, playwright, baseURL }) => {
  const email = "koeber.kommune@demo.example.dk";
  const otherPc = await browser.newPage();
  await logIn(otherPc, email);
  await logIn(page, email);
  const copied = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const replay = await playwright.request.newContext({ baseURL, maxRedirects: 0 });
  const asCopy = () => replay.get("/beskeder", { headers: { cookie: copied } });
  expect((await asCopy()).status()).toBe(200);

  await page.getByRole("button", { name: "Log ud" }).click();
  await expect(page).toHaveURL(/\/log-ind\?logget-ud=1/);
  const refused = await asCopy();
  expect(refused.status()).toBeGreaterThanOrEqual(300);
  expect(refused.status()).toBeLessThan(400);
  expect(refused.headers()["location"]).toContain("/log-ind");
  await replay.dispose();

  // The session on the other PC was not the one logged out.
  await otherPc.goto("/beskeder");
  await expect(otherPc).toHaveURL(/\/beskeder/);
  await otherPc.close();
});

/** A log-in post as a program would send it, from a local address of its own (127.0.0.0/8 is all loopback). */
async function httpLogIn(baseURL: string, options: { email: string; password: string; from: string; forwardedFor?: string }) {
  const forwarded: Record<string, string> = options.forwardedFor ? { "x-forwarded-for": options.forwardedFor } : {};
  const send = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    httpFrom(baseURL, options.from, method, path, { ...headers, ...forwarded }, body);
  const csrf = await send("GET", "/api/auth/csrf", {});
  const cookie = ([] as string[]).concat(csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email: options.email, password: options.password, json: "true" }).toString();
  const response = await send("POST", "/api/auth/callback/credentials", { cookie, "content-type": "application/x-www-form-urlencoded" }, form);
  if (response.status === 429) return "429";
  const url = new URL((JSON.parse(response.body) as { url: string }).url, baseURL);
  return url.searchParams.get("error") ?? "ok";
}

const randomAddress = () => `198.51.100.${randomInt(1, 255)}`;

test("a new X-Forwarded-For on every request does not get round the log-in limits", async ({ baseURL }) => {
  const outcomes: string[] = [];
  // Guessing one password for many e-mails, from one address that claims to be a new one each time.
  for (let attempt = 0; attempt < 60 && !outcomes.some((o) => o === "429" || o.startsWith("For mange")); attempt++) {
    outcomes.push(await httpLogIn(baseURL!, { email: `gaet.${attempt}@demo.example.dk`, password: "forkert", from: "127.0.0.23", forwardedFor: randomAddress() }));
  }
  expect(outcomes.length).toBeLessThanOrEqual(51);
  expect(outcomes.at(-1)).toMatch(/^(429|For mange mislykkede forsøg)/);
});

test("a victim's address sent in X-Forwarded-For does not lock the victim out", async ({ baseURL }) => {
  const victim = "127.0.0.32";
  for (let attempt = 0; attempt < 5; attempt++) {
    const outcome = await httpLogIn(baseURL!, { email: `offer.${attempt}@demo.example.dk`, password: "forkert", from: "127.0.0.31", forwardedFor: victim });
    expect(outcome).toBe("Forkert e-mail eller adgangskode.");
  }
  // The victim, behind the same kind of header, logs in.
  expect(await httpLogIn(baseURL!, { email: "koncernindkoeber.um@demo.example.dk", password: DEMO_PASSWORD, from: victim, forwardedFor: victim })).toBe("ok");
});

test("a guesser on an account does not lock its owner out", async ({ baseURL }) => {
  // A user no other test logs in as: the guesses lock the account for addresses new to it.
  const email = "koncernindkoeber.kum@demo.example.dk";
  const owner = "127.0.0.41";
  expect(await httpLogIn(baseURL!, { email, password: DEMO_PASSWORD, from: owner })).toBe("ok");
  const guesses: string[] = [];
  for (let attempt = 0; attempt < 7; attempt++) guesses.push(await httpLogIn(baseURL!, { email, password: `gaet-${attempt}`, from: "127.0.0.42" }));
  expect(guesses.slice(0, 5)).toEqual(Array(5).fill("Forkert e-mail eller adgangskode."));
  expect(guesses.slice(5).every((g) => g.startsWith("For mange mislykkede forsøg"))).toBe(true);
  // The owner, at the address the account logs in from, is not locked out.
  expect(await httpLogIn(baseURL!, { email, password: DEMO_PASSWORD, from: owner })).toBe("ok");
});

test("a chunked server-action body over the limit gets the Danish 413, not a framework error", async ({ baseURL }) => {
  const target = new URL(baseURL!);
  const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(
      { host: target.hostname, port: target.port, method: "POST", path: "/admin/stamdata/import", headers: { "next-action": "0".repeat(42), "content-type": "multipart/form-data; boundary=x", "transfer-encoding": "chunked" } },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on("error", reject);
    const chunk = Buffer.alloc(256 * 1024, 65);
    for (let sent = 0; sent < 7 * 1024 * 1024; sent += chunk.length) req.write(chunk);
    req.end();
  });
  expect(response.status).toBe(413);
  expect(response.body).toContain("Filen er for stor. Den må højst fylde 5 MB.");
});

test("the cascade API reads no body beyond 64 KB", async ({ page }) => {
  await logIn(page, "koeber.stat@demo.example.dk");
  const response = await page.request.post("/api/kaskade", {
    headers: { "content-type": "application/json" },
    data: `{"category":"1920","amountOre":12500000,"padding":"${"x".repeat(1024 * 1024)}"}`,
  });
  expect(response.status()).toBe(413);
  expect(await response.json()).toEqual({ error: "Forespørgslen er for stor." });
});
