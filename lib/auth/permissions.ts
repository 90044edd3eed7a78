import type { Role } from "@/lib/generated/prisma/enums";

/**
 * What each role may do: the one table every page, action, route handler and export consults
 * (through lib/auth/guard.ts). Which records a permitted user may touch is decided by the scopes
 * in lib/auth/scope.ts, in the query itself.
 */
export const PERMISSIONS = {
  "home.view": ["BUYER", "GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN", "SUPPLIER"],
  "institution.view": ["BUYER", "GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN"],
  "ministry.view": ["GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN"],
  /** A SUPPLIER sees only the agreements its company is on (agreementWhere in lib/auth/scope.ts). */
  "catalogue.view": ["BUYER", "GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN", "SUPPLIER"],
  "catalogue.manage": ["ADMIN"],
  /** Run the cascade for a purchase need and record the decision (own institution, or the area's). */
  "cascade.use": ["BUYER", "GROUP_BUYER"],
  /** Read recorded cascade decisions within the row scope (institution, ministry area, or all). */
  "cascade.history": ["BUYER", "GROUP_BUYER", "ADMIN"],
  "users.manage": ["ADMIN"],
  "audit.view": ["ADMIN"],
  /** Open the purchase-data pages (what each role sees there follows the permissions below). */
  "purchaseData.view": ["BUYER", "GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN"],
  /** Submit a quarter's purchase data manually: own institution, or the ministry area's institutions. */
  "purchaseData.submit": ["BUYER", "GROUP_BUYER"],
  /** See which institutions of a ministry have delivered which quarters (own ministry; all for ADMIN). */
  "purchaseData.status": ["GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN"],
  /** Send SKS feed batches: API keys only (a key acts as a BUYER of its institution; app/api/sks). */
  "purchaseData.feed": ["BUYER"],
  /** Set the deadline per quarter for manual submissions and reservations. */
  "deadlines.manage": ["ADMIN"],
  /** Record or withdraw the ministry's reservation (forbehold) against a quarter's SKS data. */
  "reservations.create": ["GROUP_BUYER", "MINISTRY_ANALYST"],
  /** Enrol the own institution (voluntary customers), ask for access after approval, ask to join the next phase. */
  "enrolment.submit": ["BUYER"],
  /** Read enrolments, their Skema files and history within the row scope (own institution, area, all). */
  "enrolment.view": ["BUYER", "GROUP_BUYER", "ADMIN"],
  /** Approve or reject the area's enrolments; handle its access and join-next-phase requests. */
  "enrolment.decide": ["GROUP_BUYER"],
  /** Read the own messages (the outbox) in the portal. */
  "messages.view": ["BUYER", "GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN", "SUPPLIER"],
  /** Compliance dashboards, reports, the lines behind a figure and spend for tender preparation (own ministry; all for ADMIN). */
  "compliance.view": ["GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN"],
  /** The own settings: which optional alerts to receive (/indstillinger). */
  "settings.edit": ["BUYER", "GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN", "SUPPLIER"],
  /** See the jobs' runs, failures and next runs and failed e-mails; run a job now; send a failed e-mail again. */
  "jobs.manage": ["ADMIN"],
  /** Produce and send every ministry's quarterly compliance report; recompute the figures. */
  "compliance.manage": ["ADMIN"],
  /** Send and correct the own company's quarterly sales reports (omsætningsindberetning), by upload or API key. */
  "salesReport.submit": ["SUPPLIER"],
  /** Read sales reports: a SUPPLIER its own company's; ADMIN every supplier's (read only). */
  "salesReport.view": ["SUPPLIER", "ADMIN"],
  /** The suppliers' API keys: a SUPPLIER issues and revokes its company's; ADMIN sees and revokes any. */
  "supplierKeys.manage": ["SUPPLIER", "ADMIN"],
  /** Set the suppliers' deadline per quarter and reopen a quarter for one supplier. */
  "supplierDeadlines.manage": ["ADMIN"],
  /**
   * The reconciliation of suppliers' sales reports with purchase data: ADMIN all; a supplier its own
   * company's findings; a group buyer or analyst those of its ministry's institutions
   * (reconciliationScopeSql in lib/auth/scope.ts).
   */
  "reconciliation.view": ["GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN", "SUPPLIER"],
  /** Set the reconciliation's tolerance. */
  "reconciliation.manage": ["ADMIN"],
  /**
   * The agreements' use against their maximum value: the overview, the figures per quarter and supplier
   * (suppliers' reported sales, all ministries' purchases) and the export. The agency follows the
   * ceilings; everyone who sees an agreement sees its notice (docs/decisions/0016).
   */
  "ceilings.view": ["ADMIN"],
  /** The thresholds at which the agency is warned. */
  "ceilings.manage": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
