import { formatDate } from "@/lib/format";
import { quarterLabel, type Quarter } from "@/lib/purchase-data/quarter";

/**
 * The suppliers' reporting deadline for a quarter, pure. Dates are ISO "YYYY-MM-DD" calendar days
 * in Copenhagen, as everywhere in the purchase-data rules. The deadline day itself is open.
 */

/** The default when ADMIN has set none: the last day of the month after the quarter. */
export function defaultSupplierDeadline(quarter: Quarter): string {
  const monthAfter = (quarter.q - 1) * 3 + 4; // 1-based month after the quarter's last month
  const year = monthAfter > 12 ? quarter.year + 1 : quarter.year;
  const month = monthAfter > 12 ? monthAfter - 12 : monthAfter;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(lastDay).padStart(2, "0")}`;
}

export type SupplierQuarterWindow = {
  /** The quarter's deadline for every supplier (ADMIN's or the default). */
  deadline: string;
  /** ADMIN reopened the quarter for this supplier until this day, or null. */
  reopenedUntil: string | null;
};

/** The last day the supplier may still send or correct the quarter's report. */
export function lastReportingDay(window: SupplierQuarterWindow): string {
  return window.reopenedUntil && window.reopenedUntil > window.deadline ? window.reopenedUntil : window.deadline;
}

/** Whether a report for the quarter may be sent on `today`: from the quarter's first day until the last reporting day. */
export function mayReport(quarter: Quarter, window: SupplierQuarterWindow, today: string): boolean {
  return today >= quarter.start && today <= lastReportingDay(window);
}

/** Why a report for the quarter is refused on `today` (Danish, naming the date), or null when it may be sent. */
export function reportingRefusal(quarter: Quarter, window: SupplierQuarterWindow, today: string): string | null {
  if (mayReport(quarter, window, today)) return null;
  const label = quarterLabel(quarter);
  if (today < quarter.start) return `${label} er ikke begyndt endnu. Omsætningen indberettes, når kvartalet er i gang eller slut.`;
  return `Fristen for omsætningsindberetning for ${label} var ${formatDate(new Date(`${lastReportingDay(window)}T12:00:00Z`))}. Indberetningen er afvist. Kontakt Statens Indkøb, hvis kvartalet skal genåbnes for jer.`;
}
