import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { createSupplierUserSchema } from "@/lib/users/schemas";

describe("the SUPPLIER role", () => {
  it("may open the home page, its messages, its own settings, the catalogue, its sales reports, API keys and reconciliation findings (scoped to its company), and nothing else", () => {
    const granted = (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => can("SUPPLIER", permission));
    expect(granted.sort()).toEqual([
      "catalogue.view",
      "home.view",
      "messages.view",
      "reconciliation.view",
      "salesReport.submit",
      "salesReport.view",
      "settings.edit",
      "supplierKeys.manage",
    ]);
  });
});

describe("a new supplier user", () => {
  const valid = { name: "Henrik Lund", email: " Henrik@Leverandoer.DK ", role: "SUPPLIER", supplierCvr: "DK 13 74 81 36" };

  it("is the role SUPPLIER with the company's CVR, normalised", () => {
    expect(createSupplierUserSchema.parse(valid)).toEqual({ name: "Henrik Lund", email: "henrik@leverandoer.dk", role: "SUPPLIER", supplierCvr: "13748136" });
  });

  it("is refused without a supplier, with a CVR that fails the check digit, or with another role", () => {
    const errors = (input: Record<string, unknown>) => createSupplierUserSchema.safeParse(input).error?.flatten().fieldErrors;
    expect(errors({ ...valid, supplierCvr: undefined })?.supplierCvr).toEqual(["Vælg leverandøren."]);
    expect(errors({ ...valid, supplierCvr: "" })?.supplierCvr).toEqual(["Vælg leverandøren."]);
    expect(errors({ ...valid, supplierCvr: "13748137" })?.supplierCvr).toEqual(["CVR-nummeret skal være 8 cifre med korrekt kontrolciffer."]);
    expect(errors({ ...valid, role: "BUYER" })?.role).toEqual(["Vælg rollen Leverandør."]);
  });
});
