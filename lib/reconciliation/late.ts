import "server-only";
import { type Db, inTransaction } from "@/lib/db/client";
import { formatDate } from "@/lib/format";
import { queueMessages } from "@/lib/mail/outbox";
import { copenhagenToday, quarterLabel } from "@/lib/purchase-data/quarter";

/**
 * Tells the agency (every active ADMIN user, through the outbox) of suppliers whose sales reports for
 * a quarter are missing after the deadline: once per supplier and quarter, however often it runs.
 * The notice row is written first (ON CONFLICT DO NOTHING) and messages are queued only for the rows
 * this run wrote, in one transaction, so two runs at once cannot both send. The quarters looked at are
 * those with purchase data or reports (reconciliationQuarters' set); a reopening that extends the
 * supplier's last day past `now` holds the notice back until it has passed too.
 * The job queue calls it (the lead schedules it); a test shows that two calls send once.
 */
export async function notifyLateSalesReports(now: Date, db?: Db): Promise<{ notices: number; messages: number }> {
  const today = copenhagenToday(now);
  return inTransaction(db, (tx) => notify(tx, today), { timeout: 60_000 });
}

type Late = { supplierId: number; supplierName: string; supplierCvr: string; quarter: string; deadline: Date; agreements: string[] };

async function notify(tx: Db, today: string): Promise<{ notices: number; messages: number }> {
  const late = await tx.$queryRaw<Late[]>`
    WITH quarters AS (
      SELECT "quarter" FROM "ReconciliationQuarter" UNION SELECT "quarter" FROM "SalesReport"
    ), missing AS (
      SELECT q."quarter", m."supplierId", m."agreementId", m."deadline"
        FROM quarters q CROSS JOIN LATERAL "reconciliation_missing_reports"(q."quarter", ${today}::date) m
       WHERE q."quarter" ~ '^[0-9]{4}Q[1-4]$'
    ), inserted AS (
      INSERT INTO "LateSalesReportNotice" ("supplierId", "quarter", "deadline", "missingReports", "recipients")
      SELECT m."supplierId", m."quarter", max(m."deadline"), count(*)::int,
             (SELECT count(*)::int FROM "User" u WHERE u."role" = 'ADMIN' AND u."active")
        FROM missing m GROUP BY m."supplierId", m."quarter"
      ON CONFLICT ("supplierId", "quarter") DO NOTHING
      RETURNING "supplierId", "quarter", "deadline"
    )
    SELECT i."supplierId", s."name" AS "supplierName", s."cvr" AS "supplierCvr", i."quarter", i."deadline",
           array_agg(a."reference" || ' ' || a."name" ORDER BY a."sortKey") AS agreements
      FROM inserted i
      JOIN "Supplier" s ON s."id" = i."supplierId"
      JOIN missing m ON m."supplierId" = i."supplierId" AND m."quarter" = i."quarter"
      JOIN "Agreement" a ON a."id" = m."agreementId"
     GROUP BY i."supplierId", s."name", s."cvr", i."quarter", i."deadline"
     ORDER BY i."quarter", s."name"`;
  if (late.length === 0) return { notices: 0, messages: 0 };
  const admins = await tx.user.findMany({ where: { role: "ADMIN", active: true }, select: { id: true, email: true }, orderBy: { id: "asc" } });
  const messages = late.flatMap((notice) =>
    admins.map((admin) => ({
      recipientUserId: admin.id,
      toEmail: admin.email,
      subject: `Manglende omsætningsindberetning: ${notice.supplierName}, ${quarterLabel(notice.quarter)}`,
      body:
        `${notice.supplierName} (CVR ${notice.supplierCvr}) har ikke indberettet sin omsætning for ${quarterLabel(notice.quarter)} ` +
        `inden fristen ${formatDate(notice.deadline)} på ${notice.agreements.length === 1 ? "aftalen" : "aftalerne"}:\n` +
        notice.agreements.map((agreement) => `- ${agreement}`).join("\n") +
        `\n\nSe afstemningen for kvartalet i portalen.`,
      link: `/afstemning?kvartal=${notice.quarter}`,
      why: "Du er bruger hos Statens Indkøb, som følger leverandørernes kvartalsvise omsætningsindberetning. Beskeden sendes én gang pr. leverandør og kvartal.",
    })),
  );
  await queueMessages(tx, messages);
  return { notices: late.length, messages: messages.length };
}
