import { describe, expect, it } from "vitest";
import {
  cvrWithCheck,
  eanWithCheck,
  fictitiousCvrs,
  isValidCvr,
  isValidEan,
  normalizeCvr,
  normalizeEan,
} from "./identifiers";

describe("CVR", () => {
  it("accepts the official example", () => {
    expect(isValidCvr("13748136")).toBe(true);
  });

  it("rejects a wrong check digit, wrong length, letters and a leading zero", () => {
    expect(isValidCvr("13748137")).toBe(false);
    expect(isValidCvr("1374813")).toBe(false);
    expect(isValidCvr("137481360")).toBe(false);
    expect(isValidCvr("1374813a")).toBe(false);
    expect(isValidCvr("")).toBe(false);
    expect(isValidCvr("01374813")).toBe(false);
    expect(isValidCvr(" 13748136")).toBe(false);
  });

  it("normalizes spaces and a DK prefix", () => {
    expect(normalizeCvr("DK 13 74 81 36")).toBe("13748136");
    expect(normalizeCvr("dk13748136")).toBe("13748136");
    expect(normalizeCvr("DK-13748136")).toBe("13748136");
    expect(normalizeCvr(" 1374\u00a08136 ")).toBe("13748136");
    expect(isValidCvr(normalizeCvr("DK 13748136"))).toBe(true);
  });

  it("completes a body with its check digit", () => {
    expect(cvrWithCheck("1374813")).toBe("13748136");
    // 2*1+7*0+6*0+5*0+4*0+3*0+2*4 = 10 -> check digit 1
    expect(cvrWithCheck("1000004")).toBe("10000041");
    expect(isValidCvr("10000041")).toBe(true);
  });

  it("returns null when the check digit would be 10", () => {
    // sum of body 1000000 is 2 -> 11 - 2 = 9; search a body whose remainder is 1
    let found = false;
    for (let b = 1000000; b < 1000100; b++) {
      const sum = [...String(b)].reduce((s, d, i) => s + Number(d) * [2, 7, 6, 5, 4, 3, 2][i]!, 0);
      if (sum % 11 === 1) {
        expect(cvrWithCheck(String(b))).toBeNull();
        found = true;
        break;
      }
    }
    expect(found).toBe(true);
  });

  it("generates distinct valid fictitious numbers deterministically", () => {
    const a = fictitiousCvrs(200);
    expect(new Set(a).size).toBe(200);
    expect(a.every(isValidCvr)).toBe(true);
    expect(fictitiousCvrs(200)).toEqual(a);
  });
});

describe("EAN", () => {
  it("accepts the official example", () => {
    expect(isValidEan("4260304620007")).toBe(true);
  });

  it("accepts other known-good GS1 numbers", () => {
    expect(isValidEan("5790000000005")).toBe(true);
    expect(isValidEan("4006381333931")).toBe(true);
  });

  it("rejects a wrong check digit, wrong length and letters", () => {
    expect(isValidEan("4260304620008")).toBe(false);
    expect(isValidEan("426030462000")).toBe(false);
    expect(isValidEan("42603046200070")).toBe(false);
    expect(isValidEan("426030462000X")).toBe(false);
    expect(isValidEan("4.26030462E+12")).toBe(false);
  });

  it("completes a body with its check digit", () => {
    expect(eanWithCheck("426030462000")).toBe("4260304620007");
    expect(() => eanWithCheck("12345")).toThrow();
  });

  it("normalizes spaces", () => {
    expect(normalizeEan("5790 0000 0000 5")).toBe("5790000000005");
  });
});
