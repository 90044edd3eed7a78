import { z } from "zod";
import { isValidCvr, normalizeCvr } from "@/lib/domain/identifiers";
import { CONTRACT_TYPE_LABELS, CONTRACT_TYPES } from "@/lib/cascade/eu-threshold";
import { amountFromNumber, parseAmountText } from "@/lib/purchase-data/amount";
import type { AgreementKind, ContractType } from "@/lib/generated/prisma/enums";

/**
 * The rules of the catalogue's master data (agreements, phases, categories, suppliers), shared by
 * the administration forms and the xlsx import. Every value is parsed by a small pure function that
 * returns the value or one Danish message; the zod schemas compose them, so a form field and an
 * import cell are judged by the same rule and get the same words. No I/O here: the rules that need
 * the database (uniqueness, references) are in referenceProblems below, fed with lookups.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

/** YYYY-MM-DD of a date's UTC day (xlsx dates and date inputs are UTC midnights). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A form value or spreadsheet cell as trimmed text; whole numbers without decimals, dates as YYYY-MM-DD. */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "Ja" : "Nej";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : isoDay(value);
  return String(value).trim();
}

export function parseRequiredText(value: unknown, required: string, max: number, what: string): Parsed<string> {
  const text = asText(value);
  if (!text) return fail(required);
  if (text.length > max) return fail(`${what} må højst være ${max} tegn (der er ${text.length}).`);
  return ok(text);
}

export function parseOptionalText(value: unknown, max: number, what: string): Parsed<string> {
  const text = asText(value);
  if (text.length > max) return fail(`${what} må højst være ${max} tegn (der er ${text.length}).`);
  return ok(text);
}

/** A CVR number as typed (spaces and a DK prefix allowed), checked with modulus 11. */
export function parseCvr(value: unknown, required = "Skriv CVR-nummeret."): Parsed<string> {
  const cvr = normalizeCvr(asText(value));
  if (!cvr) return fail(required);
  if (!/^\d{8}$/.test(cvr)) return fail(`Et CVR-nummer består af 8 cifre, fx 13748136 («${cvr}» er ikke 8 cifre).`);
  if (!isValidCvr(cvr)) return fail(`CVR-nummeret ${cvr} er ikke gyldigt: kontrolcifferet passer ikke (modulus 11).`);
  return ok(cvr);
}

export function parseOptionalCvr(value: unknown): Parsed<string | null> {
  return asText(value) ? parseCvr(value) : ok(null);
}

export const CATEGORY_CODE_PATTERN = /^\d{4}$/;

/** A procurement category code: four digits, e.g. 1920. */
export function parseCategoryCode(value: unknown, required = "Skriv kategorikoden."): Parsed<string> {
  const code = asText(value);
  if (!code) return fail(required);
  if (!CATEGORY_CODE_PATTERN.test(code)) return fail(`En kategorikode er fire cifre, fx 1920 («${code}» er ikke fire cifre).`);
  return ok(code);
}

export function parseOptionalCategoryCode(value: unknown): Parsed<string | null> {
  return asText(value) ? parseCategoryCode(value) : ok(null);
}

/** Splits a list typed in one field or cell: commas, semicolons, spaces or line breaks. */
export function splitList(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(splitList);
  const text = asText(value);
  return text ? text.split(/[\s,;]+/).filter(Boolean) : [];
}

/** Category codes, at least one, duplicates dropped. */
export function parseCategoryCodes(value: unknown): Parsed<string[]> {
  const codes = [...new Set(splitList(value))];
  if (codes.length === 0) return fail("Vælg mindst én indkøbskategori.");
  const bad = codes.filter((code) => !CATEGORY_CODE_PATTERN.test(code));
  if (bad.length > 0) return fail(`${quoteList(bad)} er ikke en kategorikode: en kode er fire cifre, fx 1920.`);
  return ok(codes.sort());
}

