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
