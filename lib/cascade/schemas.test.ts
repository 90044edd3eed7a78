import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  addYears,
  apiNeedInputSchema,
  choiceSchema,
  decisionFormSchema,
  needInputSchema,
  parseAmountOre,
  parseAmountOreInteger,
  parseNeedDate,
} from "@/lib/cascade/schemas";
import { formatMoneyOre } from "@/lib/format";

const TODAY = "2026-11-22";

const amount = (text: string) => parseAmountOre(text);
const ore = (text: string) => {
  const parsed = parseAmountOre(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};

describe("Danish amounts to øre, exactly", () => {
  it("reads thousands dots and the decimal comma", () => {
    expect(ore("1.234,50")).toBe(123450n);
    expect(ore("1.234.567,50")).toBe(123456750n);
    expect(ore("125.000")).toBe(12500000n);
    expect(ore("1234567,5")).toBe(123456750n);
    expect(ore("0,01")).toBe(1n);
    expect(ore("42")).toBe(4200n);
  });

  it("accepts spaces as thousands separators and a trailing kr.", () => {
    expect(ore(" 1 234 567,89 kr. ")).toBe(123456789n);
    expect(ore("1\u00a0234,00\u00a0kr.")).toBe(123400n);
    expect(ore("500 kr")).toBe(50000n);
  });

  it("is exact where a float is not: 0,29 and 9.007.199.254.740.993", () => {
    expect(ore("0,29")).toBe(29n);
    expect(ore("90.071.992.547,41")).toBe(9007199254741n);
  });

  it("refuses a negative, zero or non-numeric amount with a Danish message", () => {
    expect(amount("-5")).toEqual({ ok: false, message: "Beløbet skal være større end 0 kr." });
    expect(amount("\u22125,00")).toEqual({ ok: false, message: "Beløbet skal være større end 0 kr." });
    expect(amount("0")).toEqual({ ok: false, message: "Beløbet skal være større end 0 kr." });
    expect(amount("0,00")).toEqual({ ok: false, message: "Beløbet skal være større end 0 kr." });
    expect(amount("abc")).toMatchObject({ ok: false, message: expect.stringMatching(/^Beløbet skal være et tal i kroner/) });
    expect(amount("12a")).toMatchObject({ ok: false });
    expect(amount("")).toMatchObject({ ok: false, message: expect.stringMatching(/^Skriv det anslåede beløb/) });
    expect(amount("   ")).toMatchObject({ ok: false });
  });

  it("refuses a decimal point, three decimals, malformed grouping and an absurd amount", () => {
    expect(amount("1234.50")).toMatchObject({ ok: false, message: expect.stringMatching(/^Brug komma som decimaltegn/) });
    expect(amount("1,234")).toEqual({ ok: false, message: "Beløbet kan højst have to decimaler (øre)." });
    expect(amount("12.34.567")).toMatchObject({ ok: false });
    expect(amount("1e6")).toMatchObject({ ok: false });
    expect(amount("100.000.000.001")).toMatchObject({ ok: false, message: expect.stringMatching(/for stort/) });
    expect(ore("100.000.000.000")).toBe(10_000_000_000_000n);
  });

  it("reads back every amount the portal writes (the decision form's hidden field)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10_000_000_000_000n }), (value) => {
        expect(ore(formatMoneyOre(value, { unit: false }))).toBe(value);
        expect(ore(formatMoneyOre(value))).toBe(value);
      }),
    );
  });

  it("takes whole øre from machines, and nothing else", () => {
    expect(parseAmountOreInteger("12500000")).toEqual({ ok: true, value: 12500000n });
    expect(parseAmountOreInteger(12500000)).toEqual({ ok: true, value: 12500000n });
    expect(parseAmountOreInteger("125,50")).toMatchObject({ ok: false });
    expect(parseAmountOreInteger(1.5)).toMatchObject({ ok: false });
    expect(parseAmountOreInteger("-1")).toEqual({ ok: false, message: "Beløbet skal være større end 0 kr." });
  });
});

