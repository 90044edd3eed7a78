import "server-only";
import { prisma } from "@/lib/db/client";
import { agreementStatus, type AgreementStatus } from "@/lib/domain/agreement-status";
import type { AgreementKind, CustomerType, EnrolmentStatus, PartySource } from "@/lib/generated/prisma/enums";

type Row = {
  id: number;
  kind: AgreementKind;
  ownerInstitutionId: number | null;
  phaseNumber: number | null;
  phaseClosed: boolean | null;
  customerType: CustomerType;
  partySource: PartySource | null;
  enrolments: EnrolmentStatus[];
};

/**
 * The institution's status on each of the given agreements, from the rules in lib/domain. One query:
 * Prisma's form (the agreements with their phase, the institution's party row and enrolments) took
 * a query per relation, on every catalogue page.
 */
export async function institutionStatuses(institutionId: number, agreementIds: number[]): Promise<Map<number, AgreementStatus>> {
  if (agreementIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT a."id", a."kind"::text AS "kind", a."ownerInstitutionId", p."number" AS "phaseNumber", p."closed" AS "phaseClosed",
           i."customerType"::text AS "customerType",
           (SELECT ap."source"::text FROM "AgreementParty" ap WHERE ap."agreementId" = a."id" AND ap."institutionId" = i."id") AS "partySource",
           ARRAY(SELECT e."status"::text FROM "Enrolment" e
                  WHERE e."agreementId" = a."id" AND e."institutionId" = i."id" ORDER BY e."createdAt" DESC) AS "enrolments"
      FROM "Agreement" a
      JOIN "Institution" i ON i."id" = ${institutionId}
      LEFT JOIN "Phase" p ON p."id" = a."phaseId"
     WHERE a."id" = ANY(${agreementIds}::int[])`;
  return new Map(
    rows.map((row) => [
      row.id,
      agreementStatus(
        { kind: row.kind, ownerInstitutionId: row.ownerInstitutionId, phase: row.phaseNumber === null ? null : { number: row.phaseNumber, closed: row.phaseClosed ?? false } },
        {
          id: institutionId,
          customerType: row.customerType,
          party: row.partySource === null ? null : { source: row.partySource },
          enrolments: row.enrolments.map((status) => ({ status })),
        },
      ),
    ]),
  );
}
