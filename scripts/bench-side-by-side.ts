// A/B of a runtime or a flag, side by side (docs/operations.md, "Capacity"): two single-process
// portals on the same database, one per variant, started together and driven by their own load at
// the same moments, so that the machine's speed (which drifts by the hour here) is the same for
// both; prints each variant's portal CPU per request for a few pages. Run it twice with the
// variants swapped. Not a test and not part of `npm run bench`: it compares, it has no target.
// Usage: npm run build && npx tsx --conditions=react-server scripts/bench-side-by-side.ts \
//          [--rounds N] "NODE_BINARY|NODE_OPTIONS" "NODE_BINARY|NODE_OPTIONS"
//   e.g. "/usr/bin/node|" "|" (the machine's Node against the pinned one) or "|" "|--stack-size=2000"
//   (one flag). A flag the portal processes set themselves (scripts/portal-node-flags.ts) wins over
//   NODE_OPTIONS, so it cannot be varied this way.
import autocannon from "autocannon";
import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase } from "@/tests/support/database";
import { logIn, startPortal, type PortalRuntime, type RunningPortal } from "./bench-support";

const argv = process.argv.slice(2);
const rounds = argv.includes("--rounds") ? Number(argv[argv.indexOf("--rounds") + 1]) : 3;
const variants = argv.filter((arg, i) => arg.includes("|") && argv[i - 1] !== "--rounds");
if (variants.length !== 2) throw new Error('give two variants, each "NODE_BINARY|NODE_OPTIONS" (either part may be empty)');
const runtimeOf = (variant: string): PortalRuntime => {
  const [node, nodeOptions] = variant.split("|");
  return { node: node || undefined, nodeOptions: nodeOptions ?? "" };
};

const db = await createTestDatabase();
await seedDemoData(db.url);
const portals: RunningPortal[] = [];
for (const [i, variant] of variants.entries()) portals.push(await startPortal(db.url, 3820 + i, 1, undefined, runtimeOf(variant)));
try {
  const buyer = await logIn(portals[0]!.base, "koeber.stat@demo.example.dk");
  const analyst = await logIn(portals[0]!.base, "analytiker@demo.example.dk");
  const pages: { path: string; cookie: string }[] = [
    { path: "/tilgaengelighedserklaering", cookie: buyer },
    { path: "/aftaler", cookie: buyer },
    { path: "/compliance/1", cookie: analyst },
  ];
  const drive = (portal: RunningPortal, path: string, cookie: string, duration: number) =>
    new Promise<autocannon.Result>((resolve, reject) =>
      autocannon({ url: portal.base, connections: 4, duration, requests: [{ method: "GET", path, headers: { cookie } }] }, (error, result) => (error ? reject(error) : resolve(result))),
    );
  // Unmeasured: V8 compiles the server's code in the first seconds.
  for (const { path, cookie } of pages) await Promise.all(portals.map((portal) => drive(portal, path, cookie, 4)));
  const cpuPerRequest = variants.map(() => pages.map(() => 0));
  for (let round = 0; round < rounds; round++) {
    for (const [p, { path, cookie }] of pages.entries()) {
      const before = portals.map((portal) => portal.cpuMs());
      const results = await Promise.all(portals.map((portal) => drive(portal, path, cookie, 6)));
      results.forEach((result, v) => (cpuPerRequest[v]![p]! += (portals[v]!.cpuMs() - before[v]!) / result.requests.total / rounds));
    }
  }
  for (const [v, variant] of variants.entries()) {
    console.log(`${variant}: portal CPU per request ${pages.map(({ path }, p) => `${path} ${cpuPerRequest[v]![p]!.toFixed(2)} ms`).join(", ")}`);
  }
} finally {
  for (const portal of portals) await portal.stop();
  await db.drop().catch(() => undefined);
}
