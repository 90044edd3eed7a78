import { describe, expect, it } from "vitest";
import { AGENCY_FORMAT, LINES_FORMAT, matchHeader } from "./formats";
import { quarterFromCode } from "./quarter";
import {
  ProblemList,
  RowChecker,
  checkShape,
  ministryOn,
  parseDateCell,
  parseFlag,
  type RefInstitution,
  type ReferenceData,
  type SubmissionScope,
} from "./rows";
import { PurchaseFileError, type Cell } from "./types";

const moderniseringsstyrelsen: RefInstitution = {
  id: 1,
  cvr: "10213231",
  name: "Moderniseringsstyrelsen",
  dataChannel: "MANUAL",
  ministryId: 10,
  memberships: [
    { ministryId: 9, validFrom: "2015-01-01", validTo: "2016-11-30" },
    { ministryId: 10, validFrom: "2016-12-01", validTo: null },
  ],
};
const sksInstitution: RefInstitution = { id: 2, cvr: "13748136", name: "Skattestyrelsen", dataChannel: "SKS", ministryId: 11, memberships: [] };
const other: RefInstitution = { id: 3, cvr: "29871310", name: "Anden styrelse", dataChannel: "MANUAL", ministryId: 12, memberships: [] };

const refs: ReferenceData = {
  institutionsByCvr: new Map([moderniseringsstyrelsen, sksInstitution, other].map((i) => [i.cvr, i])),
  institutionsByEan: new Map([["5798000000001", moderniseringsstyrelsen], ["5798000000018", other]]),
  categories: new Set(["1920", "1130"]),
  supplierCategories: new Map<string, string | null>([["27985017", "1920"], ["29875243", null]]),
};
const manual: SubmissionScope = { channel: "MANUAL", institutionIds: new Set([1, 2]), outsideMessage: "Du kan kun indsende for din egen institution" };
const quarter = quarterFromCode("2016Q4")!;

function checker(format = AGENCY_FORMAT, scope = manual) {
  const match = matchHeader(format.columns.map((c) => c.header));
  if (!match.ok) throw new Error(match.message);
  return new RowChecker({ format, indexOf: match.indexOf, quarter, refs, scope });
}

function checkAgency(cells: Cell[], scope = manual) {
  const problems = new ProblemList();
  const line = checker(AGENCY_FORMAT, scope).check({ line: 2, cells }, problems);
  return { line, problems: problems.items };
}

const agencyRow = (overrides: Partial<Record<number, Cell>> = {}): Cell[] => {
  const base: Cell[] = ["2016", "4", "10213231", "Moderniseringsstyrelsen", "1920", "Kontorartikler", "27985017", "Staples Denmark ApS", "12345,67"];
  for (const [i, v] of Object.entries(overrides)) base[Number(i)] = v ?? null;
  return base;
};

