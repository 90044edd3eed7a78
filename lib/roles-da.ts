import type { Role } from "@/lib/generated/prisma/enums";

/** Danish names of the portal's roles, as shown in the UI. */
const ROLE_LABELS: Record<Role, string> = {
  BUYER: "Indkøber",
  GROUP_BUYER: "Koncernindkøber",
  MINISTRY_ANALYST: "Ministeriemedarbejder",
  ADMIN: "Administrator (Statens Indkøb)",
  SUPPLIER: "Leverandør",
};

/** The Danish UI label of a role, e.g. `roleLabel("GROUP_BUYER")` -> "Koncernindkøber". */
export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}
