import "server-only";
import { cache } from "react";
import { Prisma } from "@/lib/generated/prisma/client";
import { agreementWhere, ministryWhere } from "@/lib/auth/scope";
import type { CurrentUser } from "@/lib/auth/types";
import { keptWhileCatalogueUnchanged } from "@/lib/cache/shared";
import { prisma } from "@/lib/db/client";
import { reservationsByQuarter, type ReservationView } from "@/lib/purchase-data/reservations";
import { quarterInstants, sumShares, type Share } from "./figures";
import { complianceQuarters, refreshStaleCompliance } from "./rollup";
import { complianceScopeOf, complianceScopeSql, type ComplianceScope } from "./scope";

/**
 * What the compliance pages show, read from the rollup tables (migration 20261122120000_compliance),
 * always within the user's scope: a ministry's page is found with ministryWhere and answers
 * "missing" for a ministry outside it, and every SQL query also carries the scope (complianceScopeSql).
 * Before reading, the quarters are brought up to date (lib/compliance/rollup.ts), which costs one
 * small query when nothing changed.
 */

export type LeakageRow = { supplierCvr: string | null; supplierName: string; amountOre: bigint };

export type DataState = {
  /** Quarters with data, oldest first. */
  quarters: string[];
  /** When each quarter's figures were computed. */
  refreshedAt: Map<string, Date>;
  /** Quarters another transaction was recomputing when the page was read: shown as they were. */
  busy: string[];
};

/** The quarters with data, all brought up to date first; once per request. */
export const complianceData = cache(async (): Promise<DataState> => {
  const quarters = await complianceQuarters(prisma);
  return complianceDataShowing(quarters, quarters);
});

/**
 * The quarters with data, of which only `shown` are brought up to date: a page that shows a quarter
 * and its trend checks those (each check compares every institution's submissions with the figures:
 * ~0.7 ms of the database per quarter here, and the quarters only grow), not every quarter ever reported.
 */
export async function complianceDataShowing(quarters: string[], shown: readonly string[]): Promise<DataState> {
  const results = await refreshStaleCompliance(prisma, shown, { wait: false });
  const rows = await prisma.complianceQuarter.findMany({ select: { quarter: true, refreshedAt: true } });
  return {
    quarters,
    refreshedAt: new Map(rows.map((r) => [r.quarter, r.refreshedAt])),
    busy: results.filter((r) => r.mode === "busy").map((r) => r.quarter),
  };
}

export type MinistryRef = { id: number; name: string };


