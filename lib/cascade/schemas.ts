import { z } from "zod";
import { JUSTIFICATION_MAX_LENGTH, OWN_PROCUREMENT_CHOICE } from "@/lib/cascade/labels";
import { readDanishAmount, type AmountProblem } from "@/lib/domain/amount";
import { formatDate, toIsoDate } from "@/lib/format";

/**
 * The input of the cascade: a purchase need (category, amount, date, and for a group buyer the
 * institution) and the buyer's choice. Shared by the page's GET form, the server action and the
 * API, so each judges a value by the same rule and answers with the same Danish words. Pure: what
 * needs the database (does the category exist, may the user act for the institution) is checked in
 * lib/cascade/decisions.ts.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

/** 100 billion kroner: more than any single purchase need, far less than a bigint holds. */
export const MAX_AMOUNT_ORE = 100_000_000_000_00n;
/** How far from today the date of a need may lie, in years, either way. */
export const MAX_YEARS_FROM_TODAY = 5;

const AMOUNT_EXAMPLE = "fx 125.000 eller 1.234,50";

const AMOUNT_PROBLEMS: Record<AmountProblem, string> = {
  empty: `Skriv det anslåede beløb i kroner ekskl. moms, ${AMOUNT_EXAMPLE}.`,
  "dot-decimal": `Brug komma som decimaltegn, ${AMOUNT_EXAMPLE}.`,
  "too-many-decimals": "Beløbet kan højst have to decimaler (øre).",
  "too-large": "Beløbet er for stort: det kan højst være 100.000.000.000 kr.",
  "not-a-number": `Beløbet skal være et tal i kroner, ${AMOUNT_EXAMPLE}.`,
};

/**
 * A Danish amount in kroner, exactly, as øre: "1.234.567,50" -> 123456750n, read by the shared
 * reader (lib/domain/amount.ts: thousands grouped with "." or spaces, a decimal comma with at most
 * two decimals); a trailing "kr." is allowed. Never goes through a float.
 */
export function parseAmountOre(raw: unknown): Parsed<bigint> {
  const text = typeof raw === "string" ? raw : typeof raw === "number" ? String(raw) : "";
  const reading = readDanishAmount(text.replace(/\s*(kr\.?|dkk)\s*$/i, "").trim());
  if (!reading.ok) return fail(AMOUNT_PROBLEMS[reading.problem]);
  if (reading.ore <= 0n) return fail("Beløbet skal være større end 0 kr.");
  if (reading.ore > MAX_AMOUNT_ORE) return fail(AMOUNT_PROBLEMS["too-large"]);
  return ok(reading.ore);
}

/** An amount in whole øre as a machine sends it (API): a non-negative integer, no decimals. */
export function parseAmountOreInteger(raw: unknown): Parsed<bigint> {
  const text = typeof raw === "number" && Number.isSafeInteger(raw) ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  if (!/^-?\d{1,20}$/.test(text)) return fail("amountOre skal være et helt antal øre, fx 12500000 for 125.000,00 kr.");
  const ore = BigInt(text);
  if (ore <= 0n) return fail("Beløbet skal være større end 0 kr.");
  if (ore > MAX_AMOUNT_ORE) return fail(AMOUNT_PROBLEMS["too-large"]);
  return ok(ore);
}

/** Today in Copenhagen as YYYY-MM-DD. */
export function todayIso(): string {
  return toIsoDate(new Date());
}

function isoOf(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** The same day `years` later (or earlier); 29 February becomes 28 February in other years. */
export function addYears(iso: string, years: number): string {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return isoOf(year + years, month, day) ?? isoOf(year + years, month, day - 1)!;
}

/**
 * The date of the need: ISO (what a date field sends) or Danish day-month-year ("24-12-2026",
 * "24.12.2026"); empty means today. It must lie at most five years from today, either way.
 */
export function parseNeedDate(raw: unknown, today: string): Parsed<string> {
  const text = typeof raw === "string" ? raw.trim() : "";
  if (!text) return ok(today);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const danish = /^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$/.exec(text);
  const date = iso
    ? isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]))
    : danish
      ? isoOf(Number(danish[3]), Number(danish[2]), Number(danish[1]))
      : null;
  if (!date) return fail("Datoen er ugyldig. Skriv den som dd-mm-åååå, fx 24-12-2026.");
  const earliest = addYears(today, -MAX_YEARS_FROM_TODAY);
  const latest = addYears(today, MAX_YEARS_FROM_TODAY);
  if (date < earliest || date > latest) {
    return fail(`Datoen må højst ligge ${MAX_YEARS_FROM_TODAY} år fra i dag: mellem ${formatDate(earliest)} og ${formatDate(latest)}.`);
  }
  return ok(date);
}

