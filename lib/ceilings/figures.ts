/**
 * Reading the agreements' use figures (tables kept by refresh.ts) for the pages, the export, the
 * catalogue's notices and the benchmark. No "server-only": the benchmark calls these with a plain
 * connection; the pages check ceilings.view (lib/auth/permissions.ts) before calling.
 */
import { sqlRunner } from "@/lib/compliance/rollup";
import { forecastCeiling, paceQuarters, type Forecast } from "@/lib/ceilings/forecast";
import { matchesStateFilter, type OverviewParams } from "@/lib/ceilings/params";
import type { CeilingDb } from "@/lib/ceilings/refresh";
import { ceilingState, DEFAULT_THRESHOLDS, type CeilingState, type CeilingThresholds } from "@/lib/ceilings/state";
import { quartersOfUse } from "@/lib/ceilings/use";
import type { AgreementKind } from "@/lib/generated/prisma/enums";

export async function readThresholds(db: CeilingDb): Promise<CeilingThresholds> {
  const { rows } = await sqlRunner(db).query<{ first: number; second: number }>(
    `SELECT "ceilingFirstWarningPercent" AS first, "ceilingSecondWarningPercent" AS second FROM "AgencySetting" WHERE "id" = 1`,
  );
  const row = rows[0];
  return row ? { firstPercent: Number(row.first), secondPercent: Number(row.second) } : DEFAULT_THRESHOLDS;
}

export type OverviewRow = {
  id: number;
  reference: string;
  name: string;
  kind: AgreementKind;
  validFrom: string;
  validTo: string;
  retired: boolean;
  estimatedValueOre: bigint | null;
  maximumOre: bigint | null;
  useOre: bigint;
  reportedOre: bigint;
  estimatedOre: bigint;
  /** Use per maximum in hundredths of a percent (exact enough to sort); null without a maximum. */
  basisPoints: number | null;
  state: CeilingState;
  forecast: Forecast;
};

type RawRow = {
  id: number;
  reference: string;
  name: string;
  kind: AgreementKind;
  validFrom: string;
  validTo: string;
  retired: boolean;
  estimatedValueOre: string | null;
  maximumOre: string | null;
  useOre: string;
  reportedOre: string;
  estimatedOre: string;
  paceOre: string;
};

/**
 * Every agreement with its use, percent, state and forecast, as of `today` (ISO). One query: the use
 * in the pace window (the same four quarters for every agreement, each holding use only from its own
 * first quarter on) is summed in it.
 */
export async function overviewRows(db: CeilingDb, today: string, thresholds: CeilingThresholds): Promise<OverviewRow[]> {
  const window = paceQuarters("2000-01-01", today).map((q) => q.code);
  const { rows } = await sqlRunner(db).query<RawRow>(
    `SELECT a."id", a."reference", a."name", a."kind"::text AS "kind", a."validFrom"::text AS "validFrom", a."validTo"::text AS "validTo",
            a."retiredAt" IS NOT NULL AS "retired", a."estimatedValueOre"::text AS "estimatedValueOre", a."maximumValueOre"::text AS "maximumOre",
            COALESCE(u."useOre", 0)::text AS "useOre", COALESCE(u."reportedOre", 0)::text AS "reportedOre", COALESCE(u."estimatedOre", 0)::text AS "estimatedOre",
            COALESCE(w."paceOre", 0)::text AS "paceOre"
       FROM "Agreement" a
       LEFT JOIN "AgreementUse" u ON u."agreementId" = a."id"
       LEFT JOIN (SELECT q."agreementId", sum(q."useOre") AS "paceOre" FROM "AgreementUseQuarter" q
                   WHERE q."quarter" = ANY($1::text[]) GROUP BY q."agreementId") w ON w."agreementId" = a."id"`,
    [`{${window.join(",")}}`],
  );
  return rows.map((row) => {
    const maximumOre = row.maximumOre === null ? null : BigInt(row.maximumOre);
    const useOre = BigInt(row.useOre);
    return {
      id: Number(row.id),
      reference: row.reference,
      name: row.name,
      kind: row.kind,
      validFrom: row.validFrom,
      validTo: row.validTo,
      retired: row.retired,
      estimatedValueOre: row.estimatedValueOre === null ? null : BigInt(row.estimatedValueOre),
      maximumOre,
      useOre,
      reportedOre: BigInt(row.reportedOre),
      estimatedOre: BigInt(row.estimatedOre),
      basisPoints: maximumOre === null ? null : Number((useOre * 10_000n) / maximumOre),
      state: ceilingState(useOre, maximumOre, thresholds),
      forecast: forecastCeiling({ useOre, maximumOre, validFrom: row.validFrom, validTo: row.validTo, today, paceUseOre: BigInt(row.paceOre) }),
    };
  });
}

function forecastKey(row: OverviewRow): string {
  // Reached first, then dates, then no date: ascending puts the most urgent first.
  switch (row.forecast.kind) {
    case "REACHED":
      return "0";
    case "DATE":
      return `1${row.forecast.date}`;
    default:
      return "9";
  }
}

