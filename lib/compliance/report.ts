import "server-only";
import { PassThrough } from "node:stream";
import { UserError } from "@/lib/action-result";
import { audit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/types";
import { prisma } from "@/lib/db/client";
import type { ComplianceReport } from "@/lib/generated/prisma/client";
import { formatMoneyOre, formatPercentOf } from "@/lib/format";
import { deliverAfterResponse, queueMessages, type OutgoingMessage } from "@/lib/mail/outbox";
import { MISSING, type Scoped } from "@/lib/scoped";
import { writeXlsx } from "@/lib/xlsx/writer";
import { quarterName } from "./figures";
import { complianceData, ministryDashboard, type MinistryRef } from "./queries";
import { buildReportRows, type ReportData } from "./report-rows";
import { complianceMinistrySql } from "./scope";
import { reportSheet } from "./sheets";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The quarterly compliance report of a ministry: the data (for the printable page and the sheet),
 * the xlsx file, and the agency's action that produces every ministry's report for a quarter and
 * sends each to its ministry (a message in the portal to its analysts and group buyer, by e-mail when
 * SMTP is configured; lib/mail/outbox.ts).
 */

/** Deviations listed in a report (all are counted). */
const REPORT_DEVIATIONS = 200;
const REPORT_LEAKAGE = 10;

export async function reportData(user: CurrentUser, ministry: MinistryRef, quarter: string): Promise<ReportData> {
  const scope = complianceMinistrySql(user, Prisma.raw(`r."ministryId"`));
  const [dashboard, institutions, leakage] = await Promise.all([
    ministryDashboard(user, ministry, quarter, [quarter], { deviations: REPORT_DEVIATIONS }),
    prisma.$queryRaw<{ agreementId: number; institutionId: number; name: string; num: bigint; den: bigint }[]>`
      SELECT r."agreementId", r."institutionId", i."name", r."numeratorOre" AS num, r."denominatorOre" AS den
        FROM "ComplianceRollup" r JOIN "Institution" i ON i."id" = r."institutionId"
       WHERE r."quarter" = ${quarter} AND r."ministryId" = ${ministry.id} AND ${scope}
       ORDER BY i."sortKey", i."id"`,
    prisma.$queryRaw<{ agreementId: number; supplierCvr: string | null; supplierName: string; amountOre: bigint }[]>`
      SELECT "agreementId", "supplierCvr", "supplierName", "amountOre" FROM (
        SELECT r."agreementId", r."supplierCvr", r."supplierName", r."amountOre",
               row_number() OVER (PARTITION BY r."agreementId" ORDER BY r."amountOre" DESC, r."supplierName") AS rank
          FROM "ComplianceLeakage" r WHERE r."quarter" = ${quarter} AND r."ministryId" = ${ministry.id} AND ${scope}) t
       WHERE rank <= ${REPORT_LEAKAGE} ORDER BY "agreementId", rank`,
  ]);
  return {
    ministry,
    quarter,
    total: dashboard.total,
    totalLeakage: dashboard.totalLeakage,
    ecommerce: dashboard.ecommerce,
    agreements: dashboard.agreements.map((a) => ({
      ...a,
      leakage: leakage.filter((l) => l.agreementId === a.agreementId),
      institutions: institutions
        .filter((i) => i.agreementId === a.agreementId)
        .map((i) => ({ institutionId: i.institutionId, name: i.name, numeratorOre: i.num, denominatorOre: i.den })),
    })),
    institutions: dashboard.institutions,
    reservations: dashboard.reservations,
    deviations: dashboard.deviations,
  };
}

export function reportFileName(ministryName: string, quarter: string): string {
  const slug = ministryName
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `compliancerapport-${slug}-${quarter}.xlsx`;
}

/** The report as an xlsx file in memory (a report is a few hundred rows). */
export async function reportXlsx(data: ReportData, extractedAt = new Date()): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", reject);
  });
  await writeXlsx(sink, reportSheet(data.ministry.name, data.quarter), buildReportRows(data), { extractedAt });
  await ended;
  return Buffer.concat(chunks);
}

export type ProducedReport = { ministryId: number; ministryName: string; reportId: number; recipients: number };

/**
 * Produces the quarter's report of every ministry with figures, stores each, and queues a message to
 * each ministry's active analysts and group buyers, all in one transaction; e-mail follows after the
 * response when SMTP is configured. The permission (compliance.manage) is checked by the caller.
 */
