import { describe, expect, it } from "vitest";
import { toleranceSchema } from "./schemas";

describe("the tolerance form", () => {
  it("reads Danish numbers exactly: percent as hundredths, kroner as øre", () => {
    expect(toleranceSchema.parse({ percent: "5", kroner: "10.000" })).toEqual({ percent: 500, kroner: 1_000_000n });
    expect(toleranceSchema.parse({ percent: "2,5", kroner: "12.345,67" })).toEqual({ percent: 250, kroner: 1_234_567n });
    expect(toleranceSchema.parse({ percent: "0", kroner: "0" })).toEqual({ percent: 0, kroner: 0n });
  });

  it("refuses what is not a tolerance, in Danish, at the field", () => {
    const errors = (input: Record<string, string>) => toleranceSchema.safeParse(input).error?.flatten().fieldErrors;
    expect(errors({ percent: "", kroner: "1" })?.percent).toEqual(["Angiv procentsatsen."]);
    expect(errors({ percent: "5.5", kroner: "1" })?.percent?.[0]).toMatch(/^Skriv procentsatsen som et tal/);
    expect(errors({ percent: "101", kroner: "1" })?.percent).toEqual(["Procentsatsen skal være mellem 0 og 100."]);
    expect(errors({ percent: "5", kroner: "-1" })?.kroner).toEqual(["Beløbet skal være mellem 0 og 1.000.000.000."]);
  });
});
