import "server-only";
import nodemailer from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import { after } from "next/server";
import type { CurrentUser } from "@/lib/auth/types";
import { UserError } from "@/lib/action-result";
import { audit } from "@/lib/audit";
import { inTransaction, prisma, type Db } from "@/lib/db/client";
import { env } from "@/lib/env";

/**
 * Messages to users: the portal's outbox (OutboxMessage).
 *
 * 1. A change that should tell someone something queues the message with `queueMessages(tx, …)`
 *    inside its own transaction, so a message exists exactly when the change was committed.
 * 2. After the commit, `deliverAfterResponse()` sends unsent messages through SMTP when SMTP_URL is
 *    set, recording `sentAt`, or `sendError` when sending failed. The job "deliver-outbox"
 *    (lib/jobs/registry.ts) runs `deliverPending()` every minute: a failed message waits longer after
 *    each attempt (`retryDelayMinutes`), and after MAX_ATTEMPTS it is marked `failedAt` and listed
 *    for ADMIN on /admin/korsler, who can send it again: never dropped silently.
 * 3. Without SMTP nothing is sent, and nothing is lost either: every message stays in the portal,
 *    where its recipient reads it on the "Beskeder" page (`listMessages`, `markRead`).
 *
 * Messages have a portal user as recipient (so they can be shown in the portal) and that user's
 * e-mail address. Nothing here is specific to one feature.
 */

export type OutgoingMessage = {
  recipientUserId: number;
  toEmail: string;
  subject: string;
  body: string;
  /** A path in the portal the message is about, e.g. "/tilmeldinger/12". */
  link?: string | null;
  /** Why the recipient gets the message (issue 15): added at the end of the body. */
  why?: string;
};

/** The body as stored and sent: the text, then why the recipient gets it. */
export function messageBody(body: string, why: string | undefined): string {
  return why ? `${body}\n\nHvorfor får du denne besked? ${why}` : body;
}

/** Stores messages inside the caller's transaction, in one statement. */
export async function queueMessages(db: Db, messages: readonly OutgoingMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await db.outboxMessage.createMany({
    data: messages.map((message) => ({
      recipientUserId: message.recipientUserId,
      toEmail: message.toEmail,
      subject: message.subject.slice(0, 300),
      body: messageBody(message.body, message.why),
      link: message.link ?? null,
    })),
  });
}

/**
 * queueMessages for a change written on a raw SQL connection (a bulk load's transaction, which is
 * not a Prisma client): the same row, in one statement.
 */
export async function queueMessagesSql(
  conn: { query(text: string, values?: unknown[]): Promise<unknown> },
  messages: readonly OutgoingMessage[],
): Promise<void> {
  if (messages.length === 0) return;
  await conn.query(
    `INSERT INTO "OutboxMessage" ("recipientUserId", "toEmail", "subject", "body", "link")
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[])`,
    [
      messages.map((m) => m.recipientUserId),
      messages.map((m) => m.toEmail),
      messages.map((m) => m.subject.slice(0, 300)),
      messages.map((m) => m.body),
      messages.map((m) => m.link ?? null),
    ],
  );
}

// ---------------------------------------------------------------------------------------------
// Delivery through SMTP
// ---------------------------------------------------------------------------------------------

/** The part of a nodemailer transport that delivery uses (tests pass their own). */
export type MailTransport = {
  sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
};

export type DeliveryOptions = {
  /** Default: SMTP_URL. Without one, nothing is sent and the messages stay in the portal. */
  smtpUrl?: string | null;
  /** Use this transport instead of one made from smtpUrl. */
  transport?: MailTransport;
  /** Default: MAIL_FROM. */
  from?: string;
  /** Messages per run (default 50). */
  limit?: number;
  /** The clock (tests); default: now. */
  now?: Date;
};

export type DeliveryReport = { configured: boolean; sent: number; failed: number };

/** Messages whose delivery gave up (newest first), for ADMIN. */
export async function failedMessages(take = 100) {
  return prisma.outboxMessage.findMany({
    where: { failedAt: { not: null }, sentAt: null },
    orderBy: { failedAt: "desc" },
    take,
    select: { id: true, toEmail: true, subject: true, attempts: true, sendError: true, failedAt: true, createdAt: true },
  });
}

/** ADMIN sends a failed message again: its attempts start over. Audited. */
export async function retryFailedMessage(actor: CurrentUser, messageId: number, db?: Db): Promise<string> {
  return inTransaction(db, async (tx) => {
    const { count } = await tx.outboxMessage.updateMany({
      where: { id: messageId, failedAt: { not: null }, sentAt: null },
      data: { failedAt: null, attempts: 0, nextAttemptAt: null, claimedAt: null },
    });
    if (count === 0) throw new UserError("Beskeden findes ikke eller er ikke fejlet.");
    await audit(tx, { actorId: actor.id, action: "outbox.retry", entity: "OutboxMessage", entityId: String(messageId) });
    return "Beskeden sendes igen ved næste udsendelse (inden for et minut).";
  });
}

/** Attempts per message before it is marked failed for ADMIN to look at (sendError tells why). */
export const MAX_ATTEMPTS = 10;

/** Minutes to wait after the n-th failed attempt: 1, 2, 4, ... at most 6 hours (about 17 hours in all). */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), 360);
}
/** A claim older than this is taken to be a crashed delivery run, and the message is sent again. */
const STALE_CLAIM_MINUTES = 10;

