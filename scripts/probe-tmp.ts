import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase } from "@/tests/support/database";
import { logIn, startPortal } from "./bench-support";
const db = await createTestDatabase();
await seedDemoData(db.url);
const portal = await startPortal(db.url, 3801, 1);
try {
  const buyer = await logIn(portal.base, "koeber.stat@demo.example.dk");
  const analyst = await logIn(portal.base, "analytiker@demo.example.dk");
  for (const [path, cookie] of [["/aftaler", buyer], ["/aftaler?q=kontorm%C3%B8bel", buyer], ["/api/kaskade?category=1920&amount=25000&date=2026-11-22", buyer], ["/indkoebsbehov/ny?category=1920&amount=25000&date=2026-11-22", buyer], ["/compliance/1", analyst], ["/tilgaengelighedserklaering", buyer]] as const) {
    let size = 0;
    const get = async () => { const r = await fetch(portal.base + path, { headers: { cookie } }); size = (await r.arrayBuffer()).byteLength; };
    for (let i = 0; i < 30; i++) await get();
    const before = portal.cpuMs(); const t = performance.now();
    for (let i = 0; i < 300; i++) await get();
    console.log(path.padEnd(62), "bytes", String(size).padStart(7), "CPU/request", ((portal.cpuMs() - before) / 300).toFixed(1), "ms; wall", ((performance.now() - t) / 300).toFixed(1), "ms");
  }
} finally { await portal.stop(); await db.drop(); }
