import "server-only";
import type { z } from "zod";
import { UserError } from "@/lib/action-result";
import { audit } from "@/lib/audit";
import { ministryWhere } from "@/lib/auth/scope";
import type { CurrentUser } from "@/lib/auth/types";
import { type Db, inTransaction, prisma } from "@/lib/db/client";
import { deadlineOf } from "./deadlines";
import { assertBeforeDeadline } from "./import";
import { copenhagenToday, quarterFromCode } from "./quarter";
import type { createReservationSchema, withdrawReservationSchema } from "./schemas";

/**
 * Reservations (forbehold): SKS data count as approved when the quarter's accounts are approved,
 * unless the ministry files a reservation. A group buyer or an analyst of the ministry records one
 * for a quarter before the quarter's deadline, and may withdraw it before the deadline. Shown
 * wherever the quarter's compliance is shown (the status page; reservationsByQuarter).
 */
export type ReservationView = {
  id: number;
  ministryId: number;
  ministryName: string;
  quarter: string;
  text: string;
  createdAt: Date;
  createdByName: string;
  withdrawnAt: Date | null;
};

async function withNames(rows: { id: number; ministryId: number; quarter: string; text: string; createdAt: Date; createdById: number; withdrawnAt: Date | null; ministry: { name: string } }[], db: Db): Promise<ReservationView[]> {
  const users = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.createdById))] } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    ministryId: r.ministryId,
    ministryName: r.ministry.name,
    quarter: r.quarter,
    text: r.text,
    createdAt: r.createdAt,
    createdByName: names.get(r.createdById) ?? "Ukendt bruger",
    withdrawnAt: r.withdrawnAt,
  }));
}

/** The reservations the user may read (own ministry; all for the agency), newest first. */
export async function listReservations(
  user: CurrentUser,
  filter: { ministryId?: number; quarters?: string[]; inForce?: true } = {},
  db: Db = prisma,
) {
  const rows = await db.reservation.findMany({
    where: {
      ministry: ministryWhere(user, filter.ministryId ? { id: filter.ministryId } : {}),
      ...(filter.quarters ? { quarter: { in: filter.quarters } } : {}),
      ...(filter.inForce ? { withdrawnAt: null } : {}),
    },
    include: { ministry: { select: { name: true } } },
    orderBy: [{ quarter: "desc" }, { createdAt: "desc" }],
  });
  return withNames(rows, db);
}

/** A ministry's reservations in force, by quarter: for every page that shows the quarter's compliance. */
export async function reservationsByQuarter(user: CurrentUser, ministryId: number, quarters: string[], db: Db = prisma) {
  const rows = await listReservations(user, { ministryId, quarters, inForce: true }, db);
  const map = new Map<string, ReservationView[]>();
  for (const row of rows) map.set(row.quarter, [...(map.get(row.quarter) ?? []), row]);
  return map;
}

function requireMinistry(actor: CurrentUser): number {
  if ((actor.role !== "GROUP_BUYER" && actor.role !== "MINISTRY_ANALYST") || actor.ministryId === null) {
    throw new UserError("Kun ministerområdets koncernindkøber og medarbejdere kan tage forbehold.");
  }
  return actor.ministryId;
}

export async function createReservation(
  actor: CurrentUser,
  input: z.infer<typeof createReservationSchema>,
  db?: Db,
  today: string = copenhagenToday(),
): Promise<string> {
  const ministryId = requireMinistry(actor);
  const quarter = quarterFromCode(input.quarter);
  if (!quarter) throw new UserError("Skriv kvartalet som fx 2016Q4.", "quarter");
  if (quarter.start > today) throw new UserError("Der kan ikke tages forbehold for et kvartal, der ikke er begyndt.", "quarter");
  return inTransaction(db, async (tx) => {
    assertBeforeDeadline(await deadlineOf(quarter.code, tx), quarter, today, "forbehold over for SKS-data", "Forbeholdet er afvist.");
    const created = await tx.reservation.create({ data: { ministryId, quarter: quarter.code, text: input.text, createdById: actor.id } });
    await audit(tx, {
      actorId: actor.id,
      action: "reservation.create",
      entity: "Reservation",
      entityId: created.id,
      after: { ministryId, quarter: quarter.code, text: input.text },
    });
    return `Forbeholdet for ${quarter.q}. kvartal ${quarter.year} er registreret.`;
  });
}

export async function withdrawReservation(
  actor: CurrentUser,
  input: z.infer<typeof withdrawReservationSchema>,
  db?: Db,
  today: string = copenhagenToday(),
): Promise<string> {
  const ministryId = requireMinistry(actor);
  return inTransaction(db, async (tx) => {
    const reservation = await tx.reservation.findFirst({ where: { id: input.reservationId, ministryId } });
    if (!reservation) throw new UserError("Forbeholdet findes ikke i dit ministerområde.");
    if (reservation.withdrawnAt) throw new UserError("Forbeholdet er allerede trukket tilbage.");
    const quarter = quarterFromCode(reservation.quarter)!;
    assertBeforeDeadline(await deadlineOf(quarter.code, tx), quarter, today, "forbehold over for SKS-data", "Forbeholdet kan ikke længere trækkes tilbage.");
    const withdrawnAt = new Date();
    await tx.reservation.update({ where: { id: reservation.id }, data: { withdrawnAt } });
    await audit(tx, {
      actorId: actor.id,
      action: "reservation.withdraw",
      entity: "Reservation",
      entityId: reservation.id,
      before: { withdrawnAt: null },
      after: { withdrawnAt: withdrawnAt.toISOString() },
    });
    return `Forbeholdet for ${quarter.q}. kvartal ${quarter.year} er trukket tilbage.`;
  });
}