/** The ministries the user may see, Danish order. */
export async function visibleMinistries(user: CurrentUser): Promise<MinistryRef[]> {
  const rows = await prisma.ministry.findMany({ where: ministryWhere(user), select: { id: true, name: true } });
  const collator = new Intl.Collator("da");
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

const scope = (within: ComplianceScope, column: string) => complianceScopeSql(within, Prisma.raw(column));

// ---------------------------------------------------------------------------------------------
// The ministry dashboard
// ---------------------------------------------------------------------------------------------

export type TrendPoint = { quarter: string; compliance: Share; ecommerce: Share };

export type AgreementFigure = Share & {
  agreementId: number;
  reference: string;
  name: string;
  institutions: number;
  leakage: LeakageRow[];
};

export type InstitutionFigure = { institutionId: number; name: string; compliance: Share; ecommerce: Share };

export type DeviationRow = {
  id: number;
  createdAt: Date;
  institutionName: string;
  categoryCode: string;
  categoryName: string;
  amountOre: bigint;
  recommended: string | null;
  chosen: string | null;
  justification: string | null;
};

export type MinistryDashboard = {
  ministry: MinistryRef;
  quarter: string;
  total: Share;
  totalLeakage: LeakageRow[];
  ecommerce: Share;
  /** Suppliers with the most spend outside e-commerce (beside the e-commerce share). */
  offEcommerce: LeakageRow[];
  trend: TrendPoint[];
  agreements: AgreementFigure[];
  institutions: InstitutionFigure[];
  reservations: ReservationView[];
  deviations: { total: number; rows: DeviationRow[] };
};

type ShareRow = { num: bigint; den: bigint };
const share = (row: ShareRow | undefined): Share => ({ numeratorOre: row?.num ?? 0n, denominatorOre: row?.den ?? 0n });

async function trendFor(within: ComplianceScope, ministryId: number | null, quarters: string[]): Promise<TrendPoint[]> {
  const ministry = ministryId === null ? Prisma.sql`TRUE` : Prisma.sql`"ministryId" = ${ministryId}`;
  const [compliance, ecommerce] = await Promise.all([
    prisma.$queryRaw<(ShareRow & { quarter: string })[]>`
      SELECT "quarter", sum("numeratorOre")::bigint AS num, sum("denominatorOre")::bigint AS den
        FROM "ComplianceRollup"
       WHERE ${ministry} AND "quarter" = ANY(${quarters}::text[]) AND ${scope(within, `"ministryId"`)}
       GROUP BY "quarter"`,
    prisma.$queryRaw<(ShareRow & { quarter: string })[]>`
      SELECT "quarter", sum("ecommerceOre")::bigint AS num, sum("totalOre")::bigint AS den
        FROM "EcommerceRollup"
       WHERE ${ministry} AND "quarter" = ANY(${quarters}::text[]) AND ${scope(within, `"ministryId"`)}
       GROUP BY "quarter"`,
  ]);
  const c = new Map(compliance.map((r) => [r.quarter, r]));
  const e = new Map(ecommerce.map((r) => [r.quarter, r]));
  return quarters.map((quarter) => ({ quarter, compliance: share(c.get(quarter)), ecommerce: share(e.get(quarter)) }));
}

/** The deviations from the cascade recorded in the quarter (Copenhagen time) by the ministry's institutions. */
async function deviationsFor(ministryId: number, quarter: string, take: number): Promise<{ total: number; rows: DeviationRow[] }> {
  const { from, until } = quarterInstants(quarter);
  // The institution's ministry on the day of the decision (membership), else its current ministry.
  const inMinistry = Prisma.sql`COALESCE((SELECT m."ministryId" FROM "InstitutionMembership" m
      WHERE m."institutionId" = d."institutionId" AND m."validFrom" <= d."createdAt"::date
        AND (m."validTo" IS NULL OR m."validTo" >= d."createdAt"::date)
      ORDER BY m."validFrom" DESC, m."id" DESC LIMIT 1), i."ministryId") = ${ministryId}`;
  const rows = await prisma.$queryRaw<(DeviationRow & { total: number })[]>`
    SELECT d."id", d."createdAt", i."name" AS "institutionName", d."categoryCode", c."name" AS "categoryName", d."amountOre",
           r."reference" AS "recommended", x."reference" AS "chosen", d."justification", count(*) OVER ()::int AS total
      FROM "CascadeDecision" d
      JOIN "Institution" i ON i."id" = d."institutionId"
      JOIN "Category" c ON c."code" = d."categoryCode"
      LEFT JOIN "Agreement" r ON r."id" = d."recommendedAgreementId"
      LEFT JOIN "Agreement" x ON x."id" = d."chosenAgreementId"
     WHERE d."deviates" AND d."createdAt" >= ${from} AND d."createdAt" < ${until} AND ${inMinistry}
     ORDER BY d."createdAt" DESC, d."id" DESC
     LIMIT ${take}`;
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      institutionName: r.institutionName,
      categoryCode: r.categoryCode,
      categoryName: r.categoryName,
      amountOre: r.amountOre,
      recommended: r.recommended,
      chosen: r.chosen,
      justification: r.justification,
    })),
  };
}

async function leakageBySupplier(within: ComplianceScope, quarter: string, ministryId: number | null, take: number): Promise<LeakageRow[]> {
  const ministry = ministryId === null ? Prisma.sql`TRUE` : Prisma.sql`k."ministryId" = ${ministryId}`;
  return prisma.$queryRaw<LeakageRow[]>`
    SELECT k."supplierCvr", min(k."supplierName") AS "supplierName", sum(k."amountOre")::bigint AS "amountOre"
      FROM "ComplianceLeakage" k
     WHERE k."quarter" = ${quarter} AND ${ministry} AND ${scope(within, `k."ministryId"`)}
     GROUP BY k."supplierCvr", CASE WHEN k."supplierCvr" IS NULL THEN k."supplierName" END
     ORDER BY 3 DESC, 2
     LIMIT ${take}`;
}

