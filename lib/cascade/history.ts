import "server-only";
import { institutionWhere } from "@/lib/auth/scope";
import type { CurrentUser } from "@/lib/auth/types";
import type { Explanation } from "@/lib/cascade/explanation";
import { prisma } from "@/lib/db/client";
import { MISSING } from "@/lib/scoped";

/**
 * Recorded cascade decisions, always within the user's row scope: a buyer sees the own
 * institution's, a group buyer the ministry area's, the agency all.
 */
export const HISTORY_PAGE_SIZE = 20;

export type HistoryQuery = { deviationsOnly: boolean; page: number };

/** The history page's query string: `deviations=1`, `page=N`; anything malformed is the default. */
export function parseHistoryQuery(raw: Record<string, string | string[] | undefined>): HistoryQuery {
  const first = (name: string) => {
    const value = raw[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const page = first("page");
  return {
    deviationsOnly: first("deviations") === "1",
    page: page && /^[1-9]\d{0,4}$/.test(page) ? Number(page) : 1,
  };
}

export function historyHref(query: HistoryQuery, changes: Partial<HistoryQuery> = {}): string {
  const next = { ...query, ...changes };
  const params = new URLSearchParams();
  if (next.deviationsOnly) params.set("deviations", "1");
  if (next.page > 1) params.set("page", String(next.page));
  const search = params.toString();
  return search ? `/indkoebsbehov?${search}` : "/indkoebsbehov";
}

const agreementSelect = { select: { id: true, reference: true, name: true } } as const;

export async function listDecisions(user: CurrentUser, query: HistoryQuery) {
  const where = { institution: institutionWhere(user), ...(query.deviationsOnly ? { deviates: true } : {}) };
  const [total, rows] = await Promise.all([
    prisma.cascadeDecision.count({ where }),
    prisma.cascadeDecision.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * HISTORY_PAGE_SIZE,
      take: HISTORY_PAGE_SIZE,
      select: {
        id: true,
        createdAt: true,
        amountOre: true,
        needDate: true,
        outcome: true,
        deviates: true,
        institution: { select: { id: true, name: true } },
        category: { select: { code: true, name: true } },
        user: { select: { name: true } },
        recommendedAgreement: agreementSelect,
        chosenAgreement: agreementSelect,
      },
    }),
  ]);
  return { rows, total, page: query.page, pageCount: Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE)) };
}

export async function getDecision(user: CurrentUser, id: number) {
  const decision = await prisma.cascadeDecision.findFirst({
    where: { id, institution: institutionWhere(user) },
    include: {
      institution: { select: { id: true, name: true } },
      category: { select: { code: true, name: true } },
      user: { select: { name: true, email: true } },
      recommendedAgreement: agreementSelect,
      chosenAgreement: agreementSelect,
    },
  });
  if (decision) {
    return { status: "found", value: { ...decision, explanation: decision.explanation as unknown as Explanation } } as const;
  }
  return MISSING;
}
