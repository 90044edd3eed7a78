import { describe, expect, it } from "vitest";
import { navigationFor } from "@/lib/auth/navigation";
import type { CurrentUser } from "@/lib/auth/types";

const user = (role: CurrentUser["role"]): CurrentUser => ({
  id: 1,
  name: "Test",
  email: "test@example.dk",
  role,
  institutionId: 1,
  institutionName: null,
  supplierId: null,
  supplierName: null,
  ministryId: 1,
  ministryName: null,
});

describe("the main menu", () => {
  it("shows each role only what it may open", () => {
    expect(navigationFor(user("BUYER")).map((i) => i.href)).toEqual(["/", "/aftaler", "/indkoebsbehov/ny", "/indkoebsbehov", "/tilmeldinger", "/institution", "/indkoebsdata"]);
    expect(navigationFor(user("GROUP_BUYER")).map((i) => i.href)).toEqual(["/", "/aftaler", "/indkoebsbehov/ny", "/indkoebsbehov", "/tilmeldinger", "/ministerier", "/indkoebsdata", "/compliance", "/afstemning"]);
    expect(navigationFor(user("MINISTRY_ANALYST")).map((i) => i.href)).toEqual(["/", "/aftaler", "/ministerier", "/indkoebsdata", "/compliance", "/afstemning"]);
    expect(navigationFor(user("ADMIN")).map((i) => i.href)).toEqual([
      "/",
      "/aftaler",
      "/indkoebsbehov",
      "/tilmeldinger",
      "/ministerier",
      "/indkoebsdata",
      "/compliance",
      "/omsaetning",
      "/afstemning",
      "/admin/stamdata",
      "/admin/frister",
      "/admin/leverandorfrister",
      "/admin/brugere",
      "/admin/revisionsspor",
      "/admin/korsler",
    ]);
    expect(navigationFor(user("SUPPLIER")).map((i) => i.href)).toEqual(["/", "/aftaler", "/omsaetning", "/afstemning"]);
  });

  it("is empty for a visitor", () => {
    expect(navigationFor(null)).toEqual([]);
  });
});