/** The dashboard's figures from the rollups: the same for every user with the same scope. */
type MinistryFigures = Pick<MinistryDashboard, "total" | "totalLeakage" | "ecommerce" | "offEcommerce" | "trend" | "agreements" | "institutions">;

/** A quarter of the trend with the version of its rollups ("ComplianceQuarter"."version"), which every refresh renews. */
type VersionedQuarter = { quarter: string; version: string };

async function ministryFigures(within: ComplianceScope, m: number, quarter: string, versioned: VersionedQuarter[]): Promise<MinistryFigures> {
  const quarters = versioned.map((q) => q.quarter);
  const [trend, agreements, leakage, institutions, ecommerceByInstitution, totalLeakage, offEcommerce] = await Promise.all([
    trendFor(within, m, quarters),
    prisma.$queryRaw<(ShareRow & { agreementId: number; reference: string; name: string; institutions: number })[]>`
      SELECT a."id" AS "agreementId", a."reference", a."name",
             COALESCE(r.num, 0)::bigint AS num, COALESCE(r.den, 0)::bigint AS den, COALESCE(r.institutions, 0)::int AS institutions
        FROM "compliance_agreements"(${quarter}) ma
        JOIN "Agreement" a ON a."id" = ma."agreementId"
        LEFT JOIN (SELECT "agreementId", sum("numeratorOre") AS num, sum("denominatorOre") AS den, count(*) AS institutions
                     FROM "ComplianceRollup"
                    WHERE "quarter" = ${quarter} AND "ministryId" = ${m} AND ${scope(within, `"ministryId"`)}
                    GROUP BY "agreementId") r ON r."agreementId" = a."id"
       ORDER BY a."reference"`,
    prisma.$queryRaw<(LeakageRow & { agreementId: number })[]>`
      SELECT "agreementId", "supplierCvr", "supplierName", "amountOre" FROM (
        SELECT k."agreementId", k."supplierCvr", k."supplierName", k."amountOre",
               row_number() OVER (PARTITION BY k."agreementId" ORDER BY k."amountOre" DESC, k."supplierName") AS rank
          FROM "ComplianceLeakage" k
         WHERE k."quarter" = ${quarter} AND k."ministryId" = ${m} AND ${scope(within, `k."ministryId"`)}) t
       WHERE rank <= 3 ORDER BY "agreementId", rank`,
    prisma.$queryRaw<(ShareRow & { institutionId: number; name: string })[]>`
      SELECT r."institutionId", i."name", sum(r."numeratorOre")::bigint AS num, sum(r."denominatorOre")::bigint AS den
        FROM "ComplianceRollup" r JOIN "Institution" i ON i."id" = r."institutionId"
       WHERE r."quarter" = ${quarter} AND r."ministryId" = ${m} AND ${scope(within, `r."ministryId"`)}
       GROUP BY r."institutionId", i."name"`,
    prisma.$queryRaw<(ShareRow & { institutionId: number; name: string })[]>`
      SELECT e."institutionId", i."name", e."ecommerceOre" AS num, e."totalOre" AS den
        FROM "EcommerceRollup" e JOIN "Institution" i ON i."id" = e."institutionId"
       WHERE e."quarter" = ${quarter} AND e."ministryId" = ${m} AND ${scope(within, `e."ministryId"`)}`,
    leakageBySupplier(within, quarter, m, 3),
    prisma.$queryRaw<LeakageRow[]>`
      SELECT r."supplierCvr", min(r."supplierName") AS "supplierName", sum(r."amountOre" - r."ecommerceOre")::bigint AS "amountOre"
        FROM "SpendRollup" r
       WHERE r."quarter" = ${quarter} AND r."ministryId" = ${m} AND r."obligated" AND ${scope(within, `r."ministryId"`)}
       GROUP BY r."supplierCvr", CASE WHEN r."supplierCvr" IS NULL THEN r."supplierName" END
      HAVING sum(r."amountOre" - r."ecommerceOre") > 0
       ORDER BY 3 DESC, 2
       LIMIT 3`,
  ]);

  const leakageOf = new Map<number, LeakageRow[]>();
  for (const row of leakage) {
    const list = leakageOf.get(row.agreementId) ?? [];
    list.push({ supplierCvr: row.supplierCvr, supplierName: row.supplierName, amountOre: row.amountOre });
    leakageOf.set(row.agreementId, list);
  }
  const agreementFigures: AgreementFigure[] = agreements.map((a) => ({
    agreementId: a.agreementId,
    reference: a.reference,
    name: a.name,
    institutions: a.institutions,
    numeratorOre: a.num,
    denominatorOre: a.den,
    leakage: leakageOf.get(a.agreementId) ?? [],
  }));

  const byInstitution = new Map<number, InstitutionFigure>();
  const entry = (id: number, name: string) => {
    let figure = byInstitution.get(id);
    if (!figure) byInstitution.set(id, (figure = { institutionId: id, name, compliance: share(undefined), ecommerce: share(undefined) }));
    return figure;
  };
  for (const row of institutions) entry(row.institutionId, row.name).compliance = share(row);
  for (const row of ecommerceByInstitution) entry(row.institutionId, row.name).ecommerce = share(row);
  const collator = new Intl.Collator("da");

  const point = trend.find((t) => t.quarter === quarter);
  return {
    total: sumShares(agreementFigures),
    totalLeakage,
    ecommerce: point?.ecommerce ?? share(undefined),
    offEcommerce,
    trend,
    agreements: agreementFigures,
    institutions: [...byInstitution.values()].sort((a, b) => collator.compare(a.name, b.name)),
  };
}

