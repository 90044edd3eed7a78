import { describe, expect, it } from "vitest";
import { AGENCY_FORMAT, LINES_FORMAT, matchHeader, normalizeHeader } from "./formats";

describe("header matching", () => {
  it("recognises the agency's published header exactly", () => {
    const match = matchHeader(["År", "Kvartal", "Virk_CVR", "Virksomhedsnavn", "Kategorikode", "Indkøbskategori", "Kreditor_CVR", "Kreditor_Navn", "Beløb"]);
    expect(match.ok && match.format.code).toBe("AGENCY");
    expect(match.ok && match.indexOf.amount).toBe(8);
  });

  it("ignores case, spaces, separators and column order, and folds Danish letters", () => {
    const match = matchHeader([" beløb", "KREDITOR NAVN", "kreditor-cvr", "Indkobskategori", "kategorikode", "virksomhedsnavn", "VIRK_CVR", "kvartal", "Aar", "", ""]);
    expect(match.ok && match.format.code).toBe("AGENCY");
    expect(match.ok && match.width).toBe(9);
    expect(normalizeHeader("\uFEFFE-handel")).toBe("e_handel");
  });

  it("recognises the line format", () => {
    const match = matchHeader(LINES_FORMAT.columns.map((c) => c.header));
    expect(match.ok && match.format.code).toBe("LINES");
  });

  it("refuses an unknown column set, naming what is missing and what is unknown", () => {
    const headers = AGENCY_FORMAT.columns.map((c) => c.header).filter((h) => h !== "Beløb");
    const match = matchHeader([...headers, "Moms"]);
    expect(match.ok).toBe(false);
    if (!match.ok) {
      expect(match.message).toContain("Linje 1");
      expect(match.message).toContain("styrelsens format");
      expect(match.message).toContain("Mangler: «Beløb»");
      expect(match.message).toContain("Ukendte kolonner: «Moms»");
    }
  });

  it("refuses a column given twice", () => {
    const match = matchHeader([...AGENCY_FORMAT.columns.map((c) => c.header), "Beløb"]);
    expect(match).toMatchObject({ ok: false });
  });
});
