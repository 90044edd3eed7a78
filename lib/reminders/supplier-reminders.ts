import "server-only";
import { type Db, prisma } from "@/lib/db/client";
import { copenhagenToday, quarterLabel, quarterOfDate, shiftQuarter, type Quarter } from "@/lib/purchase-data/quarter";
import { defaultSupplierDeadline, lastReportingDay } from "@/lib/sales-report/deadline-rules";
import { danishDay } from "./deadline-reminders";
import { sendNotices, type Notice } from "./notices";
import { daysBetween, deadlineStage } from "./rules";

/**
 * The suppliers' sales reports: 14 and 3 days before a quarter's last reporting day (ADMIN's
 * SupplierDeadline or the default, moved by a reopening for that supplier), every SUPPLIER user of
 * a supplier that lacks an active report for one of its agreements in force in the quarter gets a
 * reminder listing those agreements. After the deadline the reconciliation's late-report notices
 * take over (not sent from here).
 */

/** Where a supplier sends its reports: its agreements with each quarter's status. */
export const SUPPLIER_REPORT_LINK = "/omsaetning";

/** The quarters whose reporting deadline may be near: the three that ended last. */
function recentEndedQuarters(today: string): Quarter[] {
  const current = quarterOfDate(today);
  return [1, 2, 3].map((steps) => shiftQuarter(current, -steps));
}

export async function sendSupplierReminders(now: Date, db: Db = prisma): Promise<string> {
  const today = copenhagenToday(now);
  const users = await db.user.findMany({
    where: { role: "SUPPLIER", active: true, supplierId: { not: null } },
    select: { id: true, email: true, supplierId: true, supplier: { select: { name: true } } },
  });
  const supplierIds = [...new Set(users.map((u) => u.supplierId!))];
  if (supplierIds.length === 0) return "Ingen leverandørbrugere.";
  const quarters = recentEndedQuarters(today);
  const codes = quarters.map((q) => q.code);
  const [deadlines, reopenings, links, reports] = await Promise.all([
    db.supplierDeadline.findMany({ where: { quarter: { in: codes } } }),
    db.salesReportReopening.findMany({ where: { quarter: { in: codes }, supplierId: { in: supplierIds } } }),
    db.agreementSupplier.findMany({
      where: { supplierId: { in: supplierIds }, agreement: { retiredAt: null } },
      select: { supplierId: true, agreement: { select: { id: true, reference: true, name: true, validFrom: true, validTo: true } } },
    }),
    db.salesReport.findMany({ where: { quarter: { in: codes }, supplierId: { in: supplierIds }, supersededAt: null }, select: { supplierId: true, agreementId: true, quarter: true } }),
  ]);
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  const reported = new Set(reports.map((r) => `${r.supplierId}|${r.agreementId}|${r.quarter}`));
  const notices: Notice[] = [];
  for (const quarter of quarters) {
    const set = deadlines.find((d) => d.quarter === quarter.code);
    for (const supplierId of supplierIds) {
      const reopening = reopenings.find((r) => r.quarter === quarter.code && r.supplierId === supplierId);
      const lastDay = lastReportingDay({ deadline: set ? iso(set.deadline) : defaultSupplierDeadline(quarter), reopenedUntil: reopening ? iso(reopening.until) : null });
      const stage = deadlineStage(lastDay, today);
      if (stage === null || stage === "deadline-missed") continue;
      const missing = links
        .filter((l) => l.supplierId === supplierId && iso(l.agreement.validFrom) <= quarter.end && iso(l.agreement.validTo) >= quarter.start)
        .filter((l) => !reported.has(`${supplierId}|${l.agreement.id}|${quarter.code}`))
        .map((l) => l.agreement);
      if (missing.length === 0) continue;
      const days = daysBetween(today, lastDay);
      for (const user of users.filter((u) => u.supplierId === supplierId)) {
        notices.push({
          userId: user.id,
          toEmail: user.email,
          reason: `supplier-${stage}`,
          subject: `${quarter.code}@${lastDay}`,
          title: `Påmindelse: salgsrapporter for ${quarterLabel(quarter)} skal sendes senest ${danishDay(lastDay)}`,
          body:
            `${user.supplier?.name ?? "Jeres virksomhed"} mangler at sende salgsrapport for ${quarterLabel(quarter)} på ${missing.length === 1 ? "denne aftale" : "disse aftaler"}:\n\n` +
            `${missing.map((a) => `- ${a.reference} ${a.name}`).join("\n")}\n\n` +
            `Fristen er ${danishDay(lastDay)} (${days === 0 ? "i dag" : days === 1 ? "i morgen" : `om ${days} dage`}). Har I intet solgt på en aftale, indberetter I nulsalg.`,
          why: `Du er bruger hos ${user.supplier?.name ?? "en leverandør"}, som er leverandør på aftalerne ovenfor og skal rapportere sit salg hvert kvartal. Påmindelser om manglende rapporter kan ikke slås fra.`,
          link: SUPPLIER_REPORT_LINK,
        });
      }
    }
  }
  const count = await sendNotices(notices);
  return notices.length === 0 ? "Ingen leverandørfrister at minde om i dag." : `${count} påmindelser til leverandører.`;
}
