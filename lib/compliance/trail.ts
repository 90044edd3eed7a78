import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { agreementWhere } from "@/lib/auth/scope";
import type { CurrentUser } from "@/lib/auth/types";
import { prisma } from "@/lib/db/client";
import { quarterName } from "./figures";
import { complianceMinistrySql } from "./scope";
import { trailTitle, type TrailFilter } from "./trail-params";

/**
 * The lines behind a figure: the purchase lines of ACTIVE submissions ("ActivePurchaseLine") that the
 * rollup counted for it, selected with the same definitions the rollup used (the SQL functions and
 * the "ObligatedPeriod" rows of migration 20261122120000_compliance), so their sum is the figure.
 * Always within the user's ministry scope, in the WHERE.
 */

export const TRAIL_PAGE_SIZE = 50;
/** An export holds at most this many lines (a larger trail is narrowed by institution or supplier). */
export const TRAIL_EXPORT_MAX = 500_000;
const EXPORT_BATCH = 5_000;

export type TrailLine = {
  id: bigint;
  institutionId: number;
  institutionName: string;
  institutionCvr: string;
  purchaseDate: Date | null;
  supplierCvr: string | null;
  supplierName: string;
  /** As on the line. */
  lineCategory: string | null;
  /** The category the figure used: the line's, else the supplier's mapping. */
  categoryCode: string | null;
  amountOre: bigint;
  ecommerce: boolean;
  submissionId: number;
  /** For compliance figures: the agreement the line counts for, and whether its supplier is on it. */
  agreementId: number | null;
  agreementReference: string | null;
  onAgreement: boolean | null;
};

/**
 * The export's keyset: the line, and for compliance figures also the agreement (a line can count for
 * two). E-commerce has one row per line, so the line alone: a constant second key would be read by
 * PostgreSQL as an ORDER BY position (`ORDER BY l."id", -1` failed, issue 16).
 */
function keysetOrder(filter: TrailFilter): Prisma.Sql {
  return filter.figure === "aftale" ? Prisma.sql`l."id", ac."agreementId"` : Prisma.sql`l."id"`;
}

function keysetAfter(filter: TrailFilter, after: { id: bigint; agreementId: number } | null): Prisma.Sql {
  if (!after) return Prisma.sql`TRUE`;
  return filter.figure === "aftale" ? Prisma.sql`(l."id", ac."agreementId") > (${after.id}, ${after.agreementId})` : Prisma.sql`l."id" > ${after.id}`;
}

function conditions(user: CurrentUser, filter: TrailFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [
    Prisma.sql`l."quarter" = ${filter.quarter}`,
    Prisma.sql`l."ministryId" = ${filter.ministryId}`,
    complianceMinistrySql(user, Prisma.sql`l."ministryId"`),
  ];
  if (filter.institutionId !== null) parts.push(Prisma.sql`l."institutionId" = ${filter.institutionId}`);
  if (filter.figure === "aftale") {
    if (filter.agreementId !== null) parts.push(Prisma.sql`ac."agreementId" = ${filter.agreementId}`);
    if (filter.part === "aftale") parts.push(Prisma.sql`sp."agreementId" IS NOT NULL`);
    if (filter.part === "udenfor") parts.push(Prisma.sql`sp."agreementId" IS NULL`);
  } else {
    if (filter.part === "ehandel") parts.push(Prisma.sql`l."ecommerce"`);
    if (filter.part === "ikke-ehandel") parts.push(Prisma.sql`NOT l."ecommerce"`);
  }
  if (filter.supplierCvr) parts.push(Prisma.sql`l."supplierCvr" = ${filter.supplierCvr}`);
  else if (filter.supplierName) parts.push(Prisma.sql`l."supplierCvr" IS NULL AND l."supplierName" = ${filter.supplierName}`);
  return Prisma.join(parts, " AND ");
}

/**
 * The lines counted: obligated on the purchase date (or the quarter's last day) as the rollup had it;
 * for compliance, one row per line and measured agreement whose categories hold the line's category
 * (a line in the categories of two agreements counts for both, as in the figures), with the
 * agreement's supplier match.
 */
function from(filter: TrailFilter): Prisma.Sql {
  const q = filter.quarter;
  const lines = Prisma.sql`"ActivePurchaseLine" l
    JOIN "ObligatedPeriod" p ON p."quarter" = ${q} AND p."institutionId" = l."institutionId"
     AND COALESCE(l."purchaseDate", "compliance_quarter_end"(${q})) BETWEEN p."validFrom" AND p."validTo"
    LEFT JOIN "Supplier" s ON s."cvr" = l."supplierCvr"`;
  if (filter.figure !== "aftale") return lines;
  return Prisma.sql`${lines}
    JOIN "compliance_agreement_categories"(${q}) ac ON ac."categoryCode" = COALESCE(l."categoryCode", s."categoryCode")
    LEFT JOIN "compliance_agreement_suppliers"(${q}) sp ON sp."agreementId" = ac."agreementId" AND sp."supplierCvr" = l."supplierCvr"`;
}

