import "server-only";
import { cache } from "react";
import { prisma } from "@/lib/db/client";

/**
 * What every user sees alike, kept in this process's memory (docs/decisions/0018-shared-cache.md):
 * the catalogue's results and filter choices read the same for every user with the same scope,
 * yet cost a database round trip and its decoding on every page. An entry is valid while the
 * catalogue's version in "CacheVersion" is the one it was read under; triggers raise that version at
 * the commit of any write to the tables behind it, so the next request in every process reads afresh
 * (an ADMIN's change shows on the next page, whichever process serves it).
 *
 * Only values that depend on nothing but the arguments may be kept: a loader takes no user, and
 * whatever scope it applies is part of its arguments (so part of the key). Kept values are shared
 * between requests: callers must not change them.
 */

const MAX_ENTRIES_PER_LOADER = 500;

async function readCatalogueVersion(): Promise<bigint> {
  const rows = await prisma.$queryRaw<{ version: bigint }[]>`SELECT "version" FROM "CacheVersion" WHERE "scope" = 'catalogue'`;
  // Without the row (a database not migrated this far) nothing is kept: every read is fresh.
  return rows[0]?.version ?? -1n;
}

/** The catalogue's version, read once per page render (React's request cache) and per route-handler call. */
const catalogueVersion = cache(readCatalogueVersion);

/** Arguments a kept loader takes: plain data, compared as their JSON (build objects in one key order). */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

type Entry<Value> = { version: bigint; value: Promise<Value> };

/**
 * `load` kept per arguments (compared as JSON) while the catalogue's version holds; at most
 * MAX_ENTRIES_PER_LOADER argument sets, the least recently used dropped first. A failed load is not kept.
 */
export function keptWhileCatalogueUnchanged<Args extends Json[], Value>(
  load: (...args: Args) => Promise<Value>,
): (...args: Args) => Promise<Value> {
  const entries = new Map<string, Entry<Value>>();
  return async (...args: Args) => {
    const version = await catalogueVersion();
    const key = JSON.stringify(args);
    const kept = entries.get(key);
    if (kept && kept.version === version && version >= 0n) {
      entries.delete(key); // re-inserted below: most recently used last
      entries.set(key, kept);
      return kept.value;
    }
    const entry: Entry<Value> = { version, value: load(...args) };
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > MAX_ENTRIES_PER_LOADER) entries.delete(entries.keys().next().value!);
    entry.value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return entry.value;
  };
}
