import { describe, expect, it } from "vitest";
import { createRateLimiter } from "@/lib/security/rate-limit";

describe("createRateLimiter", () => {
  it("allows the limit within a window, refuses the rest, and opens again in the next window", () => {
    const limiter = createRateLimiter(3, 10_000);
    const results = Array.from({ length: 5 }, () => limiter.hit("a", 1_000).allowed);
    expect(results).toEqual([true, true, true, false, false]);
    expect(limiter.hit("a", 5_000)).toEqual({ allowed: false, retryAfterSeconds: 6 });
    expect(limiter.hit("b", 5_000).allowed).toBe(true);
    expect(limiter.hit("a", 11_000).allowed).toBe(true);
  });

  it("keeps memory bounded by dropping the oldest keys", () => {
    const limiter = createRateLimiter(1, 60_000, 2);
    limiter.hit("a", 0);
    limiter.hit("b", 0);
    limiter.hit("c", 0);
    expect(limiter.hit("a", 1).allowed).toBe(true); // "a" was dropped, so it starts afresh
  });
});
