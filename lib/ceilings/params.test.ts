import { describe, expect, it } from "vitest";
import { matchesStateFilter, parseOverviewParams } from "@/lib/ceilings/params";

describe("the overview's URL parameters", () => {
  it("fall back to the defaults for anything unknown", () => {
    expect(parseOverviewParams({ sort: "evil", dir: "up", page: "-3", state: "X" })).toEqual({ q: "", sort: "percent", dir: "desc", page: 1, state: undefined, retired: undefined, early: undefined });
    expect(parseOverviewParams({ q: " SIP ", sort: "forecast", dir: "asc", state: "EXHAUSTED", page: "2" })).toMatchObject({ q: "SIP", sort: "forecast", dir: "asc", state: "EXHAUSTED", page: 2 });
  });

  it("«warned» covers both warning levels", () => {
    expect(matchesStateFilter("FIRST_WARNING", "WARNED")).toBe(true);
    expect(matchesStateFilter("SECOND_WARNING", "WARNED")).toBe(true);
    expect(matchesStateFilter("EXHAUSTED", "WARNED")).toBe(false);
    expect(matchesStateFilter("UNDER", undefined)).toBe(true);
  });
});
