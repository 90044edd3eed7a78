import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/types";

/**
 * Row scopes by who is asking, for the WHERE of every query (as Documenso's buildTeamWhereQuery).
 * Each takes the query's own conditions and returns them ANDed with the user's scope, so that a
 * condition can never replace the scope (as `{ id, ...scope }` would). A user without the
 * institution or ministry the role needs gets a scope that matches nothing.
 */
const NOTHING = { id: -1 } as const;

function institutionScope(user: CurrentUser): Prisma.InstitutionWhereInput {
  switch (user.role) {
    case "ADMIN":
      return {};
    case "GROUP_BUYER":
    case "MINISTRY_ANALYST":
      return user.ministryId === null ? NOTHING : { ministryId: user.ministryId };
    case "BUYER":
      return user.institutionId === null ? NOTHING : { id: user.institutionId };
    case "SUPPLIER":
      return NOTHING;
  }
}

function ministryScope(user: CurrentUser): Prisma.MinistryWhereInput {
  if (user.role === "ADMIN") return {};
  if (user.role === "BUYER" || user.role === "SUPPLIER") return NOTHING;
  return user.ministryId === null ? NOTHING : { id: user.ministryId };
}

/** The institutions a user may read: own institution, own ministry area, or all (ADMIN). */
export function institutionWhere(user: CurrentUser, where: Prisma.InstitutionWhereInput = {}): Prisma.InstitutionWhereInput {
  return { AND: [where, institutionScope(user)] };
}

/** The ministries a user may read. */
export function ministryWhere(user: CurrentUser, where: Prisma.MinistryWhereInput = {}): Prisma.MinistryWhereInput {
  return { AND: [where, ministryScope(user)] };
}

/**
 * The agreements a user may read: every agreement of the programme and SKI, and the own agreements
 * (kind OWN) of the institutions the user may read; another institution's own agreement is private.
 * A supplier user reads only the agreements its company is a party to.
 */
export function agreementWhere(user: CurrentUser, where: Prisma.AgreementWhereInput = {}): Prisma.AgreementWhereInput {
  if (user.role === "SUPPLIER") {
    return { AND: [where, user.supplierId === null ? NOTHING : { suppliers: { some: { supplierId: user.supplierId } } }] };
  }
  return { AND: [where, { OR: [{ kind: { not: "OWN" } }, { ownerInstitution: institutionWhere(user) }] }] };
}

/** What decides which agreements a user reads (agreementWhere): users with equal scopes read the same. */
export type AgreementScope = Pick<CurrentUser, "role" | "institutionId" | "ministryId" | "supplierId">;

/**
 * The user's agreement scope with only what its role reads kept, so it is equal for every user who
 * reads the same agreements: a key for what is kept for all of them (lib/cache/shared.ts).
 */
export function agreementScopeOf(user: CurrentUser): AgreementScope {
  const none = { institutionId: null, ministryId: null, supplierId: null };
  switch (user.role) {
    case "ADMIN":
      return { role: user.role, ...none };
    case "GROUP_BUYER":
    case "MINISTRY_ANALYST":
      return { role: user.role, ...none, ministryId: user.ministryId };
    case "BUYER":
      return { role: user.role, ...none, institutionId: user.institutionId };
    case "SUPPLIER":
      return { role: user.role, ...none, supplierId: user.supplierId };
  }
}

/**
 * agreementWhere as a condition on the agreement table aliased `a`, for the catalogue search
 * written in SQL.
 */
export function agreementScopeSql(user: AgreementScope): Prisma.Sql {
  if (user.role === "SUPPLIER") {
    return user.supplierId === null
      ? Prisma.sql`FALSE`
      : Prisma.sql`EXISTS (SELECT 1 FROM "AgreementSupplier" own WHERE own."agreementId" = a."id" AND own."supplierId" = ${user.supplierId})`;
  }
  return Prisma.sql`(a."kind" <> 'OWN' OR ${institutionIdScopeSql(user, Prisma.sql`a."ownerInstitutionId"`)})`;
}

/**
 * The same institution scope as a condition on an institution-id column, for the few queries
 * written in SQL (catalogue search): `column` must be a trusted identifier fragment.
 */
export function institutionIdScopeSql(user: AgreementScope, column: Prisma.Sql): Prisma.Sql {
  switch (user.role) {
    case "ADMIN":
      return Prisma.sql`TRUE`;
    case "GROUP_BUYER":
    case "MINISTRY_ANALYST":
      return user.ministryId === null
        ? Prisma.sql`FALSE`
        : Prisma.sql`${column} IN (SELECT "id" FROM "Institution" WHERE "ministryId" = ${user.ministryId})`;
    case "BUYER":
      return user.institutionId === null ? Prisma.sql`FALSE` : Prisma.sql`${column} = ${user.institutionId}`;
    case "SUPPLIER":
      return Prisma.sql`FALSE`;
  }
}

/**
 * The reconciliation rows (table "Reconciliation", aliased `alias`) a user may read: ADMIN all; a
 * supplier its own company's rows (its agreements, and only the customers it reported or that
 * reported purchases from it: a row exists for nobody else); a group buyer or analyst the rows of
 * its ministry's institutions; nobody else any. `alias` must be a trusted identifier.
 */
export function reconciliationScopeSql(user: CurrentUser, alias: string): Prisma.Sql {
  const column = (name: string) => Prisma.raw(`${alias}."${name}"`);
  if (user.role === "SUPPLIER") {
    return user.supplierId === null ? Prisma.sql`FALSE` : Prisma.sql`${column("supplierId")} = ${user.supplierId}`;
  }
  if (user.role === "BUYER") return Prisma.sql`FALSE`;
  return institutionIdScopeSql(user, column("institutionId"));
}
