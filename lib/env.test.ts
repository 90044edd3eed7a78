import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("gives the demo defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SESSION_MAX_AGE_HOURS).toBe(8);
    expect(env.PORT).toBe(3000);
  });

  it("treats blank values as unset and refuses a non-Postgres database URL", () => {
    expect(parseEnv({ DATABASE_URL: "  " }).DATABASE_URL).toBeUndefined();
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/x" })).toThrow(/DATABASE_URL/);
  });

  it("refuses a half-configured OIDC provider and a session longer than a day", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://idp.example.dk" })).toThrow(/go together/);
    expect(() => parseEnv({ SESSION_MAX_AGE_HOURS: "720" })).toThrow(/SESSION_MAX_AGE_HOURS/);
  });
});

describe("TRUSTED_PROXIES", () => {
  it("is empty by default and reads addresses and ranges", () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toEqual([]);
    expect(parseEnv({ TRUSTED_PROXIES: "10.0.0.0/8, 192.0.2.10 2001:db8::/32" }).TRUSTED_PROXIES).toEqual(["10.0.0.0/8", "192.0.2.10", "2001:db8::/32"]);
  });

  it("refuses anything else", () => {
    expect(() => parseEnv({ TRUSTED_PROXIES: "balancer.example.dk" })).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseEnv({ TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/TRUSTED_PROXIES/);
  });
});
