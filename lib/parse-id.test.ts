import { describe, expect, it } from "vitest";
import { parseId } from "@/lib/parse-id";

describe("parseId", () => {
  it("accepts positive integers within Postgres' integer range", () => {
    expect(parseId("1")).toBe(1);
    expect(parseId("2147483647")).toBe(2147483647);
  });
  it("refuses everything else", () => {
    for (const value of ["0", "-1", "1.5", "1e3", "12abc", "", " 1", "2147483648", "01"]) expect(parseId(value)).toBeNull();
  });
});
