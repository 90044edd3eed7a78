import "server-only";
import { type Db, inTransaction } from "@/lib/db/client";
import { messageBody } from "@/lib/mail/outbox";

/**
 * A notice from a job to one user: queued in the outbox once, and never again for the same
 * recipient, reason and subject (NoticeSent's unique key), however often or in however many
 * processes the job runs. The body ends with why the user got it.
 */
export type Notice = {
  userId: number;
  toEmail: string;
  /** e.g. "deadline-14"; with `subject` the key that makes the notice unique per user. */
  reason: string;
  /** What it is about, including what would make a new notice due: "2026Q3@2027-01-15". */
  subject: string;
  title: string;
  body: string;
  /** Why the user gets it, in Danish, one or two sentences. */
  why: string;
  link: string;
};

/**
 * Records and queues the notices not sent before, in one transaction: the insert into NoticeSent
 * decides (a concurrent run waits on the unique index and then skips), and only the notices it
 * inserted are queued. Returns how many were queued.
 */
export async function sendNotices(notices: readonly Notice[], db?: Db): Promise<number> {
  if (notices.length === 0) return 0;
  return inTransaction(db, async (tx) => {
    const claimed = await tx.$queryRaw<{ id: number; userId: number; reason: string; subject: string }[]>`
      INSERT INTO "NoticeSent" ("userId", "reason", "subject")
      SELECT * FROM unnest(${notices.map((n) => n.userId)}::int[], ${notices.map((n) => n.reason)}::text[], ${notices.map((n) => n.subject)}::text[])
      ON CONFLICT ("userId", "reason", "subject") DO NOTHING
      RETURNING "id", "userId", "reason", "subject"`;
    if (claimed.length === 0) return 0;
    const byKey = new Map(notices.map((n) => [`${n.userId}|${n.reason}|${n.subject}`, n]));
    const messages = await tx.outboxMessage.createManyAndReturn({
      data: claimed.map((row) => {
        const notice = byKey.get(`${row.userId}|${row.reason}|${row.subject}`)!;
        return { recipientUserId: notice.userId, toEmail: notice.toEmail, subject: notice.title.slice(0, 300), body: messageBody(notice.body, notice.why), link: notice.link };
      }),
      select: { id: true },
    });
    await tx.$executeRaw`
      UPDATE "NoticeSent" n SET "outboxMessageId" = m.message
        FROM unnest(${claimed.map((c) => c.id)}::int[], ${messages.map((m) => m.id)}::int[]) AS m(notice, message)
       WHERE n."id" = m.notice`;
    return claimed.length;
  });
}
