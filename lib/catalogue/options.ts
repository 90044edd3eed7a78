import "server-only";
import { prisma } from "@/lib/db/client";

/** The choices of the catalogue's filters. */
export async function catalogueFilterOptions() {
  const [phases, categories] = await Promise.all([
    prisma.phase.findMany({ orderBy: { number: "asc" }, select: { number: true, name: true } }),
    prisma.category.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true } }),
  ]);
  return { phases, categories };
}
