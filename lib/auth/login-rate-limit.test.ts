import { describe, expect, it } from "vitest";
import { loginKeys, refusedUntil, type LoginHistory } from "@/lib/auth/login-rate-limit";

const limits = { maxAttempts: 5, addressMaxAttempts: 50, windowMs: 15 * 60_000 };
const now = new Date("2026-12-04T10:00:00Z");
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);
/** `count` failures, the newest `newestSecondsAgo` seconds ago, one a second before that. */
const failures = (count: number, newestSecondsAgo = 0) => Array.from({ length: count }, (_, i) => secondsAgo(newestSecondsAgo + i));
const history = (parts: Partial<LoginHistory>): LoginHistory => ({ pairFailures: [], knownAddress: false, accountFailures: [], addressFailures: [], ...parts });
const waitSeconds = (h: LoginHistory) => {
  const until = refusedUntil(h, now, limits);
  return until ? (until.getTime() - now.getTime()) / 1000 : 0;
};

describe("the log-in rule", () => {
  it("keys by e-mail as typed and by address", () => {
    expect(loginKeys(" Koeber.Stat@Demo.example.dk", "192.0.2.1")).toEqual({
      pair: "pair:koeber.stat@demo.example.dk|192.0.2.1",
      account: "account:koeber.stat@demo.example.dk",
      address: "address:192.0.2.1",
    });
  });

  it("lets four failures pass, then doubles the wait for the same e-mail and address up to the window", () => {
    expect(waitSeconds(history({ pairFailures: failures(4), accountFailures: failures(4), knownAddress: true }))).toBe(0);
    expect(waitSeconds(history({ pairFailures: failures(5), knownAddress: true }))).toBe(30);
    expect(waitSeconds(history({ pairFailures: failures(6), knownAddress: true }))).toBe(60);
    expect(waitSeconds(history({ pairFailures: failures(7), knownAddress: true }))).toBe(120);
    expect(waitSeconds(history({ pairFailures: failures(20), knownAddress: true }))).toBe(15 * 60);
    // The wait runs from the last failure.
    expect(waitSeconds(history({ pairFailures: failures(5, 20), knownAddress: true }))).toBe(10);
    expect(waitSeconds(history({ pairFailures: failures(5, 31), knownAddress: true }))).toBe(0);
  });

  it("does not lock the owner out at a known address when others fail on the account", () => {
    const attacked = { accountFailures: failures(40) };
    expect(waitSeconds(history({ ...attacked, knownAddress: true }))).toBe(0);
    // A new address waits out the window since the last failure.
    expect(waitSeconds(history({ ...attacked, knownAddress: false }))).toBe(15 * 60);
    expect(waitSeconds(history({ accountFailures: failures(5, 14 * 60), knownAddress: false }))).toBe(60);
  });

  it("stops an address that fails on many e-mails", () => {
    expect(waitSeconds(history({ addressFailures: failures(49), knownAddress: true }))).toBe(0);
    expect(waitSeconds(history({ addressFailures: failures(50), knownAddress: true }))).toBe(15 * 60);
  });
});
