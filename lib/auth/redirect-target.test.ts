import { describe, expect, it } from "vitest";
import { sameOriginPath } from "@/lib/auth/redirect-target";

const origin = "https://portal.example.dk";

describe("the target after log-in", () => {
  it("keeps the portal's own paths, with query and fragment", () => {
    expect(sameOriginPath("/aftaler?q=kontor#resultater", origin)).toBe("/aftaler?q=kontor#resultater");
    expect(sameOriginPath("/", origin)).toBe("/");
    expect(sameOriginPath(`${origin}/compliance/3`, origin)).toBe("/compliance/3");
  });

  it("refuses every spelling that a browser reads as another host", () => {
    for (const target of [
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "\\\\evil.example",
      " //evil.example",
      "/\n/evil.example",
      "https://evil.example/",
      "http://portal.example.dk/", // another scheme is another origin
      "https://portal.example.dk.evil.example/",
      "https://portal.example.dk@evil.example/",
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
    ]) {
      expect(sameOriginPath(target, origin), JSON.stringify(target)).toBe("/");
    }
  });

  it("never returns a path that starts with two slashes", () => {
    expect(sameOriginPath("/.//evil.example", origin)).toBe("/evil.example");
    expect(sameOriginPath("/\tevil.example", origin)).toBe("/evil.example");
    expect(sameOriginPath("/%2F/evil.example", origin)).toBe("/%2F/evil.example");
  });

  it("falls back when there is no target", () => {
    expect(sameOriginPath(undefined, origin)).toBe("/");
    expect(sameOriginPath(["/a", "/b"], origin)).toBe("/");
    expect(sameOriginPath("", origin, "/log-ind")).toBe("/log-ind");
  });
});
