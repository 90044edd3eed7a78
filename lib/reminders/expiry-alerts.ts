import "server-only";
import { type Db, prisma } from "@/lib/db/client";
import { copenhagenToday, quarterOfDate, shiftQuarter } from "@/lib/purchase-data/quarter";
import { danishDay } from "./deadline-reminders";
import { sendNotices, type Notice } from "./notices";
import { wantsAlertWhere } from "./preferences";
import { daysBetween, expiryStage, findSuccessor, type AgreementForSuccession } from "./rules";

/**
 * Agreements about to expire: 90 and 30 days before an agreement's last day, the buyers and group
 * buyers of the institutions that bought on it in the last four quarters (the compliance rollup's
 * spend on the agreement: its suppliers in its categories, lib/compliance) or chose it in the cascade
 * get an alert naming the successor (lib/reminders/rules.ts findSuccessor) or saying none is known.
 * Optional: users who switched AGREEMENT_EXPIRY off get nothing.
 */

type Agreement = AgreementForSuccession & { reference: string; name: string };

const iso = (date: Date) => date.toISOString().slice(0, 10);

/** The institutions that used the agreement: bought on it in `quarters`, or chose it in the cascade. */
async function institutionsUsing(agreementId: number, quarters: string[], db: Db): Promise<{ id: number; name: string; ministryId: number }[]> {
  return db.$queryRaw<{ id: number; name: string; ministryId: number }[]>`
    SELECT i."id", i."name", i."ministryId" FROM "Institution" i
     WHERE i."id" IN (SELECT "institutionId" FROM "ComplianceRollup" WHERE "agreementId" = ${agreementId} AND "quarter" = ANY(${quarters}::text[]) AND "numeratorOre" > 0
                      UNION SELECT "institutionId" FROM "CascadeDecision" WHERE "chosenAgreementId" = ${agreementId})
     ORDER BY i."sortKey"`;
}

function alertText(agreement: Agreement, successor: Agreement | null, today: string): { title: string; body: string } {
  const days = daysBetween(today, agreement.validTo);
  const when = days === 0 ? "i dag" : `om ${days} dage`;
  const next = successor
    ? `Den afløses af ${successor.reference} ${successor.name}, som gælder fra ${danishDay(successor.validFrom)}. Se den i aftalekataloget: /aftaler/${successor.id}`
    : "Der kendes endnu ingen aftale, der afløser den. Kør kaskaden for nye indkøbsbehov efter udløbet, så I ser, hvilke muligheder der er.";
  return {
    title: `Aftalen ${agreement.reference} ${agreement.name} udløber ${danishDay(agreement.validTo)}`,
    body: `Aftalen ${agreement.reference} ${agreement.name} udløber ${danishDay(agreement.validTo)} (${when}). ${next}`,
  };
}

export async function sendExpiryAlerts(now: Date, db: Db = prisma): Promise<string> {
  const today = copenhagenToday(now);
  const rows = await db.agreement.findMany({
    where: { validTo: { gte: new Date(`${today}T00:00:00Z`) } },
    select: { id: true, reference: true, name: true, validFrom: true, validTo: true, retiredAt: true, categories: { select: { categoryCode: true } } },
  });
  const agreements: Agreement[] = rows.map((a) => ({
    id: a.id,
    reference: a.reference,
    name: a.name,
    validFrom: iso(a.validFrom),
    validTo: iso(a.validTo),
    retired: a.retiredAt !== null,
    categoryCodes: a.categories.map((c) => c.categoryCode),
  }));
  const current = quarterOfDate(today);
  const lastFourQuarters = [1, 2, 3, 4].map((steps) => shiftQuarter(current, -steps).code);
  const notices: Notice[] = [];
  for (const agreement of agreements) {
    const stage = agreement.retired ? null : expiryStage(agreement.validTo, today);
    if (!stage) continue;
    const institutions = await institutionsUsing(agreement.id, lastFourQuarters, db);
    if (institutions.length === 0) continue;
    const successor = findSuccessor(agreement, agreements);
    const { title, body } = alertText(agreement, successor, today);
    const users = await db.user.findMany({
      where: {
        active: true,
        ...wantsAlertWhere("AGREEMENT_EXPIRY"),
        OR: [
          { role: "BUYER", institutionId: { in: institutions.map((i) => i.id) } },
          { role: "GROUP_BUYER", ministryId: { in: [...new Set(institutions.map((i) => i.ministryId))] } },
        ],
      },
      select: { id: true, email: true, role: true, institutionId: true, ministryId: true },
    });
    for (const user of users) {
      const own = institutions.filter((i) => (user.role === "BUYER" ? i.id === user.institutionId : i.ministryId === user.ministryId));
      const names = own.map((i) => i.name).join(", ");
      notices.push({
        userId: user.id,
        toEmail: user.email,
        reason: stage,
        subject: `agreement-${agreement.id}@${agreement.validTo}`,
        title,
        body: user.role === "GROUP_BUYER" ? `${body}\n\nI dit ministerområde bruger disse institutioner aftalen: ${names}.` : body,
        why:
          `${user.role === "BUYER" ? names : "Institutioner i dit ministerområde"} har købt på aftalen i de seneste fire kvartaler eller valgt den i kaskaden. ` +
          "Du kan slå beskeder om udløbende aftaler fra under Indstillinger.",
        link: `/aftaler/${agreement.id}`,
      });
    }
  }
  const count = await sendNotices(notices);
  return notices.length === 0 ? "Ingen aftaler udløber for deres brugere lige nu." : `${count} beskeder om udløbende aftaler.`;
}
