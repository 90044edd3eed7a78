import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { amountFromNumber, parseAmountText } from "./amount";

const ore = (text: string) => {
  const result = parseAmountText(text);
  if (!result.ok) throw new Error(result.reason);
  return result.ore;
};

describe("amounts as text", () => {
  it("reads the agency's example and Danish grouping exactly", () => {
    expect(ore("12345,67")).toBe(1234567n);
    expect(ore("1.234,50")).toBe(123450n);
    expect(ore("1.234")).toBe(123400n);
    expect(ore("1.234.567,89")).toBe(123456789n);
    expect(ore("1 234,50")).toBe(123450n);
    expect(ore("1\u00a0234,50")).toBe(123450n);
    expect(ore(" 12,5 ")).toBe(1250n);
    expect(ore("100")).toBe(10000n);
    expect(ore("0,01")).toBe(1n);
    expect(ore("007,10")).toBe(710n);
  });

  it("reads negative amounts (credit notes)", () => {
    expect(ore("-12345,67")).toBe(-1234567n);
    expect(ore("−1.000,00")).toBe(-100000n);
  });

  it("never goes through a float: large amounts stay exact", () => {
    expect(ore("9.999.999.999.999,99")).toBe(999999999999999n);
    expect(ore("9007199254740,93")).toBe(900719925474093n);
  });

  it("refuses a decimal point with a hint, more than two decimals, and text", () => {
    const dot = parseAmountText("12345.67");
    expect(dot).toEqual({ ok: false, reason: "Beløbet «12345.67» har punktum som decimaltegn. Brug komma, fx 12345,67." });
    expect(parseAmountText("12,345").ok).toBe(false);
    expect(parseAmountText("1.23,4").ok).toBe(false);
    expect(parseAmountText("12.34").ok).toBe(false);
    expect(parseAmountText("abc")).toMatchObject({ ok: false, reason: "«abc» er ikke et beløb. Skriv fx 12345,67 eller 1.234,50." });
    expect(parseAmountText("")).toEqual({ ok: false, reason: "Beløb mangler." });
    expect(parseAmountText("1,2,3").ok).toBe(false);
    expect(parseAmountText("99999999999999,00").ok).toBe(false);
  });

  it("round-trips any øre amount written the Danish way", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), fc.boolean(), (value, grouped) => {
        const abs = value < 0n ? -value : value;
        let whole = (abs / 100n).toString();
        if (grouped) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
        const text = `${value < 0n ? "-" : ""}${whole},${(abs % 100n).toString().padStart(2, "0")}`;
        expect(ore(text)).toBe(value);
      }),
    );
  });
});

describe("amounts from spreadsheet numbers", () => {
  it("rounds binary fractions to the øre they mean", () => {
    expect(amountFromNumber(12345.67)).toEqual({ ok: true, ore: 1234567n });
    expect(amountFromNumber(0.1 + 0.2)).toEqual({ ok: true, ore: 30n });
    expect(amountFromNumber(-5)).toEqual({ ok: true, ore: -500n });
  });

  it("refuses fractions of an øre and non-numbers", () => {
    expect(amountFromNumber(0.125).ok).toBe(false);
    expect(amountFromNumber(Number.NaN).ok).toBe(false);
    expect(amountFromNumber(1e20).ok).toBe(false);
  });
});