/** Supplier CVR numbers, possibly none; a "DK" written before a number is dropped. */
export function parseCvrList(value: unknown): Parsed<string[]> {
  const cvrs = [...new Set(splitList(value).map(normalizeCvr).filter(Boolean))];
  const bad = cvrs.filter((cvr) => !isValidCvr(cvr));
  if (bad.length > 0) {
    return fail(`${bad.length === 1 ? "CVR-nummeret" : "CVR-numrene"} ${quoteList(bad)} er ikke ${bad.length === 1 ? "gyldigt" : "gyldige"}: et CVR-nummer er 8 cifre med rigtigt kontrolciffer (modulus 11).`);
  }
  return ok(cvrs.sort());
}

const YES = new Set(["ja", "j", "x", "true", "on", "1", "yes"]);
const NO = new Set(["", "nej", "n", "false", "off", "0", "no"]);

/** A checkbox ("on" or absent) or a Ja/Nej cell. */
export function parseYesNo(value: unknown): Parsed<boolean> {
  if (typeof value === "boolean") return ok(value);
  const text = asText(value).toLowerCase();
  if (YES.has(text)) return ok(true);
  if (NO.has(text)) return ok(false);
  return fail(`Skriv Ja eller Nej («${asText(value)}» kan ikke forstås).`);
}

/** A whole number within bounds; empty gives null when `required` is not given. */
export function parseInteger(value: unknown, min: number, max: number, what: string, required?: string): Parsed<number | null> {
  const text = asText(value);
  if (!text) return required ? fail(required) : ok(null);
  if (!/^-?\d+$/.test(text)) return fail(`${what} skal være et helt tal («${text}» er ikke et helt tal).`);
  const number = Number(text);
  if (number < min || number > max) return fail(`${what} skal være mellem ${min} og ${max}.`);
  return ok(number);
}

/**
 * A calendar date as a UTC midnight: 2026-01-31 (date fields and ISO), 31-01-2026, 31.01.2026 or
 * 31/1/2026 (as Danes write it), or a date cell.
 */
export function parseDate(value: unknown, required: string): Parsed<Date> {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return fail(required);
    return ok(new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate())));
  }
  const text = asText(value);
  if (!text) return fail(required);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const danish = /^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$/.exec(text);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : danish
      ? [Number(danish[3]), Number(danish[2]), Number(danish[1])]
      : [NaN, NaN, NaN];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    Number.isNaN(date.getTime()) ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    year < 1900 ||
    year > 2200
  ) {
    return fail(`«${text}» er ikke en gyldig dato. Skriv datoen som 31-12-2026 eller 2026-12-31.`);
  }
  return ok(date);
}

/**
 * An amount in kroner, as typed ("12.500.000", "12500000,00") or a spreadsheet number, in øre; empty
 * gives null ("not registered"). Never negative; `positive` refuses 0 as well.
 */
export function parseOptionalKroner(value: unknown, what: string, positive = false): Parsed<bigint | null> {
  if (typeof value === "number") {
    const result = amountFromNumber(value);
    if (!result.ok) return fail(`${what}: ${result.reason}`);
    return result.ore < 0n || (positive && result.ore === 0n) ? fail(`${what} skal være større end 0 kr.`) : ok(result.ore);
  }
  const text = asText(value).replace(/\s*kr\.?$/i, "");
  if (!text) return ok(null);
  const result = parseAmountText(text);
  if (!result.ok) return fail(`${what}: ${result.reason}`);
  return result.ore < 0n || (positive && result.ore === 0n) ? fail(`${what} skal være større end 0 kr.`) : ok(result.ore);
}

// ---------------------------------------------------------------------------------------------
// Agreement kinds and the phase rule
// ---------------------------------------------------------------------------------------------

export const AGREEMENT_KINDS = ["MANDATORY_CENTRAL", "VOLUNTARY_CENTRAL", "VOLUNTARY_SKI", "OWN"] as const satisfies readonly AgreementKind[];

