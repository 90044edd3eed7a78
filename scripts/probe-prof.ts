import autocannon from "autocannon";
import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase } from "@/tests/support/database";
import { logIn, startPortal } from "./bench-support";
const db = await createTestDatabase();
await seedDemoData(db.url);
const path = process.argv[2]!;
const portal = await startPortal(db.url, 3802, 1, "/tmp/prof1");
try {
  const cookie = await logIn(portal.base, path.startsWith("/compliance") ? "analytiker@demo.example.dk" : "koeber.stat@demo.example.dk");
  await new Promise((resolve, reject) => autocannon({ url: portal.base, connections: 4, amount: 2000, requests: [{ method: "GET", path, headers: { cookie } }] }, (e, r) => (e ? reject(e) : resolve(r))));
} finally { await portal.stop(); await db.drop(); }
