/**
 * When the portal reminds and alerts, pure: functions of a calendar day (ISO "YYYY-MM-DD", in
 * Copenhagen, as every deadline in the portal) and the data. The jobs in lib/reminders/*.ts load the
 * data, ask these rules, and send. Each stage has a window rather than a single day, so a portal that
 * was down on the day itself still sends the notice when it is back (never twice: NoticeSent).
 */

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

/** The calendar day `days` after (or before, when negative) `iso`. */
export function addDays(iso: string, days: number): string {
  return new Date((dayNumber(iso) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Reminders before a deadline: 14 days before, then 3 days before (and the day after: missed). */
export const DEADLINE_REMINDER_DAYS = [14, 3] as const;
/** How long after the deadline the "missed" list may still go out (a portal that was down). */
export const MISSED_NOTICE_WINDOW_DAYS = 7;

export type DeadlineStage = "deadline-14" | "deadline-3" | "deadline-missed";

/**
 * Which deadline notice is due on `today` for a deadline (the deadline day itself is still open):
 * from 14 days before until 4 days before the 14-day reminder, from 3 days before until the day
 * itself the 3-day reminder, from the day after for a week the list of those that missed it.
 */
export function deadlineStage(deadline: string, today: string): DeadlineStage | null {
  const daysLeft = daysBetween(today, deadline);
  if (daysLeft > 14) return null;
  if (daysLeft > 3) return "deadline-14";
  if (daysLeft >= 0) return "deadline-3";
  if (daysLeft >= -MISSED_NOTICE_WINDOW_DAYS) return "deadline-missed";
  return null;
}

/** The deadlines a daily job must look at on `today`: those within the stages' windows. */
export function deadlineWindow(today: string): { from: string; to: string } {
  return { from: addDays(today, -MISSED_NOTICE_WINDOW_DAYS), to: addDays(today, 14) };
}

export type ExpiryStage = "expiry-90" | "expiry-30";

/**
 * Which expiry alert is due on `today` for an agreement valid until `validTo` (its last day): from
 * 90 days before until 31 days before the 90-day alert, from 30 days before until the last day the
 * 30-day alert. Nothing once it has expired.
 */
export function expiryStage(validTo: string, today: string): ExpiryStage | null {
  const daysLeft = daysBetween(today, validTo);
  if (daysLeft > 90 || daysLeft < 0) return null;
  return daysLeft > 30 ? "expiry-90" : "expiry-30";
}

export type AgreementForSuccession = { id: number; validFrom: string; validTo: string; retired: boolean; categoryCodes: readonly string[] };

/**
 * The agreement that takes over from `expiring`: another agreement, not retired, that covers every
 * category of the expiring one, starts later than it did and runs past its end. The one that starts
 * first wins (then the lowest id). Null when none is known.
 */
export function findSuccessor<A extends AgreementForSuccession>(expiring: AgreementForSuccession, candidates: readonly A[]): A | null {
  if (expiring.categoryCodes.length === 0) return null;
  const matches = candidates.filter(
    (candidate) =>
      candidate.id !== expiring.id &&
      !candidate.retired &&
      candidate.validFrom > expiring.validFrom &&
      candidate.validTo > expiring.validTo &&
      expiring.categoryCodes.every((code) => candidate.categoryCodes.includes(code)),
  );
  matches.sort((a, b) => (a.validFrom === b.validFrom ? a.id - b.id : a.validFrom < b.validFrom ? -1 : 1));
  return matches[0] ?? null;
}

/**
 * Whether an obligated institution still owes the quarter's data: it has no active submission for
 * the quarter, does not deliver through the SKS feed, and its ministry has no reservation in force.
 */
export function owesPurchaseData(institution: { dataChannel: "SKS" | "MANUAL"; hasSubmission: boolean; ministryHasReservation: boolean }): boolean {
  return institution.dataChannel === "MANUAL" && !institution.hasSubmission && !institution.ministryHasReservation;
}
