import type { Role } from "@/lib/generated/prisma/enums";

/**
 * What each role may do: the one table every page, action, route handler and export consults
 * (through lib/auth/guard.ts). Which records a permitted user may touch is decided by the scopes
 * in lib/auth/scope.ts, in the query itself.
 */
export const PERMISSIONS = {
  "home.view": ["BUYER", "GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN"],
  "institution.view": ["BUYER", "GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN"],
  "ministry.view": ["GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN"],
  "catalogue.view": ["BUYER", "GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN"],
  "catalogue.manage": ["ADMIN"],
  /** Run the cascade for a purchase need and record the decision (own institution, or the area's). */
  "cascade.use": ["BUYER", "GROUP_BUYER"],
  /** Read recorded cascade decisions within the row scope (institution, ministry area, or all). */
  "cascade.history": ["BUYER", "GROUP_BUYER", "ADMIN"],
  "users.manage": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
