import "server-only";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/guard";
import type { CurrentUser } from "@/lib/auth/types";
import { parseId } from "@/lib/parse-id";
import { firstParam, pickQuarter, trendQuarters } from "./figures";
import { findMinistryInScope } from "@/lib/organisation/queries";
import { complianceQuarters } from "./rollup";
import { complianceDataShowing, type DataState, type MinistryRef } from "./queries";
import { prisma } from "@/lib/db/client";

export type MinistryPageContext = {
  user: CurrentUser;
  ministry: MinistryRef;
  data: DataState;
  /** The quarter shown; null when there are no purchase data at all. */
  quarter: string | null;
  /** The quarters of the trend (up to 8, ending with `quarter`). */
  trend: string[];
};

/**
 * The start of every ministry compliance page: the permission, the ministry found within the user's
 * scope (404 for another ministry's page, as for none), the quarter, and the figures of the quarter and
 * its trend brought up to date.
 */
export async function ministryPageContext(
  ministryIdParam: string,
  searchParams: Record<string, string | string[] | undefined>,
): Promise<MinistryPageContext> {
  const user = await requirePermission("compliance.view");
  const id = parseId(ministryIdParam);
  if (id === null) notFound();
  const found = await findMinistryInScope(user, id);
  if (found.status === "missing") notFound();
  const quarters = await complianceQuarters(prisma);
  const quarter = pickQuarter(firstParam(searchParams.kvartal), quarters);
  const trend = quarter ? trendQuarters(quarters, quarter) : [];
  const data = await complianceDataShowing(quarters, trend);
  return { user, ministry: found.value, data, quarter, trend };
}
