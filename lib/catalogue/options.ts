import "server-only";
import { prisma } from "@/lib/db/client";

type CatalogueFilterOptions = {
  phases: { number: number; name: string }[];
  categories: { code: string; name: string }[];
};

// The filters' choices change a few times a year but are shown on every catalogue page, so each
// portal process keeps them for a minute. A master-data change forgets them in the process that
// made it at once (forgetCatalogueFilterOptions); other processes see it within the minute.
const KEEP_MS = 60_000;
let kept: { until: number; options: Promise<CatalogueFilterOptions> } | null = null;

async function readOptions(): Promise<CatalogueFilterOptions> {
  const [phases, categories] = await Promise.all([
    prisma.phase.findMany({ orderBy: { number: "asc" }, select: { number: true, name: true } }),
    prisma.category.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true } }),
  ]);
  return { phases, categories };
}

/** The choices of the catalogue's filters. */
export function catalogueFilterOptions(now = Date.now()): Promise<CatalogueFilterOptions> {
  if (!kept || now >= kept.until) {
    const options = readOptions();
    const entry = { until: now + KEEP_MS, options };
    kept = entry;
    // A failed read is not kept: the next request asks the database again.
    options.catch(() => {
      if (kept === entry) kept = null;
    });
  }
  return kept.options;
}

export function forgetCatalogueFilterOptions(): void {
  kept = null;
}
