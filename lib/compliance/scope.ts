import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/types";

/**
 * The row scope of compliance data, for the WHERE of the SQL queries over purchase lines and rollups:
 * a ministry's figures belong to its group buyer and analysts (the line's ministry at purchase time,
 * so an institution that moved counts for each ministry in its own period), the agency sees all,
 * and buyers see none. `column` must be a trusted identifier fragment holding a ministry id.
 * The same rule as lib/auth/scope.ts's ministryWhere, for a ministry-id column.
 */
export function complianceMinistrySql(user: CurrentUser, column: Prisma.Sql): Prisma.Sql {
  switch (user.role) {
    case "ADMIN":
      return Prisma.sql`TRUE`;
    case "GROUP_BUYER":
    case "MINISTRY_ANALYST":
      return user.ministryId === null ? Prisma.sql`FALSE` : Prisma.sql`${column} = ${user.ministryId}`;
    case "BUYER":
    case "SUPPLIER":
      return Prisma.sql`FALSE`;
  }
}
