import "server-only";
import { institutionWhere } from "@/lib/auth/scope";
import type { CurrentUser } from "@/lib/auth/types";
import { catalogueFilterOptions } from "@/lib/catalogue/options";
import { prisma } from "@/lib/db/client";

/**
 * The choices of the need form: every category (code and name), and for a group buyer the
 * institutions of the ministry area (a buyer acts for the own institution only).
 */
export async function needFormOptions(user: CurrentUser) {
  const [{ categories }, institutions] = await Promise.all([
    catalogueFilterOptions(),
    user.role === "GROUP_BUYER"
      ? prisma.institution.findMany({ where: institutionWhere(user), orderBy: { sortKey: "asc" }, select: { id: true, name: true } })
      : Promise.resolve(null),
  ]);
  return { categories, institutions };
}
