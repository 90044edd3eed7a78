import { z } from "zod";

/** The agency's "produce and send the quarter's reports" form. */
export const sendReportsSchema = z.object({
  quarter: z.string().regex(/^\d{4}Q[1-4]$/, "Vælg et kvartal."),
});

/** The agency's "recompute" form: one quarter, or every quarter ("alle"). */
export const recomputeSchema = z.object({
  quarter: z.union([z.literal("alle"), z.string().regex(/^\d{4}Q[1-4]$/, "Vælg et kvartal.")]),
});
