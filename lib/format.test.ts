import { describe, expect, it } from "vitest";
import {
  NBSP,
  formatDate,
  formatDateShort,
  formatDateTime,
  formatMoneyOre,
  formatNumber,
  formatPercent,
  formatPercentOf,
  toIsoDate,
} from "./format";

// Node's ICU (da-DK) joins units with a NO-BREAK SPACE; the expected strings spell it out.
const nb = NBSP;

describe("formatMoneyOre", () => {
  it("formats kroner and øre with Danish separators", () => {
    expect(formatMoneyOre(123450n)).toBe(`1.234,50${nb}kr.`);
    expect(formatMoneyOre(123456789n)).toBe(`1.234.567,89${nb}kr.`);
    expect(formatMoneyOre(100n)).toBe(`1,00${nb}kr.`);
    expect(formatMoneyOre(7n)).toBe(`0,07${nb}kr.`);
  });

  it("formats zero", () => {
    expect(formatMoneyOre(0n)).toBe(`0,00${nb}kr.`);
  });

  it("formats negative amounts, including those under one krone", () => {
    expect(formatMoneyOre(-123450n)).toBe(`-1.234,50${nb}kr.`);
    expect(formatMoneyOre(-5n)).toBe(`-0,05${nb}kr.`);
  });

  it("is exact beyond 2^53 øre", () => {
    // 2^53 + 1 øre cannot be represented as a double.
    expect(formatMoneyOre(9007199254740993n)).toBe(`90.071.992.547.409,93${nb}kr.`);
    expect(formatMoneyOre(-123456789012345678901234567n)).toBe(
      `-1.234.567.890.123.456.789.012.345,67${nb}kr.`,
    );
  });

  it("agrees with Intl's own currency format for ordinary amounts", () => {
    const intl = new Intl.NumberFormat("da-DK", { style: "currency", currency: "DKK" });
    expect(formatMoneyOre(123450n)).toBe(intl.format(1234.5));
    expect(formatMoneyOre(-123450n)).toBe(intl.format(-1234.5));
  });

  it("can leave out the unit and round to whole kroner (half away from zero)", () => {
    expect(formatMoneyOre(123450n, { unit: false })).toBe("1.234,50");
    expect(formatMoneyOre(123450n, { wholeKroner: true })).toBe(`1.235${nb}kr.`);
    expect(formatMoneyOre(123449n, { wholeKroner: true, unit: false })).toBe("1.234");
    expect(formatMoneyOre(-123450n, { wholeKroner: true, unit: false })).toBe("-1.235");
    expect(formatMoneyOre(-49n, { wholeKroner: true, unit: false })).toBe("0");
  });
});

describe("formatPercent", () => {
  it("formats a fraction as a Danish percentage with one decimal", () => {
    expect(formatPercent(0.125)).toBe(`12,5${nb}%`);
    expect(formatPercent(1)).toBe(`100,0${nb}%`);
    expect(formatPercent(0)).toBe(`0,0${nb}%`);
    expect(formatPercent(0.98765, 2)).toBe(`98,77${nb}%`);
    expect(formatPercent(0.5, 0)).toBe(`50${nb}%`);
  });

  it("formats negative fractions and hides a negative zero", () => {
    expect(formatPercent(-0.125)).toBe(`-12,5${nb}%`);
    expect(formatPercent(-0.00001)).toBe(`0,0${nb}%`);
  });

  it("shows a dash for values that are not finite", () => {
    expect(formatPercent(Number.NaN)).toBe("–");
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe("–");
  });
});

describe("formatPercentOf", () => {
  it("computes part / whole exactly on bigints", () => {
    expect(formatPercentOf(1n, 8n)).toBe(`12,5${nb}%`);
    expect(formatPercentOf(2n, 3n)).toBe(`66,7${nb}%`);
    expect(formatPercentOf(1n, 3n, 2)).toBe(`33,33${nb}%`);
    expect(formatPercentOf(12345678901234567890n, 12345678901234567890n)).toBe(`100,0${nb}%`);
    expect(formatPercentOf(0n, 5n)).toBe(`0,0${nb}%`);
    expect(formatPercentOf(-1n, 8n)).toBe(`-12,5${nb}%`);
  });

  it("rounds half away from zero and agrees with formatPercent", () => {
    expect(formatPercentOf(1n, 16n)).toBe(`6,3${nb}%`); // 6.25 %
    expect(formatPercentOf(1n, 16n)).toBe(formatPercent(1 / 16));
  });

  it("shows a dash for a zero whole", () => {
    expect(formatPercentOf(0n, 0n)).toBe("–");
  });
});

describe("formatNumber", () => {
  it("formats numbers and bigints with Danish separators", () => {
    expect(formatNumber(1234567.891)).toBe("1.234.567,891");
    expect(formatNumber(-1234)).toBe("-1.234");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(123456789012345678901234567890n)).toBe(
      "123.456.789.012.345.678.901.234.567.890",
    );
  });

  it("passes Intl options through", () => {
    expect(formatNumber(1234.5678, { maximumFractionDigits: 1 })).toBe("1.234,6");
    expect(formatNumber(12, { minimumFractionDigits: 2 })).toBe("12,00");
  });

  it("shows a dash for values that are not finite", () => {
    expect(formatNumber(Number.NaN)).toBe("–");
  });
});

describe("dates in Europe/Copenhagen", () => {
  it("writes the day out in Danish", () => {
    expect(formatDate(new Date("2026-03-05T12:00:00Z"))).toBe("5. marts 2026");
    expect(formatDate("2017-01-01T00:00:00Z")).toBe("1. januar 2017");
  });

  it("uses the Copenhagen day for an instant just before midnight UTC (winter, UTC+1)", () => {
    const instant = new Date("2026-03-05T23:30:00Z"); // 00.30 on 6 March in Copenhagen
    expect(formatDate(instant)).toBe("6. marts 2026");
    expect(formatDateTime(instant)).toBe("6. marts 2026 kl. 00.30");
    expect(formatDateShort(instant)).toBe("06.03.2026");
    expect(toIsoDate(instant)).toBe("2026-03-06");
  });

  it("uses summer time (UTC+2)", () => {
    const instant = new Date("2026-06-30T22:15:00Z"); // 00.15 on 1 July in Copenhagen
    expect(formatDate(instant)).toBe("1. juli 2026");
    expect(formatDateTime(instant)).toBe("1. juli 2026 kl. 00.15");
  });

  it("formats date and time with 'kl.' and a 24-hour clock", () => {
    expect(formatDateTime(new Date("2026-03-05T13:03:00Z"))).toBe("5. marts 2026 kl. 14.03");
  });

  it("keeps a date-only value (UTC midnight, as Prisma returns DATE columns) on its day", () => {
    expect(formatDate(new Date("2018-02-20T00:00:00Z"))).toBe("20. februar 2018");
    expect(toIsoDate(new Date("2018-02-20T00:00:00Z"))).toBe("2018-02-20");
  });

  it("rejects invalid dates", () => {
    expect(() => formatDate("ikke en dato")).toThrow(RangeError);
  });
});
