import { describe, expect, it } from "vitest";
import { PurchaseFileError } from "@/lib/purchase-data/types";
import { checkSalesRow, FILE_LABELS, fileRowInput, matchSalesHeader, ProblemList, type SalesRowInput, type SalesRowOptions } from "./rows";

const CUSTOMER = "13748136"; // passes modulus 11
const reference = { institutionsByCvr: new Map([[CUSTOMER, 7]]), categories: new Set(["1410", "1420"]) };
const file: SalesRowOptions = { amountUnit: "kroner", labels: FILE_LABELS };

function check(cells: SalesRowInput["cells"], options = file) {
  const problems = new ProblemList();
  const line = checkSalesRow({ row: 5, cells }, reference, options, problems);
  return { line, problems: problems.items };
}

const good = { customerCvr: CUSTOMER, categoryCode: "1410", amount: "1.234,50", ecommerce: "ja" };

describe("a sales report row", () => {
  it("becomes a line with the customer's institution and the amount in øre", () => {
    expect(check({ ...good, ean: "5798 0000 0000 2" }).problems).toEqual([{ row: 5, column: "EAN", message: "EAN-nummeret 5798000000002 er ugyldigt (kontrolcifferet passer ikke)." }]);
    expect(check({ ...good, customerCvr: "DK 13 74 81 36", ean: "5790000000005" })).toEqual({
      line: { institutionId: 7, customerCvr: CUSTOMER, ean: "5790000000005", categoryCode: "1410", amountOre: 123450n, ecommerce: true },
      problems: [],
    });
  });

  it("allows credit notes (negative amounts), spreadsheet numbers and a category written with its name", () => {
    expect(check({ ...good, amount: "-12,5" }).line?.amountOre).toBe(-1250n);
    expect(check({ ...good, amount: 2500.5 }).line?.amountOre).toBe(250050n);
    expect(check({ ...good, categoryCode: "1420 Software" }).line?.categoryCode).toBe("1420");
  });

  it("lists one Danish problem per bad column, with row and column", () => {
    const { line, problems } = check({ customerCvr: "13748137", ean: "123", categoryCode: "1920", amount: "1.234.5", ecommerce: "måske" });
    expect(line).toBeNull();
    expect(problems).toEqual([
      { row: 5, column: "Kunde-CVR", message: "CVR-nummeret 13748137 er ugyldigt (kontrolcifferet passer ikke)." },
      { row: 5, column: "EAN", message: "«123» er ikke et EAN-nummer (13 cifre)." },
      { row: 5, column: "Kategorikode", message: "Kategorien «1920» hører ikke til aftalen. Aftalens kategorier: 1410, 1420." },
      { row: 5, column: "Beløb ekskl. moms", message: expect.stringContaining("1.234.5") },
      { row: 5, column: "E-handel", message: "«måske» skal være ja eller nej." },
    ]);
  });

  it("refuses a customer the portal does not know, and missing values", () => {
    expect(check({ ...good, customerCvr: "29403473" }).problems).toEqual([
      { row: 5, column: "Kunde-CVR", message: "Der findes ingen offentlig kunde med CVR-nummer 29403473 i portalen." },
    ]);
    expect(check({}).problems.map((p) => [p.column, p.message])).toEqual([
      ["Kunde-CVR", "Kundens CVR-nummer mangler."],
      ["Kategorikode", "Kategorikode mangler."],
      ["Beløb ekskl. moms", "Beløb mangler."],
      ["E-handel", "Angiv ja eller nej."],
    ]);
  });

  it("takes whole øre from the API and names its fields", () => {
    const api: SalesRowOptions = { amountUnit: "ore", labels: { customerCvr: "customerCvr", ean: "ean", categoryCode: "categoryCode", amount: "amountOre", ecommerce: "ecommerce" } };
    expect(check({ ...good, amount: -500, ecommerce: false }, api).line).toMatchObject({ amountOre: -500n, ecommerce: false });
    expect(check({ ...good, amount: "12,50" }, api).problems).toEqual([{ row: 5, column: "amountOre", message: "«12,50» er ikke et helt antal øre." }]);
    expect(check({ ...good, amount: 1.5 }, api).problems[0]?.message).toBe("Beløbet skal være et helt antal øre.");
  });
});

describe("the header row", () => {
  it("finds the columns in any order, with aliases, the optional ones left out", () => {
    const indexOf = matchSalesHeader(["E-handel", "Beløb", "kategori", "CVR"]);
    expect(indexOf).toEqual({ ecommerce: 0, amount: 1, categoryCode: 2, customerCvr: 3 });
    expect(fileRowInput(2, ["nej", "10", "1410", CUSTOMER], indexOf)).toEqual({ row: 2, cells: { customerCvr: CUSTOMER, categoryCode: "1410", amount: "10", ecommerce: "nej" } });
  });

  it("refuses missing, unknown and repeated columns in Danish", () => {
    expect(() => matchSalesHeader(["Kunde-CVR", "Kategorikode", "Pris"])).toThrow(PurchaseFileError);
    expect(() => matchSalesHeader(["Kunde-CVR", "Kategorikode", "Pris"])).toThrow(/Mangler kolonnerne «Beløb ekskl\. moms», «E-handel»\. Ukendte kolonner: «Pris»/);
    expect(() => matchSalesHeader(["Kunde-CVR", "CVR", "Kategorikode", "Beløb", "E-handel"])).toThrow(/«Kunde-CVR» står der flere gange/);
  });
});
