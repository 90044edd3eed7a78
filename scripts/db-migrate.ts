// npm run db:migrate: applies the SQL migrations to DATABASE_URL (on PostgreSQL as the owner role,
// granting the serving role its privileges: lib/db/setup.ts), or to the embedded database.
import { env } from "@/lib/env";
import { migrate } from "@/lib/db/migrate";
import { prepareDatabase } from "@/lib/db/setup";
import { withDatabase } from "@/scripts/with-database";

await withDatabase(async (url, embedded) => {
  const applied = embedded ? await migrate(url) : (await prepareDatabase(url, env.MIGRATION_DATABASE_URL)).applied;
  console.log(applied.length ? `Anvendte migreringer: ${applied.join(", ")}` : "Databasen er opdateret.");
});
