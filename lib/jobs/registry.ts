import "server-only";
import { refreshStaleCompliance } from "@/lib/compliance/rollup";
import { prisma } from "@/lib/db/client";
import { deliverPending } from "@/lib/mail/outbox";
import { notifyLateSalesReports } from "@/lib/reconciliation/late";
import { sendDeadlineReminders } from "@/lib/reminders/deadline-reminders";
import { sendExpiryAlerts } from "@/lib/reminders/expiry-alerts";
import { sendSupplierReminders } from "@/lib/reminders/supplier-reminders";

/**
 * Every job the portal runs by itself: one list. A job is a name (the queue's task identifier; only
 * letters, digits and dashes), a Danish title for the jobs page, a schedule in crontab form (UTC)
 * and a handler `(now) => summary`. Handlers must be idempotent: a retry, a second process or
 * ADMIN's "Kør nu" may run them again (notices go through lib/reminders/notices.ts, which sends
 * each at most once). To add a job, add a line here; nothing else needs to change.
 */
export type JobDefinition = {
  name: string;
  title: string;
  /** Minute hour day-of-month month day-of-week, in UTC. */
  schedule: string;
  /** Attempts when the handler throws, with the queue's exponential backoff between them. */
  maxAttempts: number;
  run: (now: Date) => Promise<string>;
};

async function deliverOutbox(now: Date): Promise<string> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const report = await deliverPending({ limit: 200, now });
    if (!report.configured) return "SMTP er ikke sat op: beskederne bliver i portalen.";
    sent += report.sent;
    failed += report.failed;
    if (report.sent + report.failed < 200) break;
  }
  return `Sendt: ${sent}, fejlet: ${failed}.`;
}

/**
 * The quarters whose figures master-data changes marked stale (database triggers set
 * ComplianceQuarter.stale). Quarters never computed are left to the import and the first page, as
 * before. Never waits for a refresh that holds a quarter (an import, a page): the next run takes it.
 */
async function refreshStaleFigures(): Promise<string> {
  const stale = await prisma.complianceQuarter.findMany({ where: { stale: true }, select: { quarter: true }, orderBy: { quarter: "asc" } });
  if (stale.length === 0) return "Ingen forældede tal.";
  const results = await refreshStaleCompliance(prisma, stale.map((row) => row.quarter), { wait: false });
  const done = results.filter((r) => r.mode !== "busy").map((r) => r.quarter);
  const busy = results.filter((r) => r.mode === "busy").map((r) => r.quarter);
  return [done.length ? `Genberegnet: ${done.join(", ")}.` : "", busy.length ? `Optaget, tages ved næste kørsel: ${busy.join(", ")}.` : ""].join(" ").trim() || "Ingen forældede tal.";
}

/** Days of run history the jobs page keeps (the every-minute delivery alone adds 1,440 runs a day). */
export const JOB_HISTORY_DAYS = 30;

async function pruneJobHistory(now: Date): Promise<string> {
  const { count } = await prisma.jobRun.deleteMany({ where: { startedAt: { lt: new Date(now.getTime() - JOB_HISTORY_DAYS * 86_400_000) } } });
  return `Slettet ${count} kørsler ældre end ${JOB_HISTORY_DAYS} dage.`;
}

async function lateSalesReports(now: Date): Promise<string> {
  const { notices, messages } = await notifyLateSalesReports(now);
  return notices === 0 ? "Ingen nye manglende salgsrapporter." : `${notices} leverandører mangler rapporter; ${messages} beskeder til styrelsen.`;
}

export const JOBS: readonly JobDefinition[] = [
  { name: "deliver-outbox", title: "Send e-mails fra udbakken", schedule: "* * * * *", maxAttempts: 1, run: deliverOutbox },
  { name: "refresh-stale-compliance", title: "Genberegn forældede compliance-tal", schedule: "*/5 * * * *", maxAttempts: 3, run: refreshStaleFigures },
  { name: "deadline-reminders", title: "Påmind om frister for indkøbsdata", schedule: "0 6 * * *", maxAttempts: 5, run: (now) => sendDeadlineReminders(now) },
  { name: "supplier-deadline-reminders", title: "Påmind leverandører om salgsrapporter", schedule: "5 6 * * *", maxAttempts: 5, run: (now) => sendSupplierReminders(now) },
  { name: "late-sales-reports", title: "Fortæl styrelsen om manglende salgsrapporter", schedule: "15 6 * * *", maxAttempts: 5, run: lateSalesReports },
  { name: "agreement-expiry-alerts", title: "Varsl om aftaler, der udløber", schedule: "10 6 * * *", maxAttempts: 5, run: (now) => sendExpiryAlerts(now) },
  { name: "prune-job-history", title: "Ryd op i kørselshistorikken", schedule: "30 3 * * *", maxAttempts: 3, run: pruneJobHistory },
];

export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((job) => job.name === name);
}
