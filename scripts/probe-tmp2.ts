import { chromium } from "@playwright/test";
import { seedDemoData } from "@/lib/seed/seed";
import { DEMO_PASSWORD } from "@/lib/seed/demo-data";
import { createTestDatabase } from "@/tests/support/database";
import { startPortal } from "./bench-support";
const db = await createTestDatabase();
await seedDemoData(db.url);
const portal = await startPortal(db.url, 3803, 1);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
try {
  const page = await browser.newPage();
  await page.goto(`${portal.base}/log-ind`);
  await page.getByLabel("E-mail").fill("analytiker@demo.example.dk");
  await page.getByLabel("Adgangskode").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log ind" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/log-ind"));
  for (const path of ["/compliance/1", "/aftaler"]) {
    const requests: string[] = [];
    page.on("request", (r) => { if (r.url().startsWith(portal.base) && !r.url().includes("/_next/static")) requests.push(`${r.method()} ${r.url().slice(portal.base.length)} ${r.headers()["next-router-prefetch"] ? "prefetch" : ""}`); });
    await page.goto(`${portal.base}${path}`);
    await page.mouse.wheel(0, 20000);
    await page.waitForTimeout(3000);
    console.log(path, "requests to the portal:", requests.length, "prefetches:", requests.filter((r) => r.endsWith("prefetch")).length);
    console.log(requests.slice(0, 8).join("\n"));
    page.removeAllListeners("request");
  }
} finally { await browser.close(); await portal.stop(); await db.drop(); }