/** The short Danish names an import file may use (the full labels and the codes work too). */
export const AGREEMENT_KIND_SHORT: Record<AgreementKind, string> = {
  MANDATORY_CENTRAL: "Forpligtende central",
  VOLUNTARY_CENTRAL: "Frivillig central",
  VOLUNTARY_SKI: "Frivillig SKI",
  OWN: "Egen",
};

/** An enum's code and Danish names (lower case) to its value, for a cell or field that may use any. */
function aliasesOf<T extends string>(values: readonly T[], ...names: Record<T, string>[]): Record<string, T> {
  return Object.fromEntries(values.flatMap((value) => [value, ...names.map((name) => name[value])].map((alias) => [alias.toLowerCase(), value])));
}

/** A value by its code or one of its names (case and spacing never matter); `empty` answers an empty cell. */
function parseChoice<T extends string>(value: unknown, aliases: Record<string, T>, what: string, shortNames: Record<T, string>, empty: Parsed<T>): Parsed<T> {
  const text = asText(value);
  if (!text) return empty;
  const found = aliases[text.toLowerCase().replace(/\s+/g, " ")];
  return found ? ok(found) : fail(`Ukendt ${what} «${text}». Brug en af: ${Object.values(shortNames).join(", ")}.`);
}

const KIND_ALIASES: Record<string, AgreementKind> = {
  ...aliasesOf(AGREEMENT_KINDS, AGREEMENT_KIND_SHORT),
  "forpligtende centralt koordineret aftale": "MANDATORY_CENTRAL",
  forpligtende: "MANDATORY_CENTRAL",
  "frivillig centralt koordineret aftale": "VOLUNTARY_CENTRAL",
  "frivillig ski-aftale": "VOLUNTARY_SKI",
  ski: "VOLUNTARY_SKI",
  "egen aftale": "OWN",
};

export function parseAgreementKind(value: unknown): Parsed<AgreementKind> {
  return parseChoice(value, KIND_ALIASES, "aftaletype", AGREEMENT_KIND_SHORT, fail("Vælg aftaletypen."));
}

/** Centrally coordinated agreements belong to a phase (tender round); SKI and own agreements never do. */
export function kindHasPhase(kind: AgreementKind): boolean {
  return kind === "MANDATORY_CENTRAL" || kind === "VOLUNTARY_CENTRAL";
}

/** The phase rule: a message when the phase number does not fit the kind. */
export function phaseProblem(kind: AgreementKind, phaseNumber: number | null): string | null {
  if (kindHasPhase(kind) && phaseNumber === null) {
    return "Vælg den fase (udbudsrunde), aftalen hører til: en centralt koordineret aftale hører altid til en fase.";
  }
  if (kind === "VOLUNTARY_SKI" && phaseNumber !== null) {
    return "En frivillig SKI-aftale hører ikke til en fase i Statens Indkøbsprogram. Lad fasen være tom.";
  }
  if (kind === "OWN" && phaseNumber !== null) return "En egen aftale hører ikke til en fase. Lad fasen være tom.";
  return null;
}

export function ownerProblem(kind: AgreementKind, ownerCvr: string | null): string | null {
  if (kind === "OWN" && ownerCvr === null) return "Vælg den institution, der ejer aftalen: en egen aftale har altid en ejer.";
  if (kind !== "OWN" && ownerCvr !== null) return "Kun en egen aftale har en ejerinstitution. Lad feltet være tomt.";
  return null;
}

export function dateRangeProblem(validFrom: Date, validTo: Date): string | null {
  return validFrom.getTime() > validTo.getTime()
    ? "Slutdatoen ligger før startdatoen: aftalen skal gælde til samme dag som startdatoen eller senere."
    : null;
}

// ---------------------------------------------------------------------------------------------
// A category's contract type (the EU threshold that applies to its needs)
// ---------------------------------------------------------------------------------------------

