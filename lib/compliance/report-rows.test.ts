import { describe, expect, it } from "vitest";
import { buildReportRows, type ReportData } from "./report-rows";
import { reportSheet } from "./sheets";

const data: ReportData = {
  ministry: { id: 1, name: "Finansministeriet" },
  quarter: "2026Q3",
  total: { numeratorOre: 750n, denominatorOre: 1_000n },
  totalLeakage: [{ supplierCvr: "12345678", supplierName: "Anden A/S", amountOre: 250n }],
  ecommerce: { numeratorOre: 400n, denominatorOre: 1_600n },
  agreements: [
    {
      agreementId: 3,
      reference: "SIP 11.04",
      name: "Kontorartikler",
      numeratorOre: 750n,
      denominatorOre: 1_000n,
      leakage: [
        { supplierCvr: "12345678", supplierName: "Anden A/S", amountOre: 200n },
        { supplierCvr: null, supplierName: "Personligt udlæg", amountOre: 50n },
      ],
      institutions: [
        { institutionId: 1, name: "Økonomistyrelsen", numeratorOre: 500n, denominatorOre: 600n },
        { institutionId: 2, name: "Statens It", numeratorOre: 250n, denominatorOre: 400n },
      ],
    },
    { agreementId: 4, reference: "SIP 12.01", name: "Flyrejser", numeratorOre: 0n, denominatorOre: 0n, leakage: [], institutions: [] },
  ],
  institutions: [
    { institutionId: 1, name: "Økonomistyrelsen", compliance: { numeratorOre: 500n, denominatorOre: 600n }, ecommerce: { numeratorOre: 300n, denominatorOre: 900n } },
  ],
  reservations: [],
  deviations: { total: 0, rows: [] },
};

describe("the report's rows", () => {
  it("hold the total, e-commerce, each agreement, each institution on it and the leakage, with exact øre", () => {
    const rows = buildReportRows(data);
    expect(rows[0]).toMatchObject({ section: "Compliance i alt", numeratorOre: 750n, denominatorOre: 1_000n, share: 0.75 });
    expect(rows[1]).toMatchObject({ section: "E-handel", numeratorOre: 400n, denominatorOre: 1_600n, share: 0.25 });
    expect(rows.filter((r) => r.section === "Aftale").map((r) => [r.reference, r.share, r.note])).toEqual([
      ["SIP 11.04", 0.75, expect.stringContaining("Anden A/S (CVR 12345678)")],
      ["SIP 12.01", null, "Ingen køb i aftalens kategorier"],
    ]);
    const perInstitution = rows.filter((r) => r.section === "Aftale pr. institution");
    expect(perInstitution.reduce((sum, r) => sum + r.numeratorOre!, 0n)).toBe(750n);
    expect(rows.filter((r) => r.section === "Lækage").map((r) => [r.supplier, r.amountOre, r.share])).toEqual([
      ["Anden A/S", 200n, 0.2],
      ["Personligt udlæg", 50n, 0.05],
    ]);
    expect(rows.find((r) => r.section === "Forbehold")?.note).toBe("Ingen forbehold for kvartalet");
    expect(rows.find((r) => r.section === "Afvigelse fra kaskaden")?.note).toBe("Ingen afvigelser registreret i kvartalet");
  });

  it("fit the report sheet's columns (kroner for the reader, percentages as fractions)", () => {
    const sheet = reportSheet("Finansministeriet", "2026Q3");
    expect(sheet.sheetName.length).toBeLessThanOrEqual(31);
    const first = buildReportRows(data)[0]!;
    const values = sheet.columns.map((c) => c.value(first));
    expect(values).toContain(7.5);
    expect(values).toContain(10);
    expect(values).toContain(0.75);
  });
});
