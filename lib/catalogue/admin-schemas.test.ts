import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  agreementFormSchema,
  agreementInputSchema,
  agreementReferenceProblems,
  categoryFormSchema,
  parseAgreementKind,
  parseCategoryCodes,
  parseCvr,
  parseCvrList,
  parseDate,
  parseOptionalKroner,
  parseYesNo,
  phaseFormSchema,
  phaseProblem,
  supplierFormSchema,
  type MasterDataLookup,
} from "./admin-schemas";

function fieldErrors(schema: z.ZodType, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  return result.success ? {} : (z.flattenError(result.error).fieldErrors as Record<string, string[]>);
}

const validAgreement = {
  reference: "SIP 12.09",
  name: "Kontorartikler",
  description: "",
  kind: "MANDATORY_CENTRAL",
  phaseNumber: "12",
  validFrom: "2026-01-01",
  validTo: "2029-12-31",
  ownerCvr: "",
  categoryCodes: "1920",
  supplierCvrs: "13748136",
  ecommerce: "on",
};

describe("CVR numbers", () => {
  it("accept the official example with spaces and a DK prefix", () => {
    expect(parseCvr("DK 13 74 81 36")).toEqual({ ok: true, value: "13748136" });
    expect(parseCvr(13748136)).toEqual({ ok: true, value: "13748136" });
  });

  it("refuse a wrong check digit, a wrong length and an empty field in Danish", () => {
    expect(parseCvr("13748137")).toEqual({ ok: false, message: expect.stringContaining("kontrolcifferet passer ikke") });
    expect(parseCvr("1234")).toEqual({ ok: false, message: expect.stringContaining("8 cifre") });
    expect(parseCvr("", "Skriv leverandørens CVR-nummer.")).toEqual({ ok: false, message: "Skriv leverandørens CVR-nummer." });
  });

  it("read lists separated by commas, semicolons and line breaks, without duplicates", () => {
    expect(parseCvrList("13748136, DK13748136;\n")).toEqual({ ok: true, value: ["13748136"] });
    expect(parseCvrList("")).toEqual({ ok: true, value: [] });
    expect(parseCvrList("13748136 12345678")).toEqual({ ok: false, message: expect.stringContaining("12345678") });
  });
});

describe("values as typed in forms and cells", () => {
  it("read Danish and ISO dates and refuse impossible ones", () => {
    expect(parseDate("31-12-2026", "x")).toEqual({ ok: true, value: new Date(Date.UTC(2026, 11, 31)) });
    expect(parseDate("1.2.2026", "x")).toEqual({ ok: true, value: new Date(Date.UTC(2026, 1, 1)) });
    expect(parseDate("2026-02-30", "x")).toEqual({ ok: false, message: expect.stringContaining("ikke en gyldig dato") });
    expect(parseDate(new Date(Date.UTC(2026, 0, 5, 13)), "x")).toEqual({ ok: true, value: new Date(Date.UTC(2026, 0, 5)) });
    expect(parseDate("", "Skriv datoen.")).toEqual({ ok: false, message: "Skriv datoen." });
  });

  it("read Ja/Nej, checkboxes and booleans", () => {
    for (const yes of ["Ja", "ja", "on", "x", true]) expect(parseYesNo(yes)).toEqual({ ok: true, value: true });
    for (const no of ["Nej", "", undefined, null, false]) expect(parseYesNo(no)).toEqual({ ok: true, value: false });
    expect(parseYesNo("måske")).toEqual({ ok: false, message: expect.stringContaining("Ja eller Nej") });
  });

  it("read agreement kinds by code, Danish label or short name", () => {
    expect(parseAgreementKind("Frivillig SKI")).toEqual({ ok: true, value: "VOLUNTARY_SKI" });
    expect(parseAgreementKind("forpligtende centralt koordineret aftale")).toEqual({ ok: true, value: "MANDATORY_CENTRAL" });
    expect(parseAgreementKind("OWN")).toEqual({ ok: true, value: "OWN" });
    expect(parseAgreementKind("Rammeaftale")).toEqual({ ok: false, message: expect.stringContaining("Ukendt aftaletype") });
  });

  it("require four-digit category codes, at least one", () => {
    expect(parseCategoryCodes("1920, 1210 1920")).toEqual({ ok: true, value: ["1210", "1920"] });
    expect(parseCategoryCodes("")).toEqual({ ok: false, message: "Vælg mindst én indkøbskategori." });
    expect(parseCategoryCodes("192")).toEqual({ ok: false, message: expect.stringContaining("fire cifre") });
  });
});

