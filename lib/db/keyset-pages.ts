/**
 * Pages through a query by its sort key: `fetch(after, limit)` returns the rows after `after`.
 * While the caller consumes one page, the next is already being read (one query in flight at a
 * time), so database time overlaps with writing the sheet; at most two pages are held in memory.
 */
export async function* keysetPages<Row>(
  fetch: (after: Row | null, limit: number) => Promise<Row[]>,
  batchSize: number,
): AsyncGenerator<Row> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer: ${batchSize}`);
  let next: Promise<Row[]> | null = fetch(null, batchSize);
  try {
    while (next) {
      const batch: Row[] = await next;
      next = batch.length === batchSize ? fetch(batch[batch.length - 1]!, batchSize) : null;
      yield* batch;
    }
  } finally {
    // Stopped early (the download was cancelled): the read ahead is not wanted, nor its failure.
    next?.catch(() => undefined);
  }
}
