// npm run db:seed: the demo data, once (idempotent), into DATABASE_URL or the embedded database.
import { withDatabase } from "@/scripts/with-database";
import { seedDemoData } from "@/lib/seed/seed";

await withDatabase(async (url) => {
  const result = await seedDemoData(url);
  console.log(result.seeded ? "Demo data seeded." : "Demo data already present: nothing written.");
});
