/**
 * The answer of a read of one record within the user's scope: found, outside the scope (the page
 * answers 403), or not there at all (404).
 */
export type Scoped<T> = { status: "found"; value: T } | { status: "forbidden" } | { status: "missing" };

/** After a scoped read found nothing: "forbidden" when the record exists (counted unscoped), else "missing". */
export async function notInScope(unscopedCount: PromiseLike<number>): Promise<Exclude<Scoped<never>, { status: "found" }>> {
  return (await unscopedCount) > 0 ? { status: "forbidden" } : { status: "missing" };
}