function columns(filter: TrailFilter): Prisma.Sql {
  const agreement =
    filter.figure === "aftale"
      ? Prisma.sql`ac."agreementId", (SELECT a."reference" FROM "Agreement" a WHERE a."id" = ac."agreementId") AS "agreementReference",
                   sp."agreementId" IS NOT NULL AS "onAgreement"`
      : Prisma.sql`NULL::int AS "agreementId", NULL::text AS "agreementReference", NULL::boolean AS "onAgreement"`;
  return Prisma.sql`l."id", l."institutionId", i."name" AS "institutionName", i."cvr" AS "institutionCvr", l."purchaseDate",
    l."supplierCvr", l."supplierName", l."categoryCode" AS "lineCategory", COALESCE(l."categoryCode", s."categoryCode") AS "categoryCode",
    l."amountOre", l."ecommerce", l."submissionId", ${agreement}`;
}

export async function trailTotals(user: CurrentUser, filter: TrailFilter): Promise<{ lines: number; amountOre: bigint }> {
  const rows = await prisma.$queryRaw<{ lines: number; amountOre: bigint }[]>`
    SELECT count(*)::int AS lines, COALESCE(sum(l."amountOre"), 0)::bigint AS "amountOre"
      FROM ${from(filter)} WHERE ${conditions(user, filter)}`;
  return rows[0] ?? { lines: 0, amountOre: 0n };
}

/** One page of the lines, largest amounts first. */
export async function trailPage(user: CurrentUser, filter: TrailFilter, page: number): Promise<TrailLine[]> {
  return prisma.$queryRaw<TrailLine[]>`
    SELECT ${columns(filter)}
      FROM ${from(filter)} JOIN "Institution" i ON i."id" = l."institutionId"
     WHERE ${conditions(user, filter)}
     ORDER BY l."amountOre" DESC, l."id", 13
     LIMIT ${TRAIL_PAGE_SIZE} OFFSET ${(page - 1) * TRAIL_PAGE_SIZE}`;
}

/** All the lines, by id, in batches (keyset paging: no connection held between batches). */
export async function* trailLines(user: CurrentUser, filter: TrailFilter, max = TRAIL_EXPORT_MAX, batchSize = EXPORT_BATCH): AsyncGenerator<TrailLine> {
  let after: { id: bigint; agreementId: number } | null = null;
  let sent = 0;
  while (sent < max) {
    const batch: TrailLine[] = await prisma.$queryRaw<TrailLine[]>`
      SELECT ${columns(filter)}
        FROM ${from(filter)} JOIN "Institution" i ON i."id" = l."institutionId"
       WHERE ${conditions(user, filter)} AND ${keysetAfter(filter, after)}
       ORDER BY ${keysetOrder(filter)}
       LIMIT ${Math.min(batchSize, max - sent)}`;
    for (const line of batch) yield line;
    sent += batch.length;
    if (batch.length < batchSize) return;
    const last = batch[batch.length - 1]!;
    after = { id: last.id, agreementId: last.agreementId ?? -1 };
  }
}

/** The export's file name: "indkoebslinjer-2026Q3-....xlsx". */
export function trailFileName(filter: TrailFilter): string {
  const what = filter.figure === "ehandel" ? "ehandel" : filter.agreementId ? `aftale-${filter.agreementId}` : "alle-aftaler";
  return `indkoebslinjer-${filter.quarter}-${what}${filter.part === "alle" ? "" : `-${filter.part}`}${filter.institutionId ? `-institution-${filter.institutionId}` : ""}.xlsx`;
}

export function trailSheetTitle(title: string, filter: TrailFilter): string {
  return `${title}, ${quarterName(filter.quarter)}`;
}

/**
 * The trail's title with its agreement and institution named; null when a named one is not there.
 * The agreement is read within the user's scope (another institution's own agreement is private);
 * institution names are public (the group-buyer finder lists them).
 */
export async function trailHeading(user: CurrentUser, filter: TrailFilter, ministryName: string): Promise<string | null> {
  const [agreement, institution] = await Promise.all([
    filter.agreementId
      ? prisma.agreement.findFirst({ where: agreementWhere(user, { id: filter.agreementId }), select: { reference: true, name: true } })
      : null,
    filter.institutionId ? prisma.institution.findUnique({ where: { id: filter.institutionId }, select: { name: true } }) : null,
  ]);
  if ((filter.agreementId && !agreement) || (filter.institutionId && !institution)) return null;
  return trailTitle(filter, {
    agreement: agreement ? `${agreement.name} (${agreement.reference})` : undefined,
    institution: institution?.name,
    ministry: ministryName,
  });
}
