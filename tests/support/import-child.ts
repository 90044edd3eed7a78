// A real import in a process of its own, for the kill-mid-import test
// (tests/integration/purchase-data.test.ts): prints "progress <rows>" as lines reach the database.
// Usage: tsx tests/support/import-child.ts <database url> <file> <quarter> <institution id> <today> [<partition min rows>]
import pg from "pg";
import { importWithClient } from "@/lib/purchase-data/run";
import { quarterFromCode } from "@/lib/purchase-data/quarter";
import { sourceFromFile } from "@/lib/purchase-data/sources";

const [url, file, quarterCode, institutionId, today, partitionMinRows] = process.argv.slice(2);
const client = new pg.Client({ connectionString: url, application_name: "sip-import-child" });
await client.connect();
const result = await importWithClient(client, {
  quarter: quarterFromCode(quarterCode!)!,
  channel: "MANUAL",
  scope: { channel: "MANUAL", institutionIds: new Set([Number(institutionId)]), outsideMessage: "Uden for" },
  actorId: null,
  source: await sourceFromFile(file!, "kill-test.csv"),
  today: today!,
  partitionMinRows: Number(partitionMinRows ?? 1_000),
  onProgress: (rows) => process.stdout.write(`progress ${rows}\n`),
});
process.stdout.write(`done ${result.ok}\n`);
await client.end();