/**
 * Kept in each process while the catalogue (the agreements measured, agreement and institution names)
 * and the rollups of every quarter shown are unchanged: the quarters' versions are part of the key,
 * and compliance_refresh, the rollups' only writer, renews a quarter's version in its own transaction
 * (migration 20261209100000_compliance_quarter_version). The callers found the ministry in the user's
 * scope; the scope is part of the key and of every query's WHERE all the same.
 */
const keptMinistryFigures = keptWhileCatalogueUnchanged(ministryFigures);

async function versionedQuarters(quarters: string[]): Promise<VersionedQuarter[]> {
  const rows = await prisma.$queryRaw<VersionedQuarter[]>`
    SELECT "quarter", "version"::text AS "version" FROM "ComplianceQuarter" WHERE "quarter" = ANY(${quarters}::text[])`;
  const versions = new Map(rows.map((row) => [row.quarter, row.version]));
  return quarters.map((quarter) => ({ quarter, version: versions.get(quarter) ?? "none" }));
}

/** A ministry's dashboard: the kept figures, with its reservations and the cascade's deviations read afresh. */
export async function ministryDashboard(
  user: CurrentUser,
  ministry: MinistryRef,
  quarter: string,
  quarters: string[],
  options: { deviations?: number } = {},
): Promise<MinistryDashboard> {
  const [figures, reservations, deviations] = await Promise.all([
    versionedQuarters(quarters).then((versioned) => keptMinistryFigures(complianceScopeOf(user), ministry.id, quarter, versioned)),
    reservationsByQuarter(user, ministry.id, [quarter]),
    deviationsFor(ministry.id, quarter, options.deviations ?? 25),
  ]);
  return { ministry, quarter, ...figures, reservations: reservations.get(quarter) ?? [], deviations };
}

// ---------------------------------------------------------------------------------------------
// Agreement and institution drill-down
// ---------------------------------------------------------------------------------------------

export type AgreementInfo = {
  id: number;
  reference: string;
  name: string;
  validFrom: Date;
  validTo: Date;
  measured: boolean;
  categories: { code: string; name: string }[];
  suppliers: { cvr: string; name: string }[];
};