export async function produceAndSendReports(actor: CurrentUser, quarter: string): Promise<{ message: string; reports: ProducedReport[] }> {
  if (actor.role !== "ADMIN") throw new UserError("Kun Statens Indkøb kan udsende compliancerapporter.");
  const data = await complianceData();
  if (!data.quarters.includes(quarter)) throw new UserError(`Der er ingen indkøbsdata for ${quarterName(quarter)}.`, "quarter");
  if (data.busy.includes(quarter)) throw new UserError(`Tallene for ${quarterName(quarter)} bliver genberegnet lige nu. Prøv igen om lidt.`, "quarter");

  const ministries = await prisma.$queryRaw<MinistryRef[]>`
    SELECT m."id", m."name" FROM "Ministry" m
     WHERE EXISTS (SELECT 1 FROM "ComplianceRollup" r WHERE r."quarter" = ${quarter} AND r."ministryId" = m."id")
        OR EXISTS (SELECT 1 FROM "EcommerceRollup" e WHERE e."quarter" = ${quarter} AND e."ministryId" = m."id")
     ORDER BY m."name"`;
  if (ministries.length === 0) throw new UserError(`Ingen ministerier har tal for ${quarterName(quarter)}.`, "quarter");

  const extractedAt = new Date();
  const built: { ministry: MinistryRef; data: ReportData; file: Buffer }[] = [];
  for (const ministry of ministries) {
    const report = await reportData(actor, ministry, quarter);
    built.push({ ministry, data: report, file: await reportXlsx(report, extractedAt) });
  }
  const recipients = await prisma.user.findMany({
    where: { active: true, role: { in: ["MINISTRY_ANALYST", "GROUP_BUYER"] }, ministryId: { in: ministries.map((m) => m.id) } },
    select: { id: true, email: true, ministryId: true },
    orderBy: { id: "asc" },
  });

  const reports = await prisma.$transaction(
    async (tx) => {
      const out: ProducedReport[] = [];
      for (const { ministry, data: report, file } of built) {
        const to = recipients.filter((r) => r.ministryId === ministry.id);
        const stored = await tx.complianceReport.create({
          data: {
            ministryId: ministry.id,
            quarter,
            fileName: reportFileName(ministry.name, quarter),
            content: new Uint8Array(file),
            numeratorOre: report.total.numeratorOre,
            denominatorOre: report.total.denominatorOre,
            ecommerceOre: report.ecommerce.numeratorOre,
            totalOre: report.ecommerce.denominatorOre,
            recipients: to.length,
            createdById: actor.id,
          },
          select: { id: true },
        });
        const body = [
          `Statens Indkøb har udarbejdet compliancerapporten for ${ministry.name} for ${quarterName(quarter)}.`,
          "",
          `Compliance på de forpligtende aftaler: ${formatPercentOf(report.total.numeratorOre, report.total.denominatorOre)} ` +
            `(${formatMoneyOre(report.total.numeratorOre)} af ${formatMoneyOre(report.total.denominatorOre)} ekskl. moms).`,
          `E-handelsandel: ${formatPercentOf(report.ecommerce.numeratorOre, report.ecommerce.denominatorOre)} ` +
            `(${formatMoneyOre(report.ecommerce.numeratorOre)} af ${formatMoneyOre(report.ecommerce.denominatorOre)}).`,
          "",
          "Rapporten (xlsx) kan hentes i portalen, hvor tallene også kan følges ned til de enkelte indkøbslinjer.",
        ].join("\n");
        const messages: OutgoingMessage[] = to.map((r) => ({
          recipientUserId: r.id,
          toEmail: r.email,
          subject: `Compliancerapport for ${quarterName(quarter)}: ${ministry.name}`,
          body,
          link: `/compliance/rapporter/${stored.id}`,
          why: `Du er koncernindkøber eller analytiker for ${ministry.name}, som rapporten handler om.`,
        }));
        await queueMessages(tx, messages);
        await audit(tx, {
          actorId: actor.id,
          action: "compliance.report.send",
          entity: "ComplianceReport",
          entityId: stored.id,
          after: {
            ministryId: ministry.id,
            quarter,
            recipients: to.length,
            numeratorOre: report.total.numeratorOre.toString(),
            denominatorOre: report.total.denominatorOre.toString(),
          },
        });
        out.push({ ministryId: ministry.id, ministryName: ministry.name, reportId: stored.id, recipients: to.length });
      }
      return out;
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  deliverAfterResponse();
  const people = reports.reduce((n, r) => n + r.recipients, 0);
  const without = reports.filter((r) => r.recipients === 0).map((r) => r.ministryName);
  return {
    reports,
    message:
      `Compliancerapporten for ${quarterName(quarter)} er udarbejdet for ${reports.length} ministerier og sendt til ${people} modtagere.` +
      (without.length ? ` Uden modtagere i portalen: ${without.join(", ")}.` : ""),
  };
}

/** A stored report the user may download (own ministry; all for the agency); another ministry's is missing. */
export async function storedReport(user: CurrentUser, id: number): Promise<Scoped<ComplianceReport>> {
  const report = await prisma.complianceReport.findUnique({ where: { id } });
  const allowed =
    report !== null &&
    (user.role === "ADMIN" || ((user.role === "MINISTRY_ANALYST" || user.role === "GROUP_BUYER") && user.ministryId === report.ministryId));
  return allowed ? { status: "found", value: report } : MISSING;
}

/** The reports produced, newest first: the user's ministry's, or all for the agency. */
export async function listReports(user: CurrentUser, take = 50) {
  const where =
    user.role === "ADMIN" ? {} : user.ministryId !== null && user.role !== "BUYER" ? { ministryId: user.ministryId } : { id: -1 };
  const rows = await prisma.complianceReport.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, ministryId: true, quarter: true, fileName: true, numeratorOre: true, denominatorOre: true, ecommerceOre: true, totalOre: true, recipients: true, createdAt: true },
  });
  const ministries = await prisma.ministry.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.ministryId))] } }, select: { id: true, name: true } });
  const names = new Map(ministries.map((m) => [m.id, m.name]));
  return rows.map((r) => ({ ...r, ministryName: names.get(r.ministryId) ?? `Ministerium ${r.ministryId}` }));
}