/** One value of a form or query string (a repeated query parameter counts by its first value). */
function single(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** A zod field from a Parsed<T> rule, with the rule's Danish message at the field. */
function ruleField<T>(rule: (value: unknown) => Parsed<T>) {
  return z.unknown().optional().transform((value, ctx): T => {
    const parsed = rule(single(value));
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  });
}

const categoryField = ruleField((value) => {
  const text = typeof value === "string" ? value.trim() : "";
  if (!text) return fail("Vælg en indkøbskategori.");
  if (text.length > 200) return fail("Indkøbskategorien er for lang. Vælg en kategori fra listen.");
  return ok(text);
});

const institutionField = ruleField<number | null>((value) => {
  const text = typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : "";
  if (!text) return ok(null);
  if (!/^[1-9]\d{0,9}$/.test(text) || Number(text) > 2_147_483_647) return fail("Vælg en institution fra listen.");
  return ok(Number(text));
});

/** A purchase need as the page's form and the server action send it (all text). */
export function needInputSchema(today: string = todayIso()) {
  return z
    .object({
      category: categoryField,
      amount: ruleField(parseAmountOre),
      date: ruleField((value) => parseNeedDate(value, today)),
      institution: institutionField,
    })
    .transform(({ category, amount, date, institution }) => ({ category, amountOre: amount, date, institutionId: institution }));
}

export type NeedInput = z.output<ReturnType<typeof needInputSchema>>;

/**
 * A purchase need as another system sends it (API, query string or JSON): `category` (code),
 * `amountOre` (whole øre) or `amount` (Danish kroner text), `date`, and `institutionId` for a
 * group buyer. Errors are reported under the names the caller used.
 */
export function apiNeedInputSchema(today: string = todayIso()) {
  return z
    .object({
      category: categoryField,
      amountOre: z.unknown().optional(),
      amount: z.unknown().optional(),
      date: ruleField((value) => parseNeedDate(value, today)),
      institutionId: institutionField,
    })
    .transform((input, ctx) => {
      const rawOre = single(input.amountOre);
      const useOre = rawOre !== undefined && rawOre !== null && rawOre !== "";
      const parsed = useOre ? parseAmountOreInteger(rawOre) : parseAmountOre(single(input.amount));
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.message, path: [useOre ? "amountOre" : "amount"] });
        return z.NEVER;
      }
      return { category: input.category, amountOre: parsed.value, date: input.date, institutionId: input.institutionId };
    });
}

export type ChoiceInput = {
  /** An agreement id, or null for own procurement. */
  agreementId: number | null;
  justification: string;
  /** The fingerprint of the explanation the buyer saw (lib/cascade/decisions.ts), if sent. */
  shown: string | null;
};

/** The buyer's choice: an agreement of the list, or own procurement, and the justification. */
export const choiceSchema = z
  .object({
    choice: ruleField<number | null>((value) => {
      const text = typeof value === "string" ? value.trim() : "";
      if (!text) return fail("Vælg den aftale, du vil bruge, eller eget indkøb.");
      if (text === OWN_PROCUREMENT_CHOICE) return ok(null);
      if (!/^[1-9]\d{0,9}$/.test(text) || Number(text) > 2_147_483_647) return fail("Vælg en af de anvendelige aftaler eller eget indkøb.");
      return ok(Number(text));
    }),
    justification: ruleField((value) => {
      const text = (typeof value === "string" ? value : "").replace(/\r\n/g, "\n").trim();
      if (text.length > JUSTIFICATION_MAX_LENGTH) {
        return fail(`Begrundelsen må højst være ${JUSTIFICATION_MAX_LENGTH} tegn (der er ${text.length}).`);
      }
      return ok(text);
    }),
    shown: z
      .unknown()
      .optional()
      .transform((value) => single(value))
      .transform((value) => (typeof value === "string" && /^[0-9a-f]{64}$/.test(value) ? value : null)),
  })
  .transform(({ choice, justification, shown }): ChoiceInput => ({ agreementId: choice, justification, shown }));

/** The server action's form: the need (as hidden fields) and the choice. */
export function decisionFormSchema(today: string = todayIso()) {
  const need = needInputSchema(today);
  return z.unknown().transform((value, ctx) => {
    const needResult = need.safeParse(value);
    const choiceResult = choiceSchema.safeParse(value);
    for (const result of [needResult, choiceResult]) {
      if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    }
    if (!needResult.success || !choiceResult.success) return z.NEVER;
    return { need: needResult.data, choice: choiceResult.data };
  });
}
