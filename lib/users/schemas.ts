import { z } from "zod";

const ROLES = ["BUYER", "GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN", "SUPPLIER"] as const;

export const changeRoleSchema = z.object({
  userId: z.coerce.number().int().positive(),
  role: z.enum(ROLES, { error: "Vælg en rolle." }),
});

export const setActiveSchema = z.object({
  userId: z.coerce.number().int().positive(),
  active: z.enum(["true", "false"]).transform((value) => value === "true"),
});
