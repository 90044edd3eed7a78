// Prints the CREATE statements schema.prisma implies, in Prisma's migration style: the starting
// point for a new migration's SQL (compare with the previous state and keep only the change).
// Usage: npm run db:schema-sql > /tmp/schema.sql
import { renderCreateSql } from "@/lib/db/schema-spec";

process.stdout.write(renderCreateSql());