describe("a row in the agency's format", () => {
  it("becomes a purchase line in øre, with the ministry of the quarter's last day", () => {
    const { line, problems } = checkAgency(agencyRow());
    expect(problems).toEqual([]);
    expect(line).toEqual({
      row: 2,
      submissionId: 0,
      institutionId: 1,
      ministryId: 10,
      quarter: "2016Q4",
      purchaseDate: null,
      supplierCvr: "27985017",
      supplierName: "Staples Denmark ApS",
      categoryCode: "1920",
      amountOre: 1234567n,
      ecommerce: false,
      ean: null,
    });
  });

  it("accepts an empty supplier CVR (foreign supplier) when the category is given", () => {
    expect(checkAgency(agencyRow({ 6: "" })).line?.supplierCvr).toBeNull();
  });

  it("derives a missing category from the supplier's mapping, and refuses it when there is none", () => {
    expect(checkAgency(agencyRow({ 4: "" })).line?.categoryCode).toBeNull();
    expect(checkAgency(agencyRow({ 4: "" })).problems).toEqual([]);
    expect(checkAgency(agencyRow({ 4: "", 6: "29875243" })).problems).toEqual([
      { row: 2, column: "Kategorikode", message: "Kategorikode mangler, og leverandøren har ingen kategori i portalens leverandørliste. Angiv kategorikoden." },
    ]);
    expect(checkAgency(agencyRow({ 4: "", 6: "" })).problems[0]?.column).toBe("Kategorikode");
    expect(checkAgency(agencyRow({ 4: "9999" })).problems[0]?.message).toContain("Kategorikoden 9999 findes ikke");
  });

  it("names row, column and reason for each problem, all of them", () => {
    const { line, problems } = checkAgency(["2011", "1", "10213232", "x".repeat(51), "1920", "Kontorartikler", "27985018", "", "12345.67"]);
    expect(line).toBeNull();
    expect(problems).toEqual([
      { row: 2, column: "Virk_CVR", message: "CVR-nummeret 10213232 er ugyldigt (kontrolcifferet passer ikke)." },
      { row: 2, column: "År", message: "Året er 2011, men indsendelsen gælder 4. kvartal 2016." },
      { row: 2, column: "Kvartal", message: "Kvartalet er 1, men indsendelsen gælder 4. kvartal 2016." },
      { row: 2, column: "Virksomhedsnavn", message: "Højst 50 tegn (her 51)." },
      { row: 2, column: "Kreditor_CVR", message: "CVR-nummeret 27985018 er ugyldigt (kontrolcifferet passer ikke)." },
      { row: 2, column: "Kreditor_Navn", message: "Skal udfyldes." },
      { row: 2, column: "Beløb", message: "Beløbet «12345.67» har punktum som decimaltegn. Brug komma, fx 12345,67." },
    ]);
  });

  it("refuses an unknown institution, one outside the sender's scope, and one delivering through SKS", () => {
    expect(checkAgency(agencyRow({ 2: "29880484" })).problems[0]?.message).toBe("Ingen institution i portalen har CVR-nummer 29880484.");
    expect(checkAgency(agencyRow({ 2: "29871310" })).problems[0]?.message).toBe(
      "Du kan kun indsende for din egen institution (Anden styrelse, CVR 29871310).",
    );
    expect(checkAgency(agencyRow({ 2: "13748136" })).problems[0]?.message).toContain("leverer indkøbsdata løbende via SKS");
    const feed: SubmissionScope = { channel: "SKS_FEED", institutionIds: "all", outsideMessage: "" };
    expect(checkAgency(agencyRow({ 2: "13748136" }), feed).problems).toEqual([]);
    expect(checkAgency(agencyRow(), feed).problems[0]?.message).toContain("leverer ikke via SKS");
  });

  it("accepts spreadsheet numbers for identifiers and amounts, and a DK prefix", () => {
    const { line, problems } = checkAgency(agencyRow({ 0: 2016, 1: 4, 2: 10213231, 4: 1920, 6: "DK 27 98 50 17", 8: 12345.67 }));
    expect(problems).toEqual([]);
    expect(line?.amountOre).toBe(1234567n);
    expect(line?.supplierCvr).toBe("27985017");
  });
});

describe("a row in the line format", () => {
  const header = LINES_FORMAT.columns.map((c) => c.header); // Virk_CVR;EAN;Dato;Kreditor_CVR;Kreditor_Navn;Kategorikode;Beløb;E_handel
  const check = (cells: Cell[]) => {
    const problems = new ProblemList();
    const line = checker(LINES_FORMAT).check({ line: 7, cells }, problems);
    return { line, problems: problems.items };
  };

  it("takes the institution from the EAN, the date, and the e-commerce flag", () => {
    const { line, problems } = check(["", "5798000000001", "15-11-2016", "27985017", "Staples", "", "1.234,50", "ja"]);
    expect(problems).toEqual([]);
    expect(line).toMatchObject({ institutionId: 1, ministryId: 9, purchaseDate: "2016-11-15", ean: "5798000000001", ecommerce: true, amountOre: 123450n });
    expect(header[0]).toBe("Virk_CVR");
  });

  it("uses the ministry on the purchase date", () => {
    expect(check(["10213231", "", "2016-12-01", "", "Udlæg", "1920", "10", "nej"]).line?.ministryId).toBe(10);
  });

  it("refuses a date outside the quarter, an EAN of another institution, a bad flag and a missing institution", () => {
    expect(check(["10213231", "", "2017-01-01", "", "X", "1920", "10", "nej"]).problems[0]).toEqual({
      row: 7,
      column: "Dato",
      message: "Datoen 2017-01-01 ligger uden for 4. kvartal 2016 (2016-10-01 – 2016-12-31).",
    });
    expect(check(["10213231", "5798000000018", "2016-11-01", "", "X", "1920", "10", "nej"]).problems[0]?.message).toContain("hører til Anden styrelse");
    expect(check(["10213231", "", "2016-11-01", "", "X", "1920", "10", "måske"]).problems[0]).toMatchObject({ column: "E_handel" });
    expect(check(["10213231", "", "2016-11-01", "", "X", "1920", "10", ""]).problems[0]?.message).toBe("Angiv ja eller nej.");
    expect(check(["", "", "2016-11-01", "", "X", "1920", "10", "ja"]).problems[0]).toMatchObject({ column: "Virk_CVR" });
    expect(check(["10213231", "5798000000002", "2016-11-01", "", "X", "1920", "10", "ja"]).problems[0]?.message).toContain("ugyldigt");
    expect(check(["10213231", "", "31-11-2016", "", "X", "1920", "10", "ja"]).problems[0]?.message).toBe("«31-11-2016» er ikke en gyldig dato.");
  });
});

