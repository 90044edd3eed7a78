import { z } from "zod";
import { isValidCvr, normalizeCvr } from "@/lib/domain/identifiers";

/**
 * The roles a role change may give. SUPPLIER is not among them: a supplier user is created with
 * its company (createSupplierUserSchema) and never moves to or from another organisation's role.
 */
const CHANGEABLE_ROLES = ["BUYER", "GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN"] as const;

export const changeRoleSchema = z.object({
  userId: z.coerce.number().int().positive(),
  role: z.enum(CHANGEABLE_ROLES, { error: "Vælg en rolle." }),
});

export const setActiveSchema = z.object({
  userId: z.coerce.number().int().positive(),
  active: z.enum(["true", "false"]).transform((value) => value === "true"),
});

/** A supplier company's user: the role SUPPLIER always comes with the company's CVR. */
export const createSupplierUserSchema = z.object({
  name: z.string({ error: "Skriv brugerens navn." }).trim().min(1, { error: "Skriv brugerens navn." }).max(100, { error: "Højst 100 tegn." }),
  email: z
    .string({ error: "Skriv brugerens e-mail." })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Skriv en gyldig e-mailadresse, fx navn@leverandoer.dk." }).max(200, { error: "Højst 200 tegn." })),
  role: z.literal("SUPPLIER", { error: "Vælg rollen Leverandør." }),
  supplierCvr: z
    .string({ error: "Vælg leverandøren." })
    .transform(normalizeCvr)
    .refine((value) => value !== "", { error: "Vælg leverandøren.", abort: true })
    .refine(isValidCvr, { error: "CVR-nummeret skal være 8 cifre med korrekt kontrolciffer." }),
});
