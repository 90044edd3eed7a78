// npm run db:synthetic -- --lines 1000000 [--quarter 2026Q3] [--seed 1] [--batch 10000] [--skip-fk-checks]
//
// Benchmark data: generates that many synthetic purchase lines into DATABASE_URL (or the embedded
// database when DATABASE_URL is unset), streamed in batches, and prints rows/s. Needs the demo
// master data (npm run db:seed). Without --quarter the lines are spread over the demo's data quarters.
// Each quarter is written in its own transaction; per institution one submission: SKS feed batches
// are added, a manual submission replaces the institution's earlier manual data for the quarter.
// --skip-fk-checks sets session_replication_role = replica for the transactions, which skips the
// per-row foreign-key triggers (about 3x faster; needs a superuser, e.g. the local postgres user or
// the embedded database). The rows are built from the database's own master data, so they are valid.
import pg from "pg";
import { withDatabase } from "@/scripts/with-database";
import { DATA_QUARTERS } from "@/lib/seed/demo-data";
import { isQuarter, PurchaseLineGenerator } from "@/lib/seed/purchase-lines";
import { loadGeneratorWorld, writeQuarterLines } from "@/lib/seed/seed";

type Args = { lines: number; quarters: string[]; seed: number; batch: number; skipFkChecks: boolean };

function usage(message?: string): never {
  if (message) console.error(`Fejl: ${message}`);
  console.error(
    "Brug: tsx scripts/generate-synthetic.ts --lines <antal> [--quarter 2026Q3] [--seed <tal>] [--batch <rækker>] [--skip-fk-checks]",
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { lines: 0, quarters: [...DATA_QUARTERS], seed: 1, batch: 10_000, skipFkChecks: false };
  let sawLines = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes("=") ? flag.split("=", 2) : [flag, undefined];
    const value = () => inline ?? argv[++i] ?? usage(`${name} mangler en værdi`);
    switch (name) {
      case "--lines": {
        const n = Number(value().replace(/[_.]/g, ""));
        if (!Number.isInteger(n) || n < 1) usage("--lines skal være et positivt heltal");
        args.lines = n;
        sawLines = true;
        break;
      }
      case "--quarter": {
        const q = value().toUpperCase();
        if (!isQuarter(q)) usage(`ugyldigt kvartal ${q} (forventet fx 2026Q3)`);
        args.quarters = [q];
        break;
      }
      case "--seed": {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 0) usage("--seed skal være et ikke-negativt heltal");
        args.seed = n;
        break;
      }
      case "--batch": {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) usage("--batch skal være et positivt heltal");
        args.batch = n;
        break;
      }
      case "--skip-fk-checks":
        args.skipFkChecks = true;
        break;
      case "--help":
      case "-h":
        return usage();
      default:
        usage(`ukendt argument ${flag}`);
    }
  }
  if (!sawLines) usage("--lines er påkrævet");
  return args;
}

const args = parseArgs(process.argv.slice(2));

await withDatabase(async (url) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const check = await client.query(`SELECT
        (SELECT count(*) FROM "Ministry")::int AS ministries,
        (SELECT count(*) FROM "Institution")::int AS institutions,
        (SELECT count(*) FROM "Supplier")::int AS suppliers,
        (SELECT count(*) FROM "Category")::int AS categories`).catch((error: Error) => {
      throw new Error(`Databasen er ikke klar (er migreringerne kørt? npm run db:migrate): ${error.message}`);
    });
    const c = check.rows[0] as { ministries: number; institutions: number; suppliers: number; categories: number };
    if (c.ministries === 0 || c.institutions === 0 || c.suppliers === 0 || c.categories === 0) {
      console.error(
        "Fejl: stamdata mangler (ministerier, institutioner, leverandører, kategorier). Kør først demo-seed: npm run db:seed",
      );
      process.exitCode = 1;
      return;
    }

    const world = await loadGeneratorWorld(client);
    const generator = new PurchaseLineGenerator(world.generatorWorld, args.seed);
    // Split the lines over the quarters; the first quarters take the remainder.
    const perQuarter = args.quarters.map(
      (_, i) => Math.floor(args.lines / args.quarters.length) + (i < args.lines % args.quarters.length ? 1 : 0),
    );

    console.log(
      `Genererer ${args.lines.toLocaleString("da-DK")} indkøbslinjer for ${args.quarters.join(", ")} ` +
        `(${c.institutions} institutioner, seed ${args.seed}, batch ${args.batch.toLocaleString("da-DK")}` +
        `${args.skipFkChecks ? ", uden fremmednøgletjek" : ""}).`,
    );
    const started = performance.now();
    let done = 0;
    let lastReport = started;
    for (let qi = 0; qi < args.quarters.length; qi++) {
      const quarter = args.quarters[qi]!;
      const base = done;
      await client.query("BEGIN");
      try {
        if (args.skipFkChecks) {
          await client.query("SET LOCAL session_replication_role = replica").catch((error: Error) => {
            throw new Error(`--skip-fk-checks kræver en superbruger: ${error.message}`);
          });
        }
        const result = await writeQuarterLines(client, generator, world, {
          quarter,
          totalLines: perQuarter[qi]!,
          stream: args.seed,
          replaceManual: true,
          batchSize: args.batch,
          onProgress: (written) => {
            done = base + written;
            const now = performance.now();
            if (now - lastReport >= 1000) {
              lastReport = now;
              const rate = Math.round(done / ((now - started) / 1000));
              process.stdout.write(`  ${done.toLocaleString("da-DK")} rækker, ${rate.toLocaleString("da-DK")} rækker/s\n`);
            }
          },
        });
        await client.query("COMMIT");
        done = base + result.lines;
        console.log(
          `${quarter}: ${result.lines.toLocaleString("da-DK")} linjer i ${result.submissions} indsendelser, ` +
            `i alt ${(Number(result.totalOre / 100n) / 1e6).toLocaleString("da-DK", { maximumFractionDigits: 1 })} mio. kr.`,
        );
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `Færdig: ${done.toLocaleString("da-DK")} rækker på ${seconds.toFixed(1)} s = ` +
        `${Math.round(done / seconds).toLocaleString("da-DK")} rækker/s.`,
    );
  } finally {
    await client.end();
  }
});
