import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/types";

/** Whose compliance figures a user may see, as plain data (also the key of figures kept in memory). */
export type ComplianceScope = "all" | "none" | { ministryId: number };

/**
 * The row scope of compliance data: a ministry's figures belong to its group buyer and analysts (the
 * line's ministry at purchase time, so an institution that moved counts for each ministry in its own
 * period), the agency sees all, and buyers see none. The same rule as lib/auth/scope.ts's ministryWhere.
 */
export function complianceScopeOf(user: CurrentUser): ComplianceScope {
  switch (user.role) {
    case "ADMIN":
      return "all";
    case "GROUP_BUYER":
    case "MINISTRY_ANALYST":
      return user.ministryId === null ? "none" : { ministryId: user.ministryId };
    case "BUYER":
    case "SUPPLIER":
      return "none";
  }
}

/** The scope for the WHERE of the SQL queries over purchase lines and rollups; `column` must be a trusted identifier fragment holding a ministry id. */
export function complianceScopeSql(scope: ComplianceScope, column: Prisma.Sql): Prisma.Sql {
  if (scope === "all") return Prisma.sql`TRUE`;
  if (scope === "none") return Prisma.sql`FALSE`;
  return Prisma.sql`${column} = ${scope.ministryId}`;
}

/** complianceScopeSql for the user's scope. */
export function complianceMinistrySql(user: CurrentUser, column: Prisma.Sql): Prisma.Sql {
  return complianceScopeSql(complianceScopeOf(user), column);
}
