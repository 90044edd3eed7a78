// CI step: fails when Next.js or React's server packages are below the versions that fixed the
// known remote-code-execution and denial-of-service holes in React Server Components
// (CVE-2025-55182, CVE-2025-55183, CVE-2025-55184, CVE-2025-67779; fixed in next 16.0.10 and
// React 19.2.3) and the middleware authorization bypass (CVE-2025-29927, fixed long before 16);
// and when the scripts do not run on a supported Node.js: Node 20 reached its end of life on
// 30 April 2026. npm's scripts run on the Node.js the "node" package pins
// (docs/decisions/0020-node-24.md), whatever the machine's own is.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const MINIMUM: Record<string, string> = { next: "16.0.10", react: "19.2.3", "react-dom": "19.2.3" };
const require = createRequire(import.meta.url);

function compare(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split("-")[0]!.split(".").map(Number));
  for (let i = 0; i < 3; i++) if (x![i] !== y![i]) return (x![i] ?? 0) - (y![i] ?? 0);
  return 0;
}

const MINIMUM_NODE_MAJOR = 24;
const nodeMajor = Number(process.versions.node.split(".")[0]);
let failed = nodeMajor < MINIMUM_NODE_MAJOR;
console.log(`${failed ? "FAIL" : "ok  "} node ${process.versions.node} (supported from ${MINIMUM_NODE_MAJOR})`);
for (const [name, minimum] of Object.entries(MINIMUM)) {
  const installed = (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
  const ok = compare(installed, minimum) >= 0;
  console.log(`${ok ? "ok  " : "FAIL"} ${name} ${installed} (patched from ${minimum})`);
  failed ||= !ok;
}
if (failed) {
  console.error("Upgrade what is marked FAIL above before this can be deployed.");
  process.exit(1);
}
