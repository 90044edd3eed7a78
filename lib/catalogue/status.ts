import "server-only";
import { prisma } from "@/lib/db/client";
import { agreementStatus, type AgreementStatus } from "@/lib/domain/agreement-status";

/** The institution's status on each of the given agreements, from the rules in lib/domain. */
export async function institutionStatuses(institutionId: number, agreementIds: number[]): Promise<Map<number, AgreementStatus>> {
  if (agreementIds.length === 0) return new Map();
  const [institution, agreements] = await Promise.all([
    prisma.institution.findUniqueOrThrow({ where: { id: institutionId }, select: { id: true, customerType: true } }),
    prisma.agreement.findMany({
      where: { id: { in: agreementIds } },
      select: {
        id: true,
        kind: true,
        ownerInstitutionId: true,
        phase: { select: { number: true, closed: true } },
        parties: { where: { institutionId }, select: { source: true } },
        enrolments: { where: { institutionId }, select: { status: true }, orderBy: { createdAt: "desc" } },
      },
    }),
  ]);
  return new Map(
    agreements.map((agreement) => [
      agreement.id,
      agreementStatus(agreement, {
        id: institution.id,
        customerType: institution.customerType,
        party: agreement.parties[0] ?? null,
        enrolments: agreement.enrolments,
      }),
    ]),
  );
}