/** The short Danish names an import file may use (the full labels and the codes work too). */
export const CONTRACT_TYPE_SHORT: Record<ContractType, string> = {
  SUPPLIES_SERVICES: "Varer og tjenesteydelser",
  WORKS: "Bygge og anlæg",
  SOCIAL_SERVICES: "Light-regimet",
};

const CONTRACT_TYPE_ALIASES = aliasesOf(CONTRACT_TYPES, CONTRACT_TYPE_SHORT, CONTRACT_TYPE_LABELS);

/** Empty means supplies and services, by far the most categories. */
export function parseContractType(value: unknown): Parsed<ContractType> {
  return parseChoice(value, CONTRACT_TYPE_ALIASES, "kontrakttype", CONTRACT_TYPE_SHORT, ok("SUPPLIES_SERVICES"));
}

// ---------------------------------------------------------------------------------------------
// Zod schemas
// ---------------------------------------------------------------------------------------------

/**
 * A zod field from a parser: one issue with the parser's message, or the parsed value. A missing
 * key (an unticked checkbox, an empty file column) reaches the parser as undefined.
 */
export function field<T>(parse: (value: unknown) => Parsed<T>) {
  return z.unknown().optional().transform((value, ctx): T => {
    const result = parse(value);
    if (result.ok) return result.value;
    ctx.issues.push({ code: "custom", message: result.message, input: value });
    return z.NEVER;
  });
}

const idField = z.coerce.number({ error: "Ukendt id." }).int().positive({ error: "Ukendt id." });
/** An empty id means "create"; a number means "edit". */
const optionalIdField = field((value) => {
  const text = asText(value);
  if (!text) return ok(null);
  return /^[1-9]\d{0,9}$/.test(text) ? ok(Number(text)) : fail("Ukendt id.");
});

export const MAX_NAME = 200;
/** The agency's purchase-data format allows 50 characters in a category name (Indkøbskategori). */
export const MAX_CATEGORY_NAME = 50;
export const MAX_REFERENCE = 50;
export const MAX_DESCRIPTION = 4000;

// Suppliers ------------------------------------------------------------------------------------

const supplierFields = {
  cvr: field((value) => parseCvr(value, "Skriv leverandørens CVR-nummer.")),
  name: field((value) => parseRequiredText(value, "Skriv leverandørens navn.", MAX_NAME, "Navnet")),
  categoryCode: field(parseOptionalCategoryCode),
};

export const supplierInputSchema = z.object(supplierFields);
export type SupplierInput = z.infer<typeof supplierInputSchema>;

/** The supplier form: no id creates; an id edits (the CVR number cannot change, see admin.ts). */
export const supplierFormSchema = z.object({ id: optionalIdField, ...supplierFields });

// Categories -----------------------------------------------------------------------------------

const categoryFields = {
  code: field((value) => parseCategoryCode(value)),
  name: field((value) => parseRequiredText(value, "Skriv kategoriens navn.", MAX_CATEGORY_NAME, "Navnet")),
  hasMandatoryAgreements: field(parseYesNo),
  contractType: field(parseContractType),
};

export const categoryInputSchema = z.object(categoryFields);
export type CategoryInput = z.infer<typeof categoryInputSchema>;

/** `editing` holds the code of the category being edited; empty creates. */
export const categoryFormSchema = z.object({
  editing: field((value) => ok(asText(value) || null)),
  ...categoryFields,
});

// Phases ---------------------------------------------------------------------------------------

const phaseFields = {
  number: field((value) => parseInteger(value, 1, 999, "Fasens nummer", "Skriv fasens nummer, fx 12.")),
  name: field((value) => parseOptionalText(value, 100, "Navnet")),
  tenderYear: field((value) => parseInteger(value, 1990, 2100, "Udbudsåret", "Skriv det år, udbuddet blev holdt, fx 2016.")),
  effectiveDate: field((value) => parseDate(value, "Skriv den dato, fasens aftaler trådte i kraft.")),
  closed: field(parseYesNo),
};

