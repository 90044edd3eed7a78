import { env } from "@/lib/env";
import { startEmbeddedDatabase } from "@/lib/db/embedded";

/**
 * Runs `work` against DATABASE_URL when set, otherwise against the embedded database, which is
 * started for the duration and stopped afterwards. Sets DATABASE_POOL_MAX=1 for the embedded one.
 */
export async function withDatabase<T>(work: (url: string, embedded: boolean) => Promise<T>): Promise<T> {
  if (env.DATABASE_URL) return work(env.DATABASE_URL, false);
  const embedded = await startEmbeddedDatabase(env.EMBEDDED_DATA_DIR);
  try {
    return await work(embedded.url, true);
  } finally {
    await embedded.stop();
  }
}
