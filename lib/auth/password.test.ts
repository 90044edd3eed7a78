import bcrypt from "bcryptjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { passwordMatches } from "@/lib/auth/password";

const hash = bcrypt.hashSync("rigtig-kode", 4);

afterEach(() => vi.restoreAllMocks());

describe("checking a password", () => {
  it("accepts only the active user's own password", async () => {
    expect(await passwordMatches({ active: true, passwordHash: hash }, "rigtig-kode")).toBe(true);
    expect(await passwordMatches({ active: true, passwordHash: hash }, "forkert")).toBe(false);
    expect(await passwordMatches({ active: false, passwordHash: hash }, "rigtig-kode")).toBe(false);
    expect(await passwordMatches({ active: true, passwordHash: null }, "")).toBe(false);
    expect(await passwordMatches(null, "rigtig-kode")).toBe(false);
  });

  it("runs one bcrypt comparison at the users' cost whether or not the e-mail has a usable account", async () => {
    // Not a timed assertion: the time of a failed log-in is the time of this one comparison, so an
    // unknown e-mail must pay for it too, against a hash of the same cost as the users' (10).
    const compare = vi.spyOn(bcrypt, "compare");
    for (const user of [null, { active: false, passwordHash: hash }, { active: true, passwordHash: null }, { active: true, passwordHash: hash }]) {
      compare.mockClear();
      await passwordMatches(user, "forkert");
      expect(compare).toHaveBeenCalledTimes(1);
      const usedHash = compare.mock.calls[0]![1] as string;
      expect(bcrypt.getRounds(usedHash)).toBe(user?.active && user.passwordHash ? 4 : 10);
    }
  });
});
