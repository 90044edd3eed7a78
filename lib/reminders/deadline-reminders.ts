import "server-only";
import { type Db, prisma } from "@/lib/db/client";
import { formatDate } from "@/lib/format";
import { copenhagenToday, quarterLabel } from "@/lib/purchase-data/quarter";
import { sendNotices, type Notice } from "./notices";
import { daysBetween, deadlineStage, deadlineWindow, owesPurchaseData, type DeadlineStage } from "./rules";

/**
 * The institutions' purchase-data deadlines (the Deadline table): 14 and 3 days before, the buyers
 * of each obligated institution that still owes the quarter's data (lib/reminders/rules.ts
 * owesPurchaseData) and the group buyers of its ministry area get a reminder; the day after, the
 * group buyers get the list of institutions that missed it. Not optional: no preference applies.
 */
export const UPLOAD_LINK = "/indkoebsdata/indsend";

export function danishDay(iso: string): string {
  return formatDate(new Date(`${iso}T12:00:00Z`));
}

type Owing = { id: number; name: string; ministryId: number };

/** The obligated institutions that owe the quarter's purchase data now. */
async function institutionsOwing(quarter: string, db: Db): Promise<Owing[]> {
  const [institutions, submitted, reservations] = await Promise.all([
    db.institution.findMany({
      where: { customerType: "OBLIGATED" },
      select: { id: true, name: true, ministryId: true, dataChannel: true, sortKey: true },
      orderBy: { sortKey: "asc" },
    }),
    db.submission.findMany({ where: { quarter, status: "ACTIVE" }, select: { institutionId: true }, distinct: ["institutionId"] }),
    db.reservation.findMany({ where: { quarter, withdrawnAt: null }, select: { ministryId: true }, distinct: ["ministryId"] }),
  ]);
  const hasSubmission = new Set(submitted.map((s) => s.institutionId));
  const reserved = new Set(reservations.map((r) => r.ministryId));
  return institutions
    .filter((i) => owesPurchaseData({ dataChannel: i.dataChannel, hasSubmission: hasSubmission.has(i.id), ministryHasReservation: reserved.has(i.ministryId) }))
    .map(({ id, name, ministryId }) => ({ id, name, ministryId }));
}

function reminderTitle(quarter: string, deadline: string, stage: DeadlineStage): string {
  return stage === "deadline-missed"
    ? `Fristen for indkøbsdata for ${quarterLabel(quarter)} er overskredet`
    : `Påmindelse: indkøbsdata for ${quarterLabel(quarter)} skal indsendes senest ${danishDay(deadline)}`;
}

function daysText(today: string, deadline: string): string {
  const days = daysBetween(today, deadline);
  return days === 0 ? "i dag" : days === 1 ? "i morgen" : `om ${days} dage`;
}

/** The notices due on `today` for one quarter's deadline. */
export function deadlineNotices(
  input: { quarter: string; deadline: string; today: string; stage: DeadlineStage },
  owing: readonly Owing[],
  buyers: readonly { id: number; email: string; institutionId: number | null }[],
  groupBuyers: readonly { id: number; email: string; ministryId: number | null; ministryName: string }[],
): Notice[] {
  const { quarter, deadline, today, stage } = input;
  const subject = `${quarter}@${deadline}`;
  const title = reminderTitle(quarter, deadline, stage);
  const notices: Notice[] = [];
  if (stage !== "deadline-missed") {
    const owingById = new Map(owing.map((i) => [i.id, i]));
    for (const buyer of buyers) {
      const institution = buyer.institutionId === null ? undefined : owingById.get(buyer.institutionId);
      if (!institution) continue;
      notices.push({
        userId: buyer.id,
        toEmail: buyer.email,
        reason: stage,
        subject,
        title,
        body:
          `${institution.name} har endnu ikke indsendt indkøbsdata for ${quarterLabel(quarter)}. ` +
          `Fristen er ${danishDay(deadline)} (${daysText(today, deadline)}). Indsend data under Indkøbsdata → Indsend data.`,
        why: `Du er indkøber ved ${institution.name}, som er forpligtet kunde og skal indberette sine indkøb hvert kvartal. Påmindelser om frister for manglende data kan ikke slås fra.`,
        link: UPLOAD_LINK,
      });
    }
  }
  for (const groupBuyer of groupBuyers) {
    const area = owing.filter((i) => i.ministryId === groupBuyer.ministryId);
    if (area.length === 0) continue;
    const list = area.map((i) => `- ${i.name}`).join("\n");
    const body =
      stage === "deadline-missed"
        ? `Fristen for indkøbsdata for ${quarterLabel(quarter)} var ${danishDay(deadline)}. Disse institutioner i ${groupBuyer.ministryName} har ikke indsendt data, og ministeriet har ikke taget forbehold:\n\n${list}`
        : `Fristen for indkøbsdata for ${quarterLabel(quarter)} er ${danishDay(deadline)} (${daysText(today, deadline)}). Disse institutioner i ${groupBuyer.ministryName} mangler endnu at indsende data:\n\n${list}\n\nDu kan indsende for dem under Indkøbsdata → Indsend data eller tage forbehold for kvartalets SKS-data.`;
    notices.push({
      userId: groupBuyer.id,
      toEmail: groupBuyer.email,
      reason: stage,
      subject,
      title,
      body,
      why: `Du er koncernindkøber for ${groupBuyer.ministryName}, og institutionerne ovenfor er forpligtede kunder i dit ministerområde. Beskeder om frister for manglende data kan ikke slås fra.`,
      link: stage === "deadline-missed" ? "/indkoebsdata/status" : UPLOAD_LINK,
    });
  }
  return notices;
}

/** The daily job: every deadline whose notice is due today. Returns a summary for the jobs page. */
export async function sendDeadlineReminders(now: Date, db: Db = prisma): Promise<string> {
  const today = copenhagenToday(now);
  const window = deadlineWindow(today);
  const deadlines = await db.deadline.findMany({
    where: { deadline: { gte: new Date(`${window.from}T00:00:00Z`), lte: new Date(`${window.to}T00:00:00Z`) } },
    orderBy: { deadline: "asc" },
  });
  let sent = 0;
  const parts: string[] = [];
  for (const row of deadlines) {
    const deadline = row.deadline.toISOString().slice(0, 10);
    const stage = deadlineStage(deadline, today);
    if (!stage) continue;
    const owing = await institutionsOwing(row.quarter, db);
    if (owing.length === 0) continue;
    const ministryIds = [...new Set(owing.map((i) => i.ministryId))];
    const [buyers, groupBuyers] = await Promise.all([
      stage === "deadline-missed"
        ? []
        : db.user.findMany({ where: { role: "BUYER", active: true, institutionId: { in: owing.map((i) => i.id) } }, select: { id: true, email: true, institutionId: true } }),
      db.user.findMany({
        where: { role: "GROUP_BUYER", active: true, ministryId: { in: ministryIds } },
        select: { id: true, email: true, ministryId: true, ministry: { select: { name: true } } },
      }),
    ]);
    const notices = deadlineNotices(
      { quarter: row.quarter, deadline, today, stage },
      owing,
      buyers,
      groupBuyers.map((g) => ({ id: g.id, email: g.email, ministryId: g.ministryId, ministryName: g.ministry?.name ?? "ministerområdet" })),
    );
    const count = await sendNotices(notices);
    sent += count;
    parts.push(`${quarterLabel(row.quarter)}: ${owing.length} institutioner mangler, ${count} beskeder`);
  }
  return sent === 0 && parts.length === 0 ? "Ingen frister at minde om i dag." : `${parts.join("; ")}.`;
}