const transports = new Map<string, MailTransport>();

function transportFor(smtpUrl: string): MailTransport {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    // Short timeouts: delivery runs after the response, but must not hang on a dead server.
    transport = nodemailer.createTransport({
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      ...parseConnectionUrl(smtpUrl),
    });
    transports.set(smtpUrl, transport);
  }
  return transport;
}

function portalUrl(link: string): string {
  const base = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  return new URL(link, base).toString();
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 500) || "Ukendt fejl";
}

/**
 * Sends unsent messages through SMTP. Each message is first claimed with a conditional UPDATE
 * (SKIP LOCKED), so concurrent runs never send the same message twice; a run that dies after its
 * claim leaves a stale claim that a later run picks up again.
 */
export async function deliverPending(options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const smtpUrl = options.smtpUrl === undefined ? env.SMTP_URL : options.smtpUrl;
  const transport = options.transport ?? (smtpUrl ? transportFor(smtpUrl) : null);
  if (!transport) return { configured: false, sent: 0, failed: 0 };
  const from = options.from ?? env.MAIL_FROM;
  const limit = Math.max(1, Math.min(options.limit ?? 50, 500));
  const now = options.now ?? new Date();
  // Timestamps are stored as UTC without a zone (Prisma's DateTime).
  const nowUtc = now.toISOString();

  const claimed = await prisma.$queryRaw<{ id: number; toEmail: string; subject: string; body: string; link: string | null; attempts: number }[]>`
    UPDATE "OutboxMessage" SET "claimedAt" = (${nowUtc}::timestamptz AT TIME ZONE 'UTC'), "attempts" = "attempts" + 1
     WHERE "id" IN (
       SELECT "id" FROM "OutboxMessage"
        WHERE "sentAt" IS NULL AND "failedAt" IS NULL AND "attempts" < ${MAX_ATTEMPTS}
          AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= (${nowUtc}::timestamptz AT TIME ZONE 'UTC'))
          AND ("claimedAt" IS NULL OR "claimedAt" < (${nowUtc}::timestamptz AT TIME ZONE 'UTC') - make_interval(mins => ${STALE_CLAIM_MINUTES}))
        ORDER BY "id" LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING "id", "toEmail", "subject", "body", "link", "attempts"`;

  let sent = 0;
  let failed = 0;
  for (const message of claimed) {
    const text = message.link ? `${message.body}\n\nSe mere i portalen: ${portalUrl(message.link)}\n` : message.body;
    try {
      await transport.sendMail({ from, to: message.toEmail, subject: message.subject, text });
      await prisma.outboxMessage.update({ where: { id: message.id }, data: { sentAt: now, sendError: null, claimedAt: null, nextAttemptAt: null } });
      sent++;
    } catch (error) {
      const givenUp = message.attempts >= MAX_ATTEMPTS;
      await prisma.outboxMessage.update({
        where: { id: message.id },
        data: {
          sendError: errorText(error),
          claimedAt: null,
          nextAttemptAt: givenUp ? null : new Date(now.getTime() + retryDelayMinutes(message.attempts) * 60_000),
          failedAt: givenUp ? now : null,
        },
      });
      failed++;
    }
  }
  return { configured: true, sent, failed };
}

/**
 * Delivers the outbox after the response has been sent (Next.js `after`), or at the next turn of
 * the event loop outside a request (scripts, tests). Never throws: a failure is kept on the message.
 */
export function deliverAfterResponse(): void {
  if (!env.SMTP_URL) return;
  const run = () =>
    deliverPending().catch((error: unknown) => {
      console.error("Outbox delivery failed", error);
    });
  try {
    after(run);
  } catch {
    // Outside a request there is no response to wait for.
    setImmediate(run);
  }
}

// ---------------------------------------------------------------------------------------------
// The recipient's view
// ---------------------------------------------------------------------------------------------

export type MessageDelivery = "SENT" | "FAILED" | "NOT_CONFIGURED" | "WAITING";

/** How a message went out as e-mail, for the recipient. */
export function deliveryState(message: { sentAt: Date | null; sendError: string | null }, smtpConfigured = Boolean(env.SMTP_URL)): MessageDelivery {
  if (message.sentAt) return "SENT";
  if (message.sendError) return "FAILED";
  return smtpConfigured ? "WAITING" : "NOT_CONFIGURED";
}

/** The user's own messages, newest first (never anybody else's). */
export async function listMessages(user: CurrentUser, options: { take?: number } = {}) {
  return prisma.outboxMessage.findMany({
    where: { recipientUserId: user.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(options.take ?? 100, 500),
    select: { id: true, subject: true, body: true, link: true, sentAt: true, sendError: true, readAt: true, createdAt: true, toEmail: true },
  });
}

/** Marks one of the user's messages, or all of them, as read. Returns how many changed. */
export async function markRead(user: CurrentUser, input: { messageId: number } | { all: true }, db: Db = prisma): Promise<number> {
  const where = "all" in input ? { recipientUserId: user.id, readAt: null } : { id: input.messageId, recipientUserId: user.id, readAt: null };
  const { count } = await db.outboxMessage.updateMany({ where, data: { readAt: new Date() } });
  return count;
}