/** The agreement within the user's scope (another institution's own agreement is not), or null. */
export async function agreementInfo(user: CurrentUser, agreementId: number, quarter: string): Promise<AgreementInfo | null> {
  const agreement = await prisma.agreement.findFirst({
    where: agreementWhere(user, { id: agreementId }),
    select: {
      id: true,
      reference: true,
      name: true,
      validFrom: true,
      validTo: true,
      categories: { select: { category: { select: { code: true, name: true } } }, orderBy: { categoryCode: "asc" } },
      suppliers: { select: { supplier: { select: { cvr: true, name: true, sortKey: true } } } },
    },
  });
  if (!agreement) return null;
  const measured = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "compliance_agreements"(${quarter}) WHERE "agreementId" = ${agreementId}`;
  return {
    id: agreement.id,
    reference: agreement.reference,
    name: agreement.name,
    validFrom: agreement.validFrom,
    validTo: agreement.validTo,
    measured: (measured[0]?.n ?? 0) > 0,
    categories: agreement.categories.map((c) => c.category),
    suppliers: agreement.suppliers
      .map((s) => s.supplier)
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
      .map(({ cvr, name }) => ({ cvr, name })),
  };
}

export type AgreementDrillDown = {
  total: Share;
  institutions: (Share & { institutionId: number; name: string; leakage: LeakageRow[] })[];
  leakage: LeakageRow[];
  leakageSuppliers: number;
  trend: { quarter: string; compliance: Share }[];
};

export async function agreementDrillDown(
  user: CurrentUser,
  ministryId: number,
  agreementId: number,
  quarter: string,
  quarters: string[],
): Promise<AgreementDrillDown> {
  const within = complianceScopeOf(user);
  const [institutions, institutionLeakage, leakage, trend] = await Promise.all([
    prisma.$queryRaw<(ShareRow & { institutionId: number; name: string })[]>`
      SELECT r."institutionId", i."name", r."numeratorOre" AS num, r."denominatorOre" AS den
        FROM "ComplianceRollup" r JOIN "Institution" i ON i."id" = r."institutionId"
       WHERE r."quarter" = ${quarter} AND r."ministryId" = ${ministryId} AND r."agreementId" = ${agreementId}
         AND ${scope(within, `r."ministryId"`)}`,
    // The two largest suppliers outside the agreement per institution, from the spend rollup.
    prisma.$queryRaw<(LeakageRow & { institutionId: number })[]>`
      SELECT "institutionId", "supplierCvr", "supplierName", "amountOre" FROM (
        SELECT r."institutionId", r."supplierCvr", min(r."supplierName") AS "supplierName", sum(r."amountOre")::bigint AS "amountOre",
               row_number() OVER (PARTITION BY r."institutionId" ORDER BY sum(r."amountOre") DESC, min(r."supplierName")) AS rank
          FROM "SpendRollup" r
         WHERE r."quarter" = ${quarter} AND r."ministryId" = ${ministryId} AND r."obligated" AND ${scope(within, `r."ministryId"`)}
           AND r."categoryCode" IN (SELECT c."categoryCode" FROM "compliance_agreement_categories"(${quarter}) c WHERE c."agreementId" = ${agreementId})
           AND (r."supplierCvr" IS NULL OR r."supplierCvr" NOT IN
                (SELECT s."supplierCvr" FROM "compliance_agreement_suppliers"(${quarter}) s WHERE s."agreementId" = ${agreementId}))
         GROUP BY r."institutionId", r."supplierCvr", CASE WHEN r."supplierCvr" IS NULL THEN r."supplierName" END) t
       WHERE rank <= 2 ORDER BY "institutionId", rank`,
    prisma.$queryRaw<(LeakageRow & { suppliers: number })[]>`
      SELECT k."supplierCvr", k."supplierName", k."amountOre", count(*) OVER ()::int AS suppliers
        FROM "ComplianceLeakage" k
       WHERE k."quarter" = ${quarter} AND k."ministryId" = ${ministryId} AND k."agreementId" = ${agreementId}
         AND ${scope(within, `k."ministryId"`)}
       ORDER BY k."amountOre" DESC, k."supplierName"
       LIMIT 25`,
    prisma.$queryRaw<(ShareRow & { quarter: string })[]>`
      SELECT "quarter", sum("numeratorOre")::bigint AS num, sum("denominatorOre")::bigint AS den
        FROM "ComplianceRollup"
       WHERE "ministryId" = ${ministryId} AND "agreementId" = ${agreementId} AND "quarter" = ANY(${quarters}::text[])
         AND ${scope(within, `"ministryId"`)}
       GROUP BY "quarter"`,
  ]);
  const leakageOf = new Map<number, LeakageRow[]>();
  for (const row of institutionLeakage) {
    const list = leakageOf.get(row.institutionId) ?? [];
    list.push({ supplierCvr: row.supplierCvr, supplierName: row.supplierName, amountOre: row.amountOre });
    leakageOf.set(row.institutionId, list);
  }
  const collator = new Intl.Collator("da");
  const rows = institutions
    .map((r) => ({ institutionId: r.institutionId, name: r.name, ...share(r), leakage: leakageOf.get(r.institutionId) ?? [] }))
    .sort((a, b) => collator.compare(a.name, b.name));
  const byQuarter = new Map(trend.map((t) => [t.quarter, t]));
  return {
    total: sumShares(rows),
    institutions: rows,
    leakage: leakage.map((row) => ({ supplierCvr: row.supplierCvr, supplierName: row.supplierName, amountOre: row.amountOre })),
    leakageSuppliers: leakage[0]?.suppliers ?? 0,
    trend: quarters.map((q) => ({ quarter: q, compliance: share(byQuarter.get(q)) })),
  };
}

export type InstitutionDrillDown = {
  institution: { id: number; name: string; cvr: string };
  figure: Share;
  /** Spend in the agreement's categories by supplier, on the agreement or outside it. */
  suppliers: (LeakageRow & { onAgreement: boolean })[];
};

/** One institution's figure on one agreement for the ministry; null when it has none there. */
export async function institutionDrillDown(
  user: CurrentUser,
  ministryId: number,
  agreementId: number,
  institutionId: number,
  quarter: string,
): Promise<InstitutionDrillDown | null> {
  const within = complianceScopeOf(user);
  const institution = await prisma.institution.findUnique({ where: { id: institutionId }, select: { id: true, name: true, cvr: true } });
  if (!institution) return null;
  const suppliers = await prisma.$queryRaw<(LeakageRow & { onAgreement: boolean })[]>`
    SELECT r."supplierCvr", min(r."supplierName") AS "supplierName", sum(r."amountOre")::bigint AS "amountOre",
           (r."supplierCvr" IS NOT NULL AND r."supplierCvr" IN
              (SELECT s."supplierCvr" FROM "compliance_agreement_suppliers"(${quarter}) s WHERE s."agreementId" = ${agreementId})) AS "onAgreement"
      FROM "SpendRollup" r
     WHERE r."quarter" = ${quarter} AND r."ministryId" = ${ministryId} AND r."institutionId" = ${institutionId} AND r."obligated"
       AND ${scope(within, `r."ministryId"`)}
       AND r."categoryCode" IN (SELECT c."categoryCode" FROM "compliance_agreement_categories"(${quarter}) c WHERE c."agreementId" = ${agreementId})
     GROUP BY r."supplierCvr", CASE WHEN r."supplierCvr" IS NULL THEN r."supplierName" END
     ORDER BY 4 DESC, 3 DESC, 2`;
  if (suppliers.length === 0) return null;
  const numeratorOre = suppliers.filter((s) => s.onAgreement).reduce((sum, s) => sum + s.amountOre, 0n);
  const denominatorOre = suppliers.reduce((sum, s) => sum + s.amountOre, 0n);
  return { institution, figure: { numeratorOre, denominatorOre }, suppliers };
}

// ---------------------------------------------------------------------------------------------
// The agency's overview
// ---------------------------------------------------------------------------------------------

export type MinistryRanking = {
  ministryId: number;
  name: string;
  compliance: Share;
  ecommerce: Share;
  topLeakage: LeakageRow | null;
  deviations: number;
  reservations: number;
};

export async function agencyOverview(
  user: CurrentUser,
  quarter: string,
  quarters: string[],
): Promise<{ ministries: MinistryRanking[]; total: Share; ecommerce: Share; trend: TrendPoint[]; totalLeakage: LeakageRow[] }> {
  const within = complianceScopeOf(user);
  const ministries = await visibleMinistries(user);
  const { from, until } = quarterInstants(quarter);
  const [compliance, ecommerce, leakage, deviations, reservations, trend, totalLeakage] = await Promise.all([
    prisma.$queryRaw<(ShareRow & { ministryId: number })[]>`
      SELECT "ministryId", sum("numeratorOre")::bigint AS num, sum("denominatorOre")::bigint AS den
        FROM "ComplianceRollup" WHERE "quarter" = ${quarter} AND ${scope(within, `"ministryId"`)} GROUP BY "ministryId"`,
    prisma.$queryRaw<(ShareRow & { ministryId: number })[]>`
      SELECT "ministryId", sum("ecommerceOre")::bigint AS num, sum("totalOre")::bigint AS den
        FROM "EcommerceRollup" WHERE "quarter" = ${quarter} AND ${scope(within, `"ministryId"`)} GROUP BY "ministryId"`,
    prisma.$queryRaw<(LeakageRow & { ministryId: number })[]>`
      SELECT DISTINCT ON ("ministryId") "ministryId", "supplierCvr", "supplierName", "amountOre" FROM (
        SELECT k."ministryId", k."supplierCvr", min(k."supplierName") AS "supplierName", sum(k."amountOre")::bigint AS "amountOre"
          FROM "ComplianceLeakage" k WHERE k."quarter" = ${quarter} AND ${scope(within, `k."ministryId"`)}
         GROUP BY k."ministryId", k."supplierCvr", CASE WHEN k."supplierCvr" IS NULL THEN k."supplierName" END) t
       ORDER BY "ministryId", "amountOre" DESC, "supplierName"`,
    prisma.$queryRaw<{ ministryId: number; n: number }[]>`
      SELECT COALESCE((SELECT m."ministryId" FROM "InstitutionMembership" m
                        WHERE m."institutionId" = d."institutionId" AND m."validFrom" <= d."createdAt"::date
                          AND (m."validTo" IS NULL OR m."validTo" >= d."createdAt"::date)
                        ORDER BY m."validFrom" DESC, m."id" DESC LIMIT 1), i."ministryId") AS "ministryId", count(*)::int AS n
        FROM "CascadeDecision" d JOIN "Institution" i ON i."id" = d."institutionId"
       WHERE d."deviates" AND d."createdAt" >= ${from} AND d."createdAt" < ${until}
       GROUP BY 1`,
    prisma.reservation.groupBy({ by: ["ministryId"], where: { quarter, withdrawnAt: null, ministry: ministryWhere(user) }, _count: { _all: true } }),
    trendFor(within, null, quarters),
    leakageBySupplier(within, quarter, null, 5),
  ]);
  const c = new Map(compliance.map((r) => [r.ministryId, r]));
  const e = new Map(ecommerce.map((r) => [r.ministryId, r]));
  const l = new Map(leakage.map((r) => [r.ministryId, r]));
  const d = new Map(deviations.map((r) => [r.ministryId, r.n]));
  const res = new Map(reservations.map((r) => [r.ministryId, r._count._all]));
  const rows = ministries
    .filter((m) => c.has(m.id) || e.has(m.id))
    .map((m) => {
      const top = l.get(m.id);
      return {
        ministryId: m.id,
        name: m.name,
        compliance: share(c.get(m.id)),
        ecommerce: share(e.get(m.id)),
        topLeakage: top ? { supplierCvr: top.supplierCvr, supplierName: top.supplierName, amountOre: top.amountOre } : null,
        deviations: d.get(m.id) ?? 0,
        reservations: res.get(m.id) ?? 0,
      };
    });
  const point = trend.find((t) => t.quarter === quarter);
  return {
    ministries: rows,
    total: point?.compliance ?? share(undefined),
    ecommerce: point?.ecommerce ?? share(undefined),
    trend,
    totalLeakage,
  };
}
