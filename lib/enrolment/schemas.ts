import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { isValidCvr, isValidEan, normalizeCvr, normalizeEan } from "@/lib/domain/identifiers";

/**
 * The enrolment forms' fields, shared by the forms and the server actions (no "use server" here).
 * Field names are the form's input names; messages are Danish and shown at the field.
 */

const id = z.coerce.number({ error: "Ugyldig værdi." }).int().positive({ error: "Ugyldig værdi." });

const text = (label: string, max: number) =>
  z
    .string({ error: `Udfyld ${label}.` })
    .trim()
    .min(1, { error: `Udfyld ${label}.` })
    .max(max, { error: `Højst ${max} tegn.` });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Højst ${max} tegn.` })
    .optional()
    .transform((value) => value ?? "");

export const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{6,19}$/;

/** Copenhagen's today as YYYY-MM-DD. */
function todayIso(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Copenhagen", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The Bilag 7 form. The institution is the logged-in buyer's own; the CVR must be its CVR. */
export const bilag7Schema = z.object({
  agreementId: id,
  cvr: z
    .string({ error: "Udfyld CVR-nummer." })
    .transform(normalizeCvr)
    .refine((value) => value !== "", { error: "Udfyld CVR-nummer." })
    .refine(isValidCvr, { error: "CVR-nummeret skal være 8 cifre med korrekt kontrolciffer." }),
  ean: z
    .string({ error: "Udfyld EAN-lokationsnummer." })
    .transform(normalizeEan)
    .refine((value) => value !== "", { error: "Udfyld EAN-lokationsnummer." })
    .refine(isValidEan, { error: "EAN-lokationsnummeret skal være 13 cifre med korrekt kontrolciffer." }),
  address: text("adressen", 200),
  contactName: text("kontaktperson", 100),
  contactEmail: z
    .string({ error: "Udfyld e-mail." })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Skriv en gyldig e-mailadresse, fx navn@kommune.dk." }).max(200, { error: "Højst 200 tegn." })),
  contactPhone: z
    .string({ error: "Udfyld telefonnummer." })
    .trim()
    .refine((value) => value !== "", { error: "Udfyld telefonnummer." })
    .refine((value) => PHONE_PATTERN.test(value), { error: "Skriv et gyldigt telefonnummer, fx +45 89 40 20 01." }),
  signatoryName: text("navnet på den, der underskriver", 100),
  signedOn: z
    .string({ error: "Udfyld datoen." })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Skriv datoen som åååå-mm-dd." })
    .refine((value) => !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
      error: "Datoen findes ikke.",
    })
    .refine((value) => value <= todayIso(), { error: "Datoen kan ikke ligge i fremtiden." })
    .refine((value) => value >= "2000-01-01", { error: "Datoen er for gammel." }),
  acceptsNoObligation: z.literal("on", { error: "Bekræft, at I har forstået, at tilmeldingen ikke forpligter jer til at købe." }),
  file: z.custom<File>((value) => typeof File !== "undefined" && value instanceof File && value.size > 0, {
    error: "Vælg det udfyldte Skema (xlsx).",
  }),
});

export type Bilag7Input = z.infer<typeof bilag7Schema>;

/** Bilag 7 without the file, as the service takes it (the file comes as bytes). */
export type Bilag7Fields = Omit<Bilag7Input, "file">;

export const decideEnrolmentSchema = z
  .object({
    enrolmentId: id,
    decision: z.enum(["APPROVE", "REJECT"], { error: "Vælg godkend eller afvis." }),
    reason: optionalText(1000),
  })
  .refine((input) => input.decision === "APPROVE" || input.reason.length > 0, {
    path: ["reason"],
    error: "Skriv, hvorfor tilmeldingen afvises. Begrundelsen sendes til kunden.",
  });

export const withdrawEnrolmentSchema = z.object({ enrolmentId: id });

export const accessRequestSchema = z.object({
  enrolmentId: id,
  purpose: z
    .string({ error: "Beskriv det konkrete køb." })
    .trim()
    .min(10, { error: "Beskriv det konkrete køb, I vil foretage på aftalen (mindst 10 tegn)." })
    .max(1000, { error: "Højst 1000 tegn." }),
});

const requestDecision = z.enum(["GRANT", "REFUSE"], { error: "Vælg imødekom eller afvis." });

export const decideAccessRequestSchema = z
  .object({ requestId: id, decision: requestDecision, response: optionalText(1000) })
  .refine((input) => input.decision === "GRANT" || input.response.length > 0, {
    path: ["response"],
    error: "Skriv, hvorfor anmodningen afvises.",
  });

export const joinRequestSchema = z.object({ agreementId: id, message: optionalText(1000) });

export const decideJoinRequestSchema = z
  .object({ requestId: id, decision: requestDecision, response: optionalText(1000) })
  .refine((input) => input.decision === "GRANT" || input.response.length > 0, {
    path: ["response"],
    error: "Skriv, hvorfor anmodningen afvises.",
  });

export const markReadSchema = z.union([z.object({ all: z.literal("true") }), z.object({ messageId: id })]);

/** A problem found in the uploaded Skema: sheet, row and column as Excel shows them, and why. */
export type SkemaProblemRow = { sheet: string; row: number | null; column: string | null; message: string };

/** What the enrolment form's action returns: besides the field errors, the Skema's problems. */
export type EnrolmentActionResult = ActionResult & { problems?: SkemaProblemRow[]; totalProblems?: number };