function phaseRule(phase: { tenderYear: unknown; effectiveDate: unknown }, ctx: z.RefinementCtx) {
  if (typeof phase.tenderYear === "number" && phase.effectiveDate instanceof Date && phase.effectiveDate.getUTCFullYear() < phase.tenderYear) {
    ctx.addIssue({
      code: "custom",
      path: ["effectiveDate"],
      message: `Aftalerne kan ikke træde i kraft før udbudsåret ${phase.tenderYear}.`,
    });
  }
}


export const phaseFormSchema = z.object({ id: optionalIdField, ...phaseFields }).superRefine(phaseRule, { when: () => true });

// Agreements -----------------------------------------------------------------------------------

const agreementFields = {
  reference: field((value) => parseRequiredText(value, "Skriv aftalens reference, fx SIP 12.03.", MAX_REFERENCE, "Referencen")),
  name: field((value) => parseRequiredText(value, "Skriv aftalens navn.", MAX_NAME, "Navnet")),
  description: field((value) => parseOptionalText(value, MAX_DESCRIPTION, "Beskrivelsen")),
  kind: field(parseAgreementKind),
  phaseNumber: field((value) => parseInteger(value, 1, 999, "Fasen")),
  validFrom: field((value) => parseDate(value, "Skriv den dato, aftalen gælder fra.")),
  validTo: field((value) => parseDate(value, "Skriv den sidste dag, aftalen gælder.")),
  ownerCvr: field(parseOptionalCvr),
  categoryCodes: field(parseCategoryCodes),
  supplierCvrs: field(parseCvrList),
  ecommerce: field(parseYesNo),
  /** The agreement's estimated and maximum value in øre; null: not registered (docs/decisions/0016). */
  estimatedValueOre: field((value) => parseOptionalKroner(value, "Den anslåede værdi")),
  maximumValueOre: field((value) => parseOptionalKroner(value, "Den maksimale værdi", true)),
};

const AGREEMENT_KIND_SET = new Set<unknown>(AGREEMENT_KINDS);

/** The cross-field rules: phase by kind, owner by kind, validity period. Runs beside field errors. */
function agreementRule(
  agreement: { kind: unknown; phaseNumber: unknown; ownerCvr: unknown; validFrom: unknown; validTo: unknown; estimatedValueOre: unknown; maximumValueOre: unknown },
  ctx: z.RefinementCtx,
) {
  if (typeof agreement.estimatedValueOre === "bigint" && typeof agreement.maximumValueOre === "bigint" && agreement.estimatedValueOre > agreement.maximumValueOre) {
    ctx.addIssue({ code: "custom", path: ["estimatedValueOre"], message: "Den anslåede værdi kan ikke være større end den maksimale værdi." });
  }
  if (AGREEMENT_KIND_SET.has(agreement.kind)) {
    const kind = agreement.kind as AgreementKind;
    if (agreement.phaseNumber === null || typeof agreement.phaseNumber === "number") {
      const problem = phaseProblem(kind, agreement.phaseNumber);
      if (problem) ctx.addIssue({ code: "custom", path: ["phaseNumber"], message: problem });
    }
    if (agreement.ownerCvr === null || typeof agreement.ownerCvr === "string") {
      const problem = ownerProblem(kind, agreement.ownerCvr);
      if (problem) ctx.addIssue({ code: "custom", path: ["ownerCvr"], message: problem });
    }
  }
  if (agreement.validFrom instanceof Date && agreement.validTo instanceof Date) {
    const problem = dateRangeProblem(agreement.validFrom, agreement.validTo);
    if (problem) ctx.addIssue({ code: "custom", path: ["validTo"], message: problem });
  }
}

export const agreementInputSchema = z.object(agreementFields).superRefine(agreementRule, { when: () => true });
export type AgreementInput = z.infer<typeof agreementInputSchema>;

/** Form checkboxes are named `category:<code>`, since a form's repeated names do not survive parsing. */
export const CATEGORY_CHECKBOX_PREFIX = "category:";

