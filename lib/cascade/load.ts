import "server-only";
import { prisma, type Db } from "@/lib/db/client";
import type { CascadeAgreement } from "@/lib/cascade/engine";
import type { EuThreshold } from "@/lib/cascade/eu-threshold";
import type { AgreementKind, EnrolmentStatus, PartySource } from "@/lib/generated/prisma/enums";

type Row = {
  id: number;
  reference: string;
  name: string;
  sortKey: string;
  kind: AgreementKind;
  validFrom: Date;
  validTo: Date;
  retired: boolean;
  ownerInstitutionId: number | null;
  phaseNumber: number | null;
  phaseClosed: boolean | null;
  categoryCodes: string[];
  partySource: PartySource | null;
  enrolments: EnrolmentStatus[];
  maximumValueOre: bigint | null;
  useOre: bigint | null;
};

/** A @db.Date value (UTC midnight) as YYYY-MM-DD. */
function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The agreement data the cascade needs for one institution and category: every central or SKI
 * agreement covering the category, and every OWN agreement of the institution (whatever it covers,
 * so the buyer sees why none fits), each with the institution's party row and enrolments on it
 * (newest first), and its maximum value with the use to date (lib/ceilings; the cascade's ceiling
 * rule reads them from here, once per request). Another institution's own agreements are never read.
 * One query, one round trip: the Prisma form of it (a query per relation) cost about twice as much at
 * 5,000 agreements.
 */
export async function loadCascadeAgreements(institutionId: number, categoryCode: string, db: Db = prisma): Promise<CascadeAgreement[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT a."id", a."reference", a."name", a."sortKey", a."kind"::text AS "kind", a."validFrom", a."validTo",
           a."retiredAt" IS NOT NULL AS "retired", a."ownerInstitutionId",
           p."number" AS "phaseNumber", p."closed" AS "phaseClosed",
           ARRAY(SELECT c."categoryCode" FROM "AgreementCategory" c WHERE c."agreementId" = a."id" ORDER BY c."categoryCode") AS "categoryCodes",
           (SELECT ap."source"::text FROM "AgreementParty" ap
             WHERE ap."agreementId" = a."id" AND ap."institutionId" = ${institutionId}) AS "partySource",
           ARRAY(SELECT e."status"::text FROM "Enrolment" e
                  WHERE e."agreementId" = a."id" AND e."institutionId" = ${institutionId}
                  ORDER BY e."createdAt" DESC, e."id" DESC) AS "enrolments",
           a."maximumValueOre", u."useOre"
      FROM "Agreement" a
      LEFT JOIN "Phase" p ON p."id" = a."phaseId"
      LEFT JOIN "AgreementUse" u ON u."agreementId" = a."id"
     WHERE (a."kind" <> 'OWN' AND EXISTS (SELECT 1 FROM "AgreementCategory" x WHERE x."agreementId" = a."id" AND x."categoryCode" = ${categoryCode}))
        OR (a."kind" = 'OWN' AND a."ownerInstitutionId" = ${institutionId})`;
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    name: row.name,
    sortKey: row.sortKey,
    kind: row.kind,
    phase: row.phaseNumber === null ? null : { number: row.phaseNumber, closed: row.phaseClosed ?? false },
    validFrom: isoDay(row.validFrom),
    validTo: isoDay(row.validTo),
    retired: row.retired,
    ownerInstitutionId: row.ownerInstitutionId,
    categoryCodes: row.categoryCodes,
    party: row.partySource === null ? null : { source: row.partySource },
    enrolments: row.enrolments.map((status) => ({ status })),
    ceiling: row.maximumValueOre === null ? null : { maximumOre: BigInt(row.maximumValueOre), useOre: BigInt(row.useOre ?? 0n) },
  }));
}

/** The EU thresholds of the period holding the date (a handful of rows); eu-threshold.ts picks one. */
export async function loadEuThresholds(date: string, db: Db = prisma): Promise<EuThreshold[]> {
  const day = new Date(`${date}T00:00:00Z`);
  const rows = await db.euThreshold.findMany({ where: { validFrom: { lte: day }, validTo: { gte: day } } });
  return rows.map((row) => ({
    validFrom: isoDay(row.validFrom),
    validTo: isoDay(row.validTo),
    authorityType: row.authorityType,
    contractType: row.contractType,
    amountOre: row.amountOre,
  }));
}
