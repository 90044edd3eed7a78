import { defineConfig } from "prisma/config";

// Prisma's CLI is used only for `prisma generate` (offline). Migrations are applied by
// scripts/db-migrate.ts; see docs/decisions/0001-sql-migrations.md.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