describe("field rules", () => {
  it("reads dates as text, spreadsheet dates and serial numbers", () => {
    expect(parseDateCell("2016-11-15")).toEqual({ ok: true, iso: "2016-11-15" });
    expect(parseDateCell("15.11.2016")).toEqual({ ok: true, iso: "2016-11-15" });
    expect(parseDateCell("20161115")).toEqual({ ok: true, iso: "2016-11-15" });
    expect(parseDateCell(new Date(Date.UTC(2016, 10, 15)))).toEqual({ ok: true, iso: "2016-11-15" });
    expect(parseDateCell(42689)).toEqual({ ok: true, iso: "2016-11-15" });
    expect(parseDateCell("2016-02-30").ok).toBe(false);
  });

  it("reads the e-commerce flag", () => {
    expect(parseFlag("Ja")).toEqual({ ok: true, value: true });
    expect(parseFlag("n")).toEqual({ ok: true, value: false });
    expect(parseFlag(1)).toEqual({ ok: true, value: true });
    expect(parseFlag(false)).toEqual({ ok: true, value: false });
  });

  it("finds the ministry by membership, else the current one", () => {
    expect(ministryOn(moderniseringsstyrelsen, "2016-11-30")).toBe(9);
    expect(ministryOn(moderniseringsstyrelsen, "2016-12-01")).toBe(10);
    expect(ministryOn(sksInstitution, "2016-12-01")).toBe(11);
  });
});

describe("row shape", () => {
  const looksLikeHeader = (cells: readonly Cell[]) => matchHeader(cells).ok;
  const header = AGENCY_FORMAT.columns.map((c) => c.header);

  it("refuses too many and too few fields, and a repeated header line", () => {
    const problems = new ProblemList();
    expect(checkShape({ line: 3, cells: [...agencyRow(), "x"] }, 9, "aar", "csv", problems, looksLikeHeader)).toBeNull();
    expect(checkShape({ line: 4, cells: agencyRow().slice(0, 8) }, 9, "aar", "csv", problems, looksLikeHeader)).toBeNull();
    expect(checkShape({ line: 5, cells: header }, 9, "aar", "csv", problems, looksLikeHeader)).toBeNull();
    expect(problems.items).toEqual([
      { row: 3, column: null, message: "Rækken har 10 felter, men overskriften har 9. Indeholder et felt et skilletegn uden anførselstegn?" },
      { row: 4, column: null, message: "Rækken har kun 8 felter, men overskriften har 9." },
      { row: 5, column: null, message: "Overskriftslinjen står her igen. Er to filer sat sammen? Fjern linjen, og send filen igen." },
    ]);
  });

  it("refuses a file whose last line is cut off", () => {
    expect(() =>
      checkShape({ line: 9, cells: ["2016", "4", "102"], unterminated: true }, 9, "aar", "csv", new ProblemList(), looksLikeHeader),
    ).toThrow(PurchaseFileError);
  });

  it("lets a spreadsheet row end early but not reach past the header", () => {
    const problems = new ProblemList();
    expect(checkShape({ line: 3, cells: ["2016", "4"] }, 9, "aar", "xlsx", problems, looksLikeHeader)).toEqual(["2016", "4"]);
    expect(checkShape({ line: 4, cells: [...agencyRow(), null, ""] }, 9, "aar", "xlsx", problems, looksLikeHeader)).not.toBeNull();
    expect(checkShape({ line: 5, cells: [...agencyRow(), null, "x"] }, 9, "aar", "xlsx", problems, looksLikeHeader)).toBeNull();
    expect(problems.items).toHaveLength(1);
  });
});
