/**
 * V8 flags of every portal process (scripts/start.ts) and of the benchmarks' stand-ins for one. Node
 * 24's V8 lets the young generation grow to larger semi-spaces than Node 20's 16 MB: the "aftaleparter"
 * export of 100,000 rows then left ~135 MB of uncollected young garbage (Node 20: ~50 MB). With 16 MB
 * it adds 55–62 MB, and two portals measured side by side showed no CPU difference per page
 * (docs/decisions/0020-node-24.md).
 */
export const PORTAL_NODE_FLAGS = ["--max-semi-space-size=16"];