/** The overview's filter and sort, applied to its rows. Pure. */
export function filterAndSortOverview(rows: readonly OverviewRow[], params: OverviewParams): OverviewRow[] {
  const text = params.q.toLocaleLowerCase("da");
  const kept = rows.filter(
    (row) =>
      (params.retired === "1" || !row.retired) &&
      matchesStateFilter(row.state, params.state) &&
      (!text || row.reference.toLocaleLowerCase("da").includes(text) || row.name.toLocaleLowerCase("da").includes(text)) &&
      (params.early !== "1" || (row.forecast.kind === "DATE" && row.forecast.beforeExpiry) || row.forecast.kind === "REACHED"),
  );
  const compare = (a: OverviewRow, b: OverviewRow): number => {
    switch (params.sort) {
      case "percent":
        return (a.basisPoints ?? -1) - (b.basisPoints ?? -1);
      case "use":
        return a.useOre === b.useOre ? 0 : a.useOre < b.useOre ? -1 : 1;
      case "maximum":
        return a.maximumOre === b.maximumOre ? 0 : (a.maximumOre ?? -1n) < (b.maximumOre ?? -1n) ? -1 : 1;
      case "forecast":
        return forecastKey(a).localeCompare(forecastKey(b));
      case "reference":
        return a.reference.localeCompare(b.reference, "da", { numeric: true });
      case "name":
        return a.name.localeCompare(b.name, "da");
      case "validTo":
        return a.validTo.localeCompare(b.validTo);
    }
  };
  const sign = params.dir === "asc" ? 1 : -1;
  return kept.sort((a, b) => sign * compare(a, b) || a.id - b.id);
}

export type UseCellRow = { supplierId: number; supplierName: string; supplierCvr: string; quarter: string; reportedOre: bigint | null; estimatedOre: bigint; noSales: boolean };

/** One agreement's use per quarter and supplier (the figures behind its total), oldest first. */
export async function agreementUseQuarters(db: CeilingDb, agreementId: number) {
  const { rows } = await sqlRunner(db).query<{ supplierId: number; supplierName: string; supplierCvr: string; quarter: string; reportedOre: string | null; estimatedOre: string; noSales: boolean }>(
    `SELECT u."supplierId", s."name" AS "supplierName", s."cvr" AS "supplierCvr", u."quarter", u."reportedOre"::text AS "reportedOre",
            u."estimatedOre"::text AS "estimatedOre", u."noSales"
       FROM "AgreementUseQuarter" u JOIN "Supplier" s ON s."id" = u."supplierId"
      WHERE u."agreementId" = $1 ORDER BY u."quarter", s."sortKey"`,
    [agreementId],
  );
  const cells: UseCellRow[] = rows.map((row) => ({
    supplierId: Number(row.supplierId),
    supplierName: row.supplierName,
    supplierCvr: row.supplierCvr,
    quarter: row.quarter,
    reportedOre: row.reportedOre === null ? null : BigInt(row.reportedOre),
    estimatedOre: BigInt(row.estimatedOre),
    noSales: row.noSales,
  }));
  return quartersOfUse(cells);
}

export type CeilingSummary = { maximumOre: bigint | null; estimatedValueOre: bigint | null; useOre: bigint; reportedOre: bigint; estimatedOre: bigint };

/** The ceiling figures of some agreements (the catalogue's results, the agreement page). One query. */
export async function ceilingSummaries(db: CeilingDb, agreementIds: readonly number[]): Promise<Map<number, CeilingSummary>> {
  if (agreementIds.length === 0) return new Map();
  const { rows } = await sqlRunner(db).query<{ id: number; maximumOre: string | null; estimatedValueOre: string | null; useOre: string; reportedOre: string; estimatedOre: string }>(
    `SELECT a."id", a."maximumValueOre"::text AS "maximumOre", a."estimatedValueOre"::text AS "estimatedValueOre",
            COALESCE(u."useOre", 0)::text AS "useOre", COALESCE(u."reportedOre", 0)::text AS "reportedOre", COALESCE(u."estimatedOre", 0)::text AS "estimatedOre"
       FROM "Agreement" a LEFT JOIN "AgreementUse" u ON u."agreementId" = a."id" WHERE a."id" = ANY($1::int[])`,
    [`{${agreementIds.map((id) => Math.trunc(id)).join(",")}}`],
  );
  return new Map(
    rows.map((row) => [
      Number(row.id),
      {
        maximumOre: row.maximumOre === null ? null : BigInt(row.maximumOre),
        estimatedValueOre: row.estimatedValueOre === null ? null : BigInt(row.estimatedValueOre),
        useOre: BigInt(row.useOre),
        reportedOre: BigInt(row.reportedOre),
        estimatedOre: BigInt(row.estimatedOre),
      },
    ]),
  );
}