describe("the date of the need", () => {
  it("defaults to today and reads ISO and Danish day-month-year", () => {
    expect(parseNeedDate("", TODAY)).toEqual({ ok: true, value: TODAY });
    expect(parseNeedDate(undefined, TODAY)).toEqual({ ok: true, value: TODAY });
    expect(parseNeedDate("2027-03-01", TODAY)).toEqual({ ok: true, value: "2027-03-01" });
    expect(parseNeedDate("1.3.2027", TODAY)).toEqual({ ok: true, value: "2027-03-01" });
    expect(parseNeedDate("24-12-2026", TODAY)).toEqual({ ok: true, value: "2026-12-24" });
  });

  it("refuses a date that does not exist", () => {
    for (const text of ["2026-02-29", "2026-13-01", "31-04-2026", "i morgen", "2026-1-1"]) {
      expect(parseNeedDate(text, TODAY), text).toMatchObject({ ok: false, message: expect.stringMatching(/^Datoen er ugyldig/) });
    }
  });

  it("allows exactly five years either way, and not a day more", () => {
    expect(parseNeedDate("2031-11-22", TODAY)).toEqual({ ok: true, value: "2031-11-22" });
    expect(parseNeedDate("2021-11-22", TODAY)).toEqual({ ok: true, value: "2021-11-22" });
    const late = parseNeedDate("2031-11-23", TODAY);
    expect(late).toEqual({ ok: false, message: "Datoen må højst ligge 5 år fra i dag: mellem 22. november 2021 og 22. november 2031." });
    expect(parseNeedDate("2021-11-21", TODAY)).toMatchObject({ ok: false });
    expect(parseNeedDate("2100-01-01", TODAY)).toMatchObject({ ok: false });
  });

  it("moves 29 February to 28 February in a year without it", () => {
    expect(addYears("2028-02-29", 5)).toBe("2033-02-28");
    expect(addYears("2028-02-29", -4)).toBe("2024-02-29");
  });
});

describe("the need form", () => {
  const schema = needInputSchema(TODAY);

  it("gives the typed need", () => {
    expect(schema.parse({ category: " 1920 Kontorartikler ", amount: "1.234,50", date: "", institution: "" })).toEqual({
      category: "1920 Kontorartikler",
      amountOre: 123450n,
      date: TODAY,
      institutionId: null,
    });
    expect(schema.parse({ category: "1920", amount: "10", institution: "7" }).institutionId).toBe(7);
  });

  it("puts a Danish message at every bad field at once", () => {
    const result = schema.safeParse({ category: "", amount: "-5", date: "2040-01-01", institution: "x" });
    expect(result.success).toBe(false);
    const errors = z.flattenError(result.error!).fieldErrors;
    expect(errors).toEqual({
      category: ["Vælg en indkøbskategori."],
      amount: ["Beløbet skal være større end 0 kr."],
      date: [expect.stringMatching(/^Datoen må højst ligge 5 år fra i dag/)],
      institution: ["Vælg en institution fra listen."],
    });
  });

  it("takes the first of a repeated query parameter", () => {
    expect(schema.parse({ category: ["1920", "1130"], amount: ["5", "-5"] })).toMatchObject({ category: "1920", amountOre: 500n });
  });
});

describe("the API's need", () => {
  const schema = apiNeedInputSchema(TODAY);

  it("takes amountOre, or else a Danish amount", () => {
    expect(schema.parse({ category: "1920", amountOre: 12500000 })).toEqual({
      category: "1920",
      amountOre: 12500000n,
      date: TODAY,
      institutionId: null,
    });
    expect(schema.parse({ category: "1920", amount: "125.000,00", institutionId: 3 })).toMatchObject({ amountOre: 12500000n, institutionId: 3 });
  });

  it("names the field the caller used in its errors", () => {
    const byOre = schema.safeParse({ category: "1920", amountOre: "12,5" });
    expect(z.flattenError(byOre.error!).fieldErrors).toEqual({ amountOre: [expect.stringMatching(/^amountOre skal være/)] });
    const none = schema.safeParse({ category: "1920" });
    expect(Object.keys(z.flattenError(none.error!).fieldErrors)).toEqual(["amount"]);
  });
});

describe("the choice", () => {
  it("is an agreement id or own procurement, with the justification trimmed", () => {
    expect(choiceSchema.parse({ choice: "12", justification: "  Passer bedst.  " })).toEqual({
      agreementId: 12,
      justification: "Passer bedst.",
      shown: null,
    });
    expect(choiceSchema.parse({ choice: "own", shown: "a".repeat(64) })).toEqual({ agreementId: null, justification: "", shown: "a".repeat(64) });
  });

  it("refuses no choice, a made-up choice and an overlong justification", () => {
    expect((z.flattenError(choiceSchema.safeParse({}).error!).fieldErrors as Record<string, string[]>).choice).toEqual(["Vælg den aftale, du vil bruge, eller eget indkøb."]);
    expect(choiceSchema.safeParse({ choice: "1 OR 1=1" }).success).toBe(false);
    const long = choiceSchema.safeParse({ choice: "own", justification: "x".repeat(2001) });
    expect(z.flattenError(long.error!).fieldErrors.justification?.[0]).toMatch(/højst være 2000 tegn/);
  });

  it("is parsed with the need in the decision form, errors of both at their fields", () => {
    const result = decisionFormSchema(TODAY).safeParse({ category: "1920", amount: "abc", choice: "" });
    expect(Object.keys(z.flattenError(result.error!).fieldErrors).sort()).toEqual(["amount", "choice"]);
    expect(decisionFormSchema(TODAY).parse({ category: "1920", amount: "5", choice: "3" })).toMatchObject({
      need: { amountOre: 500n },
      choice: { agreementId: 3 },
    });
  });
});
