import { describe, expect, it } from "vitest";
import { dueBetween, nextRunAfter } from "./schedule";

describe("nextRunAfter", () => {
  it("finds the next matching minute in UTC", () => {
    expect(nextRunAfter("0 6 * * *", new Date("2026-12-04T05:59:30Z"))?.toISOString()).toBe("2026-12-04T06:00:00.000Z");
    expect(nextRunAfter("0 6 * * *", new Date("2026-12-04T06:00:00Z"))?.toISOString()).toBe("2026-12-05T06:00:00.000Z");
    expect(nextRunAfter("*/5 * * * *", new Date("2026-12-31T23:58:00Z"))?.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(nextRunAfter("0 6 29 2 *", new Date("2027-03-01T00:00:00Z"), 400)?.toISOString()).toBe("2028-02-29T06:00:00.000Z");
  });
});

describe("dueBetween", () => {
  it("includes the end minute and excludes the start minute", () => {
    expect(dueBetween("0 6 * * *", new Date("2026-12-04T05:59:00Z"), new Date("2026-12-04T06:00:10Z"))).toBe(true);
    expect(dueBetween("0 6 * * *", new Date("2026-12-04T06:00:00Z"), new Date("2026-12-04T06:00:50Z"))).toBe(false);
    expect(dueBetween("0 6 * * *", new Date("2026-12-04T05:00:00Z"), new Date("2026-12-04T05:59:59Z"))).toBe(false);
  });
});
