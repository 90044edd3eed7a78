import { can, type Permission } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/types";

export type NavItem = { href: string; label: string };

const ITEMS: (NavItem & { permission: Permission; roles?: CurrentUser["role"][] })[] = [
  { href: "/", label: "Forside", permission: "home.view" },
  { href: "/aftaler", label: "Aftaler", permission: "catalogue.view" },
  { href: "/indkoebsbehov/ny", label: "Nyt indkøbsbehov", permission: "cascade.use" },
  { href: "/indkoebsbehov", label: "Beslutninger", permission: "cascade.history" },
  { href: "/tilmeldinger", label: "Tilmeldinger", permission: "enrolment.view" },
  { href: "/institution", label: "Min institution", permission: "institution.view", roles: ["BUYER"] },
  { href: "/ministerier", label: "Ministerområde", permission: "ministry.view", roles: ["GROUP_BUYER", "MINISTRY_ANALYST"] },
  { href: "/ministerier", label: "Ministerier", permission: "ministry.view", roles: ["ADMIN"] },
  { href: "/indkoebsdata", label: "Indkøbsdata", permission: "purchaseData.view" },
  { href: "/compliance", label: "Compliance", permission: "compliance.view" },
  { href: "/omsaetning", label: "Omsætning", permission: "salesReport.view" },
  { href: "/afstemning", label: "Afstemning", permission: "reconciliation.view" },
  { href: "/admin/stamdata", label: "Stamdata", permission: "catalogue.manage" },
  { href: "/admin/frister", label: "Frister", permission: "deadlines.manage" },
  { href: "/admin/leverandorfrister", label: "Leverandørfrister", permission: "supplierDeadlines.manage" },
  { href: "/admin/brugere", label: "Brugere", permission: "users.manage" },
  { href: "/admin/revisionsspor", label: "Revisionsspor", permission: "audit.view" },
  { href: "/admin/korsler", label: "Kørsler", permission: "jobs.manage" },
];

/** The main menu for a user: only what the user's role may open. */
export function navigationFor(user: CurrentUser | null): NavItem[] {
  if (!user) return [];
  return ITEMS.filter((item) => can(user.role, item.permission) && (!item.roles || item.roles.includes(user.role))).map(
    ({ href, label }) => ({ href, label }),
  );
}
