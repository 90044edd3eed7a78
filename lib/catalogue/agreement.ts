import "server-only";
import { prisma } from "@/lib/db/client";
import { agreementWhere } from "@/lib/auth/scope";
import type { CurrentUser } from "@/lib/auth/types";
import { institutionStatuses } from "@/lib/catalogue/status";
import { MISSING } from "@/lib/scoped";
import type { AgreementStatus } from "@/lib/domain/agreement-status";

/**
 * One agreement as its page shows it, with the asking institution's status. Another institution's
 * own agreement is outside the scope of users who may not read that institution.
 */
export async function getAgreement(user: CurrentUser, id: number) {
  const agreement = await prisma.agreement.findFirst({
    where: agreementWhere(user, { id }),
    include: {
      phase: true,
      ownerInstitution: { select: { id: true, name: true } },
      categories: { include: { category: true }, orderBy: { categoryCode: "asc" } },
      suppliers: { include: { supplier: true }, orderBy: { supplier: { sortKey: "asc" } } },
      _count: { select: { parties: true } },
    },
  });
  if (!agreement) return MISSING;
  const status: AgreementStatus | null =
    user.institutionId === null ? null : ((await institutionStatuses(user.institutionId, [id])).get(id) ?? null);
  return { status: "found", value: { agreement, institutionStatus: status } } as const;
}
