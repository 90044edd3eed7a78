/**
 * The answer of a read of one record within the user's scope: found, or missing. A record outside
 * the scope is missing too, so that its page answers 404 exactly as for an id that does not exist
 * and does not tell whether it does (issue 16). A role without the permission at all still gets 403
 * from the guard (lib/auth/guard.ts).
 */
export type Scoped<T> = { status: "found"; value: T } | { status: "missing" };

export const MISSING = { status: "missing" } as const;
