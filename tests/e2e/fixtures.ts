import { request as httpRequest } from "node:http";
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

export type HttpAnswer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/**
 * A request as a program would send it, from a local address of its own (127.0.0.0/8 is all
 * loopback), so that what the portal counts per client address stays apart from the other tests.
 */
export function httpFrom(baseURL: string, from: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<HttpAnswer> {
  const target = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: target.hostname, port: target.port, method, path, localAddress: from, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
