// npx tsx scripts/import-sks.ts --kvartal 2026Q3 --fil sks-2026q3.csv [--batch <reference>]
//
// The SKS feed from the command line: loads a batch of purchase lines (CSV or xlsx, the agency's
// format or the portal's line format) for the institutions that deliver through SKS, into
// DATABASE_URL (or the embedded database when it is unset). All or nothing, no per-quarter
// approval, no deadline; a batch reference already received is skipped. Prints the error report
// (row, column, reason) and exits with 1 when the batch is refused.
import pg from "pg";
import { formatMoneyOre, formatNumber } from "@/lib/format";
import { importWithClient } from "@/lib/purchase-data/run";
import { copenhagenToday, parseQuarter } from "@/lib/purchase-data/quarter";
import { sourceFromFile } from "@/lib/purchase-data/sources";
import { withDatabase } from "@/scripts/with-database";

function usage(message?: string): never {
  if (message) console.error(`Fejl: ${message}`);
  console.error("Brug: tsx scripts/import-sks.ts --kvartal 2026Q3 --fil <fil.csv|fil.xlsx> [--batch <reference>]");
  process.exit(2);
}

const args = new Map<string, string>();
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const flag = argv[i]!;
  if (flag === "--help" || flag === "-h") usage();
  if (!["--kvartal", "--fil", "--batch"].includes(flag)) usage(`ukendt argument ${flag}`);
  const value = argv[++i];
  if (!value) usage(`${flag} mangler en værdi`);
  args.set(flag, value);
}
const quarter = parseQuarter(args.get("--kvartal") ?? "");
if (!quarter) usage("angiv kvartalet, fx --kvartal 2026Q3");
const file = args.get("--fil") ?? usage("angiv filen med --fil");

const code = await withDatabase(async (url) => {
  const client = new pg.Client({ connectionString: url, application_name: "sip-import-sks" });
  await client.connect();
  try {
    const started = Date.now();
    const result = await importWithClient(client, {
      quarter,
      channel: "SKS_FEED",
      scope: { channel: "SKS_FEED", institutionIds: "all", outsideMessage: "" },
      actorId: null,
      source: await sourceFromFile(file, file.split("/").pop() ?? file),
      feedBatch: args.get("--batch") ?? null,
      today: copenhagenToday(),
    });
    if (!result.ok) {
      console.error(result.message);
      for (const p of result.problems.slice(0, 50)) console.error(`  række ${p.row ?? "–"}, ${p.column ?? "–"}: ${p.message}`);
      if (result.totalProblems > 50) console.error(`  … og ${formatNumber(result.totalProblems - 50)} fejl mere.`);
      return 1;
    }
    console.log(result.message);
    for (const s of result.submissions) {
      console.log(`  ${s.institutionName}: ${formatNumber(s.lineCount)} ${s.lineCount === 1 ? "linje" : "linjer"}, ${formatMoneyOre(s.totalOre)} (indsendelse ${s.submissionId})`);
    }
    console.log(`Tid: ${((Date.now() - started) / 1000).toLocaleString("da-DK", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} s`);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await client.end();
  }
});
process.exit(code);
