import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { amountByPatterns, quickAmountText, readDanishAmount } from "./amount";

describe("Danish amount text", () => {
  it("reads dots or spaces as thousands and the comma as the decimal sign, exactly", () => {
    expect(readDanishAmount("1.234.567,89")).toEqual({ ok: true, ore: 123456789n });
    expect(readDanishAmount("1 234\u00a0567\u202f000,5")).toEqual({ ok: true, ore: 123456700050n });
    expect(readDanishAmount("−12,5")).toEqual({ ok: true, ore: -1250n });
    expect(readDanishAmount("9.007.199.254.740,93")).toEqual({ ok: true, ore: 900719925474093n });
  });

  it("names the problem instead of guessing", () => {
    expect(readDanishAmount(" ")).toEqual({ ok: false, problem: "empty" });
    expect(readDanishAmount("1234.50")).toEqual({ ok: false, problem: "dot-decimal" });
    expect(readDanishAmount("1,234")).toEqual({ ok: false, problem: "too-many-decimals" });
    expect(readDanishAmount("99999999999999,00")).toEqual({ ok: false, problem: "too-large" });
    expect(readDanishAmount("1e6")).toEqual({ ok: false, problem: "not-a-number" });
    expect(readDanishAmount("12.34.567")).toEqual({ ok: false, problem: "not-a-number" });
  });
});

describe("the quick reading of the usual forms", () => {
  it("reads what it reads as the patterns do, and leaves the rest to them", () => {
    expect(quickAmountText("1.234,5")).toEqual({ ok: true, ore: 123450n });
    for (const text of ["12.34", "1.23,4", "1234.567", " 12,5", "12,", "1,2,3", "−5", "1.000.00", "1234567890123"]) {
      expect(quickAmountText(text)).toBeNull();
    }
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("0", "1", "5", "9", ".", ",", "-", " "), maxLength: 18 }), (text) => {
        const quick = quickAmountText(text);
        if (quick !== null) expect(quick).toEqual(amountByPatterns(text));
      }),
      { numRuns: 5000 },
    );
  });
});
