import { z } from "zod";
import { parseQuarter } from "./quarter";

/** A quarter as a form sends it ("2016Q4", also "2016K4" or "4. kvartal 2016"), canonical out. */
export const quarterField = z
  .string({ error: "Vælg et kvartal." })
  .trim()
  .min(1, "Vælg et kvartal.")
  .transform((value, context) => {
    const quarter = parseQuarter(value);
    if (!quarter) {
      context.addIssue({ code: "custom", message: "Skriv kvartalet som fx 2016Q4." });
      return z.NEVER;
    }
    return quarter.code;
  });

export const isoDay = z
  .string({ error: "Angiv en dato." })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Angiv datoen som åååå-mm-dd.")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "Datoen findes ikke.");

export const setDeadlineSchema = z.object({ quarter: quarterField, deadline: isoDay });
export const deleteDeadlineSchema = z.object({ quarter: quarterField });

export const createReservationSchema = z.object({
  quarter: quarterField,
  text: z
    .string({ error: "Beskriv forbeholdet." })
    .trim()
    .min(10, "Beskriv forbeholdet med mindst 10 tegn.")
    .max(2000, "Forbeholdet må højst have 2.000 tegn."),
});
export const withdrawReservationSchema = z.object({ reservationId: z.coerce.number().int().positive() });

/** The upload's own fields (the file travels as the request body; see app/indkoebsdata/indsend). */
export const uploadQuerySchema = z.object({ quarter: quarterField });
