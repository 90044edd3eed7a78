import "server-only";
import { keptWhileCatalogueUnchanged } from "@/lib/cache/shared";
import { prisma } from "@/lib/db/client";

type CatalogueFilterOptions = {
  phases: { number: number; name: string }[];
  categories: { code: string; name: string }[];
};

/** The choices of the catalogue's filters: shown on every catalogue page, alike for every user. */
export const catalogueFilterOptions = keptWhileCatalogueUnchanged(async (): Promise<CatalogueFilterOptions> => {
  const [phases, categories] = await Promise.all([
    prisma.phase.findMany({ orderBy: { number: "asc" }, select: { number: true, name: true } }),
    prisma.category.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true } }),
  ]);
  return { phases, categories };
});
