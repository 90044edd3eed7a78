import { describe, expect, it } from "vitest";
import { ceilingNotice, ceilingState, DEFAULT_THRESHOLDS } from "@/lib/ceilings/state";

describe("ceiling state", () => {
  it("follows the thresholds", () => {
    expect(ceilingState(0n, null, DEFAULT_THRESHOLDS)).toBe("NO_MAXIMUM");
    expect(ceilingState(79n, 100n, DEFAULT_THRESHOLDS)).toBe("UNDER");
    expect(ceilingState(80n, 100n, DEFAULT_THRESHOLDS)).toBe("FIRST_WARNING");
    expect(ceilingState(95n, 100n, DEFAULT_THRESHOLDS)).toBe("SECOND_WARNING");
    expect(ceilingState(100n, 100n, DEFAULT_THRESHOLDS)).toBe("EXHAUSTED");
    expect(ceilingState(60n, 100n, { firstPercent: 50, secondPercent: 90 })).toBe("FIRST_WARNING");
  });

  it("gives a notice from the first threshold on, naming the rule when the maximum is reached", () => {
    expect(ceilingNotice(10n, 100n, DEFAULT_THRESHOLDS)).toBeNull();
    expect(ceilingNotice(96n, 100n, DEFAULT_THRESHOLDS)).toMatch(/mindst 95 %/);
    expect(ceilingNotice(100n, 100n, DEFAULT_THRESHOLDS)).toMatch(/C-216\/17 og C-23\/20/);
  });
});
