import "server-only";
import { notFound } from "next/navigation";
import type { CurrentUser } from "@/lib/auth/types";
import { agreementWhere } from "@/lib/auth/scope";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { quarterFromCode, recentQuarters, type Quarter } from "@/lib/purchase-data/quarter";
import { defaultSupplierDeadline, lastReportingDay, type SupplierQuarterWindow } from "./deadline-rules";

/**
 * The sales-report pages' reads, scoped in the query: a SUPPLIER reads its own company's agreements
 * and reports (another company's answer 404), ADMIN every supplier's (read only).
 */

/** The reports a user may read. */
export function salesReportWhere(user: CurrentUser, where: Prisma.SalesReportWhereInput = {}): Prisma.SalesReportWhereInput {
  if (user.role === "ADMIN") return where;
  if (user.role === "SUPPLIER" && user.supplierId !== null) return { AND: [where, { supplierId: user.supplierId }] };
  return { AND: [where, { id: -1 }] };
}

export type QuarterStatus = "open" | "submitted" | "noSales" | "late";

export type AgreementQuarter = {
  quarter: string;
  status: QuarterStatus;
  lastDay: string;
  report: { id: number; lineCount: number; totalOre: bigint; createdAt: Date } | null;
};

export type SupplierAgreementRow = { id: number; reference: string; name: string; quarters: AgreementQuarter[] };

const iso = (date: Date) => date.toISOString().slice(0, 10);

/** The windows of the quarters for one supplier, from the deadlines and its reopenings. */
async function windows(supplierId: number, quarters: readonly Quarter[]): Promise<Map<string, SupplierQuarterWindow>> {
  const codes = quarters.map((q) => q.code);
  const [deadlines, reopenings] = await Promise.all([
    prisma.supplierDeadline.findMany({ where: { quarter: { in: codes } } }),
    prisma.salesReportReopening.findMany({ where: { supplierId, quarter: { in: codes } } }),
  ]);
  return new Map(
    quarters.map((q) => [
      q.code,
      {
        deadline: iso(deadlines.find((d) => d.quarter === q.code)?.deadline ?? new Date(`${defaultSupplierDeadline(q)}T00:00:00Z`)),
        reopenedUntil: (() => {
          const r = reopenings.find((x) => x.quarter === q.code);
          return r ? iso(r.until) : null;
        })(),
      },
    ]),
  );
}

/** A supplier's agreements with the status of the current and the three previous quarters. */
export async function supplierAgreements(user: CurrentUser, today: string): Promise<SupplierAgreementRow[]> {
  if (user.role !== "SUPPLIER" || user.supplierId === null) return [];
  const supplierId = user.supplierId;
  const quarters = recentQuarters(today, 4);
  const oldest = quarters[quarters.length - 1]!;
  const agreements = await prisma.agreement.findMany({
    where: agreementWhere(user, { validTo: { gte: new Date(`${oldest.start}T00:00:00Z`) }, validFrom: { lte: new Date(`${today}T00:00:00Z`) } }),
    orderBy: { sortKey: "asc" },
    select: { id: true, reference: true, name: true, validFrom: true, validTo: true },
  });
  const [byQuarter, reports] = await Promise.all([
    windows(supplierId, quarters),
    prisma.salesReport.findMany({
      where: { supplierId, supersededAt: null, quarter: { in: quarters.map((q) => q.code) }, agreementId: { in: agreements.map((a) => a.id) } },
      select: { id: true, agreementId: true, quarter: true, noSales: true, lineCount: true, totalOre: true, createdAt: true },
    }),
  ]);
  return agreements.map((a) => ({
    id: a.id,
    reference: a.reference,
    name: a.name,
    quarters: quarters
      .filter((q) => q.end >= iso(a.validFrom) && q.start <= iso(a.validTo))
      .map((q) => {
        const report = reports.find((r) => r.agreementId === a.id && r.quarter === q.code) ?? null;
        const lastDay = lastReportingDay(byQuarter.get(q.code)!);
        const status: QuarterStatus = report ? (report.noSales ? "noSales" : "submitted") : today > lastDay ? "late" : "open";
        return { quarter: q.code, status, lastDay, report: report && { id: report.id, lineCount: report.lineCount, totalOre: report.totalOre, createdAt: report.createdAt } };
      }),
  }));
}

