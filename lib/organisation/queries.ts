import "server-only";
import { prisma } from "@/lib/db/client";
import { MISSING, type Scoped } from "@/lib/scoped";
import { agreementWhere, institutionWhere, ministryWhere } from "@/lib/auth/scope";
import type { CurrentUser } from "@/lib/auth/types";
import { activeLineWhere } from "@/lib/purchase-data/active";

const danishCollator = new Intl.Collator("da");

/**
 * Reads of ministries and institutions, always within the asking user's scope. A record outside
 * the scope comes back as "missing", as one that does not exist (lib/scoped.ts).
 */
export type { Scoped } from "@/lib/scoped";

export async function getInstitution(user: CurrentUser, id: number) {
  const institution = await prisma.institution.findFirst({
    where: institutionWhere(user, { id }),
    include: {
      ministry: { select: { id: true, name: true } },
      eanLocations: { orderBy: { ean: "asc" } },
      parties: {
        orderBy: { agreement: { sortKey: "asc" } },
        include: { agreement: { select: { id: true, reference: true, name: true, kind: true, sortKey: true, phase: { select: { number: true } } } } },
      },
    },
  });
  if (institution) return { status: "found", value: institution } as const;
  return MISSING;
}

export async function listMinistries(user: CurrentUser) {
  const ministries = await prisma.ministry.findMany({
    where: ministryWhere(user),
    include: { _count: { select: { institutions: true } } },
  });
  // A handful of rows: Danish order (Æ, Ø, Å last) with the collator rather than the database's.
  return ministries.sort((a, b) => danishCollator.compare(a.name, b.name));
}

export async function getMinistry(user: CurrentUser, id: number) {
  const ministry = await prisma.ministry.findFirst({
    where: ministryWhere(user, { id }),
    include: {
      institutions: { orderBy: { sortKey: "asc" }, include: { _count: { select: { parties: true } } } },
      users: { where: { role: "GROUP_BUYER", active: true }, select: { name: true, email: true, phone: true, title: true } },
    },
  });
  if (ministry) return { status: "found", value: ministry } as const;
  return MISSING;
}

/** The ministry's id and name if the user may see it. */
export async function findMinistryInScope(user: CurrentUser, id: number): Promise<Scoped<{ id: number; name: string }>> {
  const ministry = await prisma.ministry.findFirst({ where: ministryWhere(user, { id }), select: { id: true, name: true } });
  if (ministry) return { status: "found", value: ministry };
  return MISSING;
}

/** The figures on each role's home page. */
export async function homeSummary(user: CurrentUser) {
  switch (user.role) {
    case "BUYER": {
      if (user.institutionId === null) return { role: user.role, institution: null } as const;
      const institution = await prisma.institution.findFirst({
        where: institutionWhere(user),
        select: { id: true, name: true, cvr: true, customerType: true, dataChannel: true, _count: { select: { parties: true } } },
      });
      return { role: user.role, institution } as const;
    }
    case "GROUP_BUYER":
    case "MINISTRY_ANALYST": {
      const [institutions, pendingEnrolments, openJoinRequests, latest] = await Promise.all([
        prisma.institution.count({ where: institutionWhere(user) }),
        prisma.enrolment.count({ where: { status: "PENDING", institution: institutionWhere(user) } }),
        prisma.joinPhaseRequest.count({ where: { status: "OPEN", institution: institutionWhere(user) } }),
        latestQuarterSpend(user.ministryId),
      ]);
      return { role: user.role, institutions, pendingEnrolments, openJoinRequests, latest } as const;
    }
    case "ADMIN": {
      const [ministries, institutions, agreements, suppliers, purchaseLines, users] = await Promise.all([
        prisma.ministry.count(),
        prisma.institution.count(),
        prisma.agreement.count({ where: { retiredAt: null } }),
        prisma.supplier.count(),
        // The ACTIVE submissions' line counts: the same number as counting their lines, without reading them.
        prisma.submission.aggregate({ where: { status: "ACTIVE" }, _sum: { lineCount: true } }).then((sum) => sum._sum.lineCount ?? 0),
        prisma.user.count(),
      ]);
      return { role: user.role, ministries, institutions, agreements, suppliers, purchaseLines, users } as const;
    }
    case "SUPPLIER": {
      const agreements = await prisma.agreement.count({ where: agreementWhere(user, { retiredAt: null }) });
      return { role: user.role, agreements } as const;
    }
  }
}

async function latestQuarterSpend(ministryId: number | null) {
  if (ministryId === null) return null;
  const latest = await prisma.purchaseLine.findFirst({
    where: { ministryId, ...activeLineWhere },
    orderBy: { quarter: "desc" },
    select: { quarter: true },
  });
  if (!latest) return null;
  const [total, ecommerce] = await Promise.all([
    prisma.purchaseLine.aggregate({ where: { ministryId, quarter: latest.quarter, ...activeLineWhere }, _sum: { amountOre: true } }),
    prisma.purchaseLine.aggregate({ where: { ministryId, quarter: latest.quarter, ecommerce: true, ...activeLineWhere }, _sum: { amountOre: true } }),
  ]);
  return { quarter: latest.quarter, totalOre: total._sum.amountOre ?? 0n, ecommerceOre: ecommerce._sum.amountOre ?? 0n };
}