describe("the agreement schema", () => {
  it("accepts a valid agreement and gives typed values", () => {
    const result = agreementInputSchema.parse(validAgreement);
    expect(result).toMatchObject({ kind: "MANDATORY_CENTRAL", phaseNumber: 12, ownerCvr: null, ecommerce: true, categoryCodes: ["1920"] });
    expect(result.validTo).toEqual(new Date(Date.UTC(2029, 11, 31)));
  });

  it("requires a phase for central agreements and forbids one for SKI and own agreements", () => {
    expect(phaseProblem("MANDATORY_CENTRAL", null)).toMatch(/fase/);
    expect(phaseProblem("VOLUNTARY_CENTRAL", 12)).toBeNull();
    expect(fieldErrors(agreementInputSchema, { ...validAgreement, phaseNumber: "" }).phaseNumber?.[0]).toMatch(/Vælg den fase/);
    expect(fieldErrors(agreementInputSchema, { ...validAgreement, kind: "VOLUNTARY_SKI" }).phaseNumber?.[0]).toMatch(/SKI-aftale hører ikke til en fase/);
    expect(fieldErrors(agreementInputSchema, { ...validAgreement, kind: "OWN", ownerCvr: "13748136" }).phaseNumber?.[0]).toMatch(/egen aftale/);
  });

  it("requires an owner for own agreements only", () => {
    const own = { ...validAgreement, kind: "OWN", phaseNumber: "" };
    expect(fieldErrors(agreementInputSchema, own).ownerCvr?.[0]).toMatch(/ejer/);
    expect(fieldErrors(agreementInputSchema, { ...own, ownerCvr: "13748136" })).toEqual({});
    expect(fieldErrors(agreementInputSchema, { ...validAgreement, ownerCvr: "13748136" }).ownerCvr?.[0]).toMatch(/Kun en egen aftale/);
  });

  it("refuses a period that ends before it starts, beside other field errors", () => {
    const errors = fieldErrors(agreementInputSchema, { ...validAgreement, name: "", validFrom: "2027-01-01", validTo: "2026-12-31" });
    expect(errors.validTo?.[0]).toMatch(/Slutdatoen ligger før startdatoen/);
    expect(errors.name).toEqual(["Skriv aftalens navn."]);
  });

  it("collects the form's category checkboxes and reads an empty id as a new agreement", () => {
    const rest: Record<string, unknown> = { ...validAgreement };
    delete rest.categoryCodes;
    const parsed = agreementFormSchema.parse({ ...rest, id: "", "category:1920": "on", "category:1210": "on" });
    expect(parsed.id).toBeNull();
    expect(parsed.categoryCodes).toEqual(["1210", "1920"]);
    expect(fieldErrors(agreementFormSchema, { ...rest, id: "7" }).categoryCodes).toEqual(["Vælg mindst én indkøbskategori."]);
  });

  it("reports references that do not exist, each at its field", () => {
    const input = agreementInputSchema.parse({ ...validAgreement, categoryCodes: "1920, 9999" });
    const lookup: MasterDataLookup = {
      phaseExists: (n) => n === 11,
      institutionExists: () => true,
      categoryExists: (code) => code === "1920",
      supplierExists: () => false,
    };
    expect(agreementReferenceProblems(input, lookup)).toEqual([
      { field: "phaseNumber", message: expect.stringContaining("Fase 12 findes ikke") },
      { field: "categoryCodes", message: "Kategorien 9999 findes ikke." },
      { field: "supplierCvrs", message: expect.stringContaining("13748136") },
    ]);
  });
});

describe("supplier, category and phase forms", () => {
  it("give the Danish CVR message at the field", () => {
    expect(fieldErrors(supplierFormSchema, { cvr: "12345678", name: "Leverandør ApS" }).cvr?.[0]).toMatch(/kontrolcifferet passer ikke/);
    expect(supplierFormSchema.parse({ cvr: "13748136", name: " Leverandør ApS ", categoryCode: "" })).toEqual({
      id: null,
      cvr: "13748136",
      name: "Leverandør ApS",
      categoryCode: null,
    });
  });

  it("limit category names to the agency's 50 characters and codes to four digits", () => {
    const errors = fieldErrors(categoryFormSchema, { code: "19200", name: "x".repeat(51) });
    expect(errors.code?.[0]).toMatch(/fire cifre/);
    expect(errors.name?.[0]).toMatch(/højst være 50 tegn/);
  });

  it("refuse a phase that takes effect before it was tendered", () => {
    const errors = fieldErrors(phaseFormSchema, { number: "11", tenderYear: "2016", effectiveDate: "2015-12-31" });
    expect(errors.effectiveDate?.[0]).toMatch(/før udbudsåret 2016/);
    expect(phaseFormSchema.parse({ number: "11", tenderYear: "2016", effectiveDate: "2017-01-01", closed: "on" })).toMatchObject({
      number: 11,
      closed: true,
    });
  });
});

describe("an agreement's estimated and maximum value", () => {
  it("are kroner as typed or a spreadsheet number, in øre; empty is not registered", () => {
    expect(parseOptionalKroner("15.000.000", "Den maksimale værdi")).toEqual({ ok: true, value: 15_000_000_00n });
    expect(parseOptionalKroner("1234,50 kr.", "Den maksimale værdi")).toEqual({ ok: true, value: 1234_50n });
    expect(parseOptionalKroner(2_500_000, "Den maksimale værdi")).toEqual({ ok: true, value: 2_500_000_00n });
    expect(parseOptionalKroner("", "Den maksimale værdi")).toEqual({ ok: true, value: null });
    expect(parseOptionalKroner("-5", "Den maksimale værdi")).toEqual({ ok: false, message: "Den maksimale værdi skal være større end 0 kr." });
    expect(parseOptionalKroner("0", "Den maksimale værdi", true)).toMatchObject({ ok: false });
    expect(parseOptionalKroner("12.5", "Den maksimale værdi")).toMatchObject({ ok: false, message: expect.stringContaining("punktum") });
  });

  it("the estimate cannot exceed the maximum", () => {
    expect(fieldErrors(agreementInputSchema, { ...validAgreement, estimatedValueOre: "20.000.000", maximumValueOre: "15.000.000" })).toEqual({
      estimatedValueOre: ["Den anslåede værdi kan ikke være større end den maksimale værdi."],
    });
    expect(agreementInputSchema.parse({ ...validAgreement, maximumValueOre: "15.000.000" })).toMatchObject({ estimatedValueOre: null, maximumValueOre: 15_000_000_00n });
  });
});
