import "server-only";
import { institutionWhere } from "@/lib/auth/scope";
import type { CurrentUser } from "@/lib/auth/types";
import { prisma } from "@/lib/db/client";
import { findMinistryInScope, type Scoped } from "@/lib/organisation/queries";
import { upcomingDeadlines, type DeadlineRow } from "./deadlines";
import { quarterOfDate, shiftQuarter } from "./quarter";
import { reservationsByQuarter, type ReservationView } from "./reservations";

/**
 * The status of a ministry's purchase data: which obligated institutions have delivered which
 * quarters and by which channel, what is missing, the next deadlines, and the reservations in force.
 * Institutions delivering through SKS need no approval per quarter: their feed counts as delivered.
 */
export type CellState =
  /** An active manual submission. */
  | "submitted"
  /** SKS feed data for the quarter. */
  | "sks"
  /** A manual institution without data, deadline ahead (or none set). */
  | "missing"
  /** A manual institution without data after the deadline. */
  | "overdue"
  /** An SKS institution without feed data for the quarter yet. */
  | "sks-waiting";

export type StatusCell = { state: CellState; lineCount: number; totalOre: bigint; lastAt: Date | null };

export type MinistryStatus = {
  ministry: { id: number; name: string };
  quarters: { code: string; deadline: string | null }[];
  institutions: { id: number; name: string; cvr: string; dataChannel: "SKS" | "MANUAL"; cells: Record<string, StatusCell> }[];
  upcoming: DeadlineRow[];
  reservations: Map<string, ReservationView[]>;
};

/** The last `count` quarters that have ended, newest first. */
export function endedQuarters(today: string, count = 4): string[] {
  const current = quarterOfDate(today);
  return Array.from({ length: count }, (_, i) => shiftQuarter(current, -(i + 1)).code);
}

export async function ministryStatus(user: CurrentUser, ministryId: number, today: string): Promise<Scoped<MinistryStatus>> {
  const found = await findMinistryInScope(user, ministryId);
  if (found.status !== "found") return found;
  const ministry = found.value;
  const quarters = endedQuarters(today);
  const [institutions, groups, deadlines, upcoming, reservations] = await Promise.all([
    prisma.institution.findMany({
      where: { ministryId, customerType: "OBLIGATED" },
      orderBy: { sortKey: "asc" },
      select: { id: true, name: true, cvr: true, dataChannel: true },
    }),
    prisma.submission.groupBy({
      by: ["institutionId", "quarter", "format"],
      where: { status: "ACTIVE", quarter: { in: quarters }, institution: { ministryId } },
      _sum: { lineCount: true, totalOre: true },
      _max: { createdAt: true },
    }),
    prisma.deadline.findMany({ where: { quarter: { in: quarters } } }),
    upcomingDeadlines(today),
    reservationsByQuarter(user, ministryId, quarters),
  ]);
  const deadlineOf = new Map(deadlines.map((d) => [d.quarter, d.deadline.toISOString().slice(0, 10)]));
  const delivered = new Map<string, { sks: StatusCell | null; manual: StatusCell | null }>();
  for (const g of groups) {
    const key = `${g.institutionId}|${g.quarter}`;
    const entry = delivered.get(key) ?? { sks: null, manual: null };
    const cell: StatusCell = {
      state: g.format === "SKS_FEED" ? "sks" : "submitted",
      lineCount: g._sum.lineCount ?? 0,
      totalOre: g._sum.totalOre ?? 0n,
      lastAt: g._max.createdAt,
    };
    if (g.format === "SKS_FEED") entry.sks = cell;
    else entry.manual = cell;
    delivered.set(key, entry);
  }
  return {
    status: "found",
    value: {
      ministry,
      quarters: quarters.map((code) => ({ code, deadline: deadlineOf.get(code) ?? null })),
      institutions: institutions.map((institution) => ({
        ...institution,
        cells: Object.fromEntries(
          quarters.map((code) => {
            const entry = delivered.get(`${institution.id}|${code}`);
            const found = institution.dataChannel === "SKS" ? (entry?.sks ?? entry?.manual) : (entry?.manual ?? entry?.sks);
            if (found) return [code, found];
            const deadline = deadlineOf.get(code);
            const state: CellState =
              institution.dataChannel === "SKS" ? "sks-waiting" : deadline !== undefined && today > deadline ? "overdue" : "missing";
            return [code, { state, lineCount: 0, totalOre: 0n, lastAt: null }];
          }),
        ),
      })),
      upcoming,
      reservations,
    },
  };
}

/** The submissions a user may see (own institution, own ministry area, or all), newest first. */
export async function recentSubmissions(user: CurrentUser, take = 25) {
  const rows = await prisma.submission.findMany({
    where: { institution: institutionWhere(user) },
    orderBy: { id: "desc" },
    take,
    include: { institution: { select: { name: true } } },
  });
  const users = await prisma.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.submittedById).filter((id): id is number => id !== null))] } },
    select: { id: true, name: true },
  });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({ ...r, submittedByName: r.submittedById === null ? null : (names.get(r.submittedById) ?? null) }));
}
