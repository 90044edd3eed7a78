import type { Role } from "@/lib/generated/prisma/enums";

/** The logged-in user as every page and action sees it: read from the database on each request. */
export type CurrentUser = {
  id: number;
  name: string;
  email: string;
  role: Role;
  institutionId: number | null;
  institutionName: string | null;
  ministryId: number | null;
  ministryName: string | null;
  /** The supplier company of a SUPPLIER user (null for every other role). */
  supplierId: number | null;
  supplierName: string | null;
  /** Set when the caller is an API key (lib/auth/api-key.ts) acting for its creator `id`. */
  apiKeyId?: number;
};