function collectCategoryCheckboxes(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const entries = raw as Record<string, unknown>;
  const codes = Object.keys(entries)
    .filter((key) => key.startsWith(CATEGORY_CHECKBOX_PREFIX))
    .map((key) => key.slice(CATEGORY_CHECKBOX_PREFIX.length));
  return { ...entries, categoryCodes: codes.length > 0 ? codes : entries.categoryCodes };
}

export const agreementFormSchema = z.preprocess(
  collectCategoryCheckboxes,
  z.object({ id: optionalIdField, ...agreementFields }).superRefine(agreementRule, { when: () => true }),
);

export const retireAgreementSchema = z.object({
  id: idField,
  confirm: field((value) => {
    const yes = parseYesNo(value);
    return yes.ok && yes.value ? ok(true) : fail("Sæt flueben for at bekræfte, at aftalen skal udfases.");
  }),
});

/** The import form's file; its content is checked by lib/xlsx/reader.ts. */
export const importFileSchema = z.object({
  file: z.custom<File>((value) => typeof File !== "undefined" && value instanceof File && value.size > 0, {
    error: "Vælg den xlsx-fil, der skal importeres.",
  }),
});

// ---------------------------------------------------------------------------------------------
// Rules that need the existing master data
// ---------------------------------------------------------------------------------------------

/** What the reference rules need to know about the database (and, for an import, the file). */
export type MasterDataLookup = {
  phaseExists: (number: number) => boolean;
  institutionExists: (cvr: string) => boolean;
  categoryExists: (code: string) => boolean;
  supplierExists: (cvr: string) => boolean;
};

export type FieldProblem<Field extends string = string> = { field: Field; message: string };

export function supplierReferenceProblems(input: SupplierInput, lookup: MasterDataLookup): FieldProblem<keyof SupplierInput>[] {
  if (input.categoryCode !== null && !lookup.categoryExists(input.categoryCode)) {
    return [{ field: "categoryCode", message: `Kategorien ${input.categoryCode} findes ikke. Opret den under Kategorier først.` }];
  }
  return [];
}

export function agreementReferenceProblems(input: AgreementInput, lookup: MasterDataLookup): FieldProblem<keyof AgreementInput>[] {
  const problems: FieldProblem<keyof AgreementInput>[] = [];
  if (input.phaseNumber !== null && !lookup.phaseExists(input.phaseNumber)) {
    problems.push({ field: "phaseNumber", message: `Fase ${input.phaseNumber} findes ikke. Opret fasen under Faser først.` });
  }
  if (input.ownerCvr !== null && !lookup.institutionExists(input.ownerCvr)) {
    problems.push({ field: "ownerCvr", message: `Der er ingen institution med CVR-nummer ${input.ownerCvr}.` });
  }
  const missingCategories = input.categoryCodes.filter((code) => !lookup.categoryExists(code));
  if (missingCategories.length > 0) {
    problems.push({
      field: "categoryCodes",
      message: `${missingCategories.length === 1 ? "Kategorien" : "Kategorierne"} ${quoteList(missingCategories)} findes ikke.`,
    });
  }
  const missingSuppliers = input.supplierCvrs.filter((cvr) => !lookup.supplierExists(cvr));
  if (missingSuppliers.length > 0) {
    problems.push({
      field: "supplierCvrs",
      message: `Der er ingen leverandør med CVR-${missingSuppliers.length === 1 ? "nummer" : "numrene"} ${quoteList(missingSuppliers)}. Opret leverandøren først.`,
    });
  }
  return problems;
}

/** "1, 2 og 3" */
export function quoteList(items: readonly string[]): string {
  const shown = items.length > 5 ? [...items.slice(0, 5), `${items.length - 5} flere`] : [...items];
  return shown.length <= 1 ? (shown[0] ?? "") : `${shown.slice(0, -1).join(", ")} og ${shown.at(-1)}`;
}
