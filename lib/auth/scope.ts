import type { CurrentUser } from "@/lib/auth/types";

/**
 * Row scopes by who is asking, for the WHERE of every query (as Documenso's buildTeamWhereQuery).
 * A user without the institution or ministry their role needs gets a scope that matches nothing.
 */
const NOTHING = { id: -1 } as const;

/** The institutions a user may read: own institution, own ministry area, or all (ADMIN). */
export function institutionWhere(user: CurrentUser): { id?: number; ministryId?: number } {
  switch (user.role) {
    case "ADMIN":
      return {};
    case "GROUP_BUYER":
    case "MINISTRY_ANALYST":
      return user.ministryId === null ? NOTHING : { ministryId: user.ministryId };
    case "BUYER":
      return user.institutionId === null ? NOTHING : { id: user.institutionId };
  }
}

/** The ministries a user may read. */
export function ministryWhere(user: CurrentUser): { id?: number } {
  if (user.role === "ADMIN") return {};
  if (user.role === "BUYER") return NOTHING;
  return user.ministryId === null ? NOTHING : { id: user.ministryId };
}