export const STATUS_LABELS: Record<QuarterStatus, string> = {
  open: "Skal indberettes",
  submitted: "Indberettet",
  noSales: "Ingen omsætning",
  late: "For sent – mangler",
};

/** The agreement and quarter of the report page, or 404 outside the user's scope. */
export async function reportPageContext(user: CurrentUser, agreementId: number, quarterCode: string) {
  const quarter = quarterFromCode(quarterCode);
  if (!quarter) notFound();
  const agreement = await prisma.agreement.findFirst({
    where: agreementWhere(user, { id: agreementId }),
    select: {
      id: true,
      reference: true,
      name: true,
      validFrom: true,
      validTo: true,
      categories: { select: { category: { select: { code: true, name: true } } }, orderBy: { categoryCode: "asc" } },
    },
  });
  if (!agreement || iso(agreement.validTo) < quarter.start || iso(agreement.validFrom) > quarter.end) notFound();
  return { agreement, quarter };
}

/** The versions of the agreement's reports for the quarter, newest first (own company's, or all for ADMIN). */
export async function reportHistory(user: CurrentUser, agreementId: number, quarter: string) {
  return prisma.salesReport.findMany({
    where: salesReportWhere(user, { agreementId, quarter }),
    orderBy: { id: "desc" },
    take: 200,
    select: {
      id: true,
      channel: true,
      noSales: true,
      lineCount: true,
      totalOre: true,
      fileName: true,
      supersededAt: true,
      createdAt: true,
      supplier: { select: { name: true } },
      submittedBy: { select: { name: true } },
      apiKey: { select: { name: true, keyPrefix: true } },
    },
  });
}

/** The agreement's customers (its parties), for the template's pick list. */
export async function agreementCustomers(agreementId: number) {
  const parties = await prisma.agreementParty.findMany({
    where: { agreementId },
    select: { institution: { select: { cvr: true, name: true, sortKey: true } } },
    orderBy: { institution: { sortKey: "asc" } },
  });
  return parties.map((p) => ({ cvr: p.institution.cvr, name: p.institution.name }));
}

export const LINES_PAGE_SIZE = 200;

/** One report with a page of its lines, or 404 outside the user's scope or off the URL's agreement and quarter. */
export async function reportWithLines(user: CurrentUser, ids: { agreementId: number; quarter: string; reportId: number }, page: number) {
  const report = await prisma.salesReport.findFirst({
    where: salesReportWhere(user, { id: ids.reportId, agreementId: ids.agreementId, quarter: ids.quarter }),
    include: {
      agreement: { select: { reference: true, name: true } },
      supplier: { select: { name: true, cvr: true } },
      submittedBy: { select: { name: true } },
      apiKey: { select: { name: true, keyPrefix: true } },
    },
  });
  if (!report) notFound();
  const lines = await prisma.salesReportLine.findMany({
    where: { reportId: report.id },
    orderBy: { id: "asc" },
    skip: (page - 1) * LINES_PAGE_SIZE,
    take: LINES_PAGE_SIZE,
    include: { institution: { select: { name: true } } },
  });
  return { report, lines };
}

/** ADMIN's overview: the latest reports of every supplier (read only). */
export async function latestReports(user: CurrentUser) {
  return prisma.salesReport.findMany({
    where: salesReportWhere(user, { supersededAt: null }),
    orderBy: { createdAt: "desc" },
    take: 200,
    include: { agreement: { select: { reference: true, name: true } }, supplier: { select: { name: true } } },
  });
}
