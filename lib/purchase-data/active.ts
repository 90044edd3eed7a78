import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The purchase lines that count: those of ACTIVE submissions. A superseded manual submission keeps
 * its lines as history, so every sum, count or report over lines must include this condition (or read
 * the SQL view "ActivePurchaseLine"). AND it with the query's own conditions:
 * `where: { ministryId, quarter, ...activeLineWhere }`.
 */
export const activeLineWhere = { submission: { status: "ACTIVE" } } as const satisfies Prisma.PurchaseLineWhereInput;
