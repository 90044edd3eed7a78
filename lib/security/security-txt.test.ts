import { describe, expect, it } from "vitest";
import { securityTxt } from "@/lib/security/security-txt";

describe("security.txt", () => {
  it("has the fields RFC 9116 asks for, with an Expires less than a year after the request", () => {
    const now = new Date("2026-12-04T10:00:00Z");
    const text = securityTxt({ contact: "mailto:security@example.dk", canonicalUrl: "https://portal.example.dk/.well-known/security.txt", now });
    const fields = Object.fromEntries(
      text
        .split("\n")
        .filter((line) => line && !line.startsWith("#"))
        .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trim()]),
    );
    expect(fields).toEqual({
      Contact: "mailto:security@example.dk",
      Expires: "2027-06-02T10:00:00.000Z",
      "Preferred-Languages": "da, en",
      Canonical: "https://portal.example.dk/.well-known/security.txt",
    });
    const expires = new Date(fields.Expires!).getTime();
    expect(expires).toBeGreaterThan(now.getTime());
    expect(expires - now.getTime()).toBeLessThan(365 * 24 * 60 * 60 * 1000);
  });
});
