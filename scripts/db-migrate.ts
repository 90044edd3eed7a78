// npm run db:migrate: applies the SQL migrations to DATABASE_URL, or to the embedded database.
import { migrate } from "@/lib/db/migrate";
import { withDatabase } from "@/scripts/with-database";

await withDatabase(async (url) => {
  const applied = await migrate(url);
  console.log(applied.length ? `Anvendte migreringer: ${applied.join(", ")}` : "Databasen er opdateret.");
});
