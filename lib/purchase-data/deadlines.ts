import "server-only";
import type { z } from "zod";
import { UserError } from "@/lib/action-result";
import { audit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/types";
import { type Db, inTransaction, prisma } from "@/lib/db/client";
import { danishDay } from "./import";
import { quarterFromCode, quarterLabel } from "./quarter";
import type { deleteDeadlineSchema, setDeadlineSchema } from "./schemas";

/**
 * Deadlines (frister): the last day, per quarter, for a manual submission of purchase data or a
 * reservation against the quarter's SKS data. Set by the agency (ADMIN; the guard has checked).
 * The deadline day itself is open; the day after, both are refused with a message naming the date
 * (lib/purchase-data/import.ts assertBeforeDeadline).
 */
export type DeadlineRow = { quarter: string; deadline: string };

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export async function listDeadlines(db: Db = prisma): Promise<DeadlineRow[]> {
  const rows = await db.deadline.findMany({ orderBy: { quarter: "desc" } });
  return rows.map((row) => ({ quarter: row.quarter, deadline: iso(row.deadline) }));
}

/** The deadline of one quarter (ISO), or null. */
export async function deadlineOf(quarter: string, db: Db = prisma): Promise<string | null> {
  const row = await db.deadline.findUnique({ where: { quarter } });
  return row ? iso(row.deadline) : null;
}

/** The next deadlines from today (inclusive), soonest first. */
export async function upcomingDeadlines(today: string, count = 4, db: Db = prisma): Promise<DeadlineRow[]> {
  const rows = await db.deadline.findMany({
    where: { deadline: { gte: new Date(`${today}T00:00:00Z`) } },
    orderBy: { deadline: "asc" },
    take: count,
  });
  return rows.map((row) => ({ quarter: row.quarter, deadline: iso(row.deadline) }));
}

/** Sets (creates or moves) a quarter's deadline. It must fall after the quarter's last day. */
export async function setDeadline(actor: CurrentUser, input: z.infer<typeof setDeadlineSchema>, db?: Db): Promise<string> {
  const quarter = quarterFromCode(input.quarter);
  if (!quarter) throw new UserError("Skriv kvartalet som fx 2016Q4.", "quarter");
  if (input.deadline <= quarter.end) {
    throw new UserError(`Fristen skal ligge efter kvartalets sidste dag (${danishDay(quarter.end)}).`, "deadline");
  }
  return inTransaction(db, async (tx) => {
    const before = await tx.deadline.findUnique({ where: { quarter: quarter.code } });
    const date = new Date(`${input.deadline}T00:00:00Z`);
    await tx.deadline.upsert({ where: { quarter: quarter.code }, create: { quarter: quarter.code, deadline: date }, update: { deadline: date } });
    await audit(tx, {
      actorId: actor.id,
      action: "deadline.set",
      entity: "Deadline",
      entityId: quarter.code,
      before: before ? { deadline: iso(before.deadline) } : undefined,
      after: { deadline: input.deadline },
    });
    return `Fristen for ${quarterLabel(quarter)} er ${danishDay(input.deadline)}.`;
  });
}

export async function deleteDeadline(actor: CurrentUser, input: z.infer<typeof deleteDeadlineSchema>, db?: Db): Promise<string> {
  return inTransaction(db, async (tx) => {
    const before = await tx.deadline.findUnique({ where: { quarter: input.quarter } });
    if (!before) throw new UserError("Kvartalet har ingen frist.");
    await tx.deadline.delete({ where: { quarter: input.quarter } });
    await audit(tx, {
      actorId: actor.id,
      action: "deadline.delete",
      entity: "Deadline",
      entityId: input.quarter,
      before: { deadline: iso(before.deadline) },
    });
    return `Fristen for ${quarterLabel(input.quarter)} er slettet.`;
  });
}
