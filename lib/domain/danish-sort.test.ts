import { describe, expect, it } from "vitest";
import { compareDanish, danishSortKey } from "./danish-sort";

const collator = new Intl.Collator("da");

function byKey(names: string[]): string[] {
  // Byte order of the keys: what PostgreSQL's "C" collation does with the sortKey column.
  return [...names].sort((a, b) => {
    const ka = Buffer.from(danishSortKey(a), "utf8");
    const kb = Buffer.from(danishSortKey(b), "utf8");
    return Buffer.compare(ka, kb);
  });
}

describe("danishSortKey", () => {
  it("orders like Intl.Collator('da') for the classic cases", () => {
    const names = ["Åbenrå", "Ærø", "Zealand", "Øster", "Aarhus", "Aalborg", "Bornholm"];
    expect(byKey(names)).toEqual([...names].sort(collator.compare));
    expect(byKey(names)).toEqual(["Bornholm", "Zealand", "Ærø", "Øster", "Åbenrå", "Aalborg", "Aarhus"]);
  });

  it("orders institution and supplier names like Intl.Collator('da')", () => {
    const names = [
      "Økonomistyrelsen",
      "Ærø Kommune",
      "Aabenraa Kommune",
      "Aalborg Kommune",
      "Aarhus Kommune",
      "Albertslund Kommune",
      "Odense Kommune",
      "Københavns Kommune",
      "Kriminalforsorgen",
      "Region Hovedstaden",
      "Rigspolitiet",
      "Skattestyrelsen",
      "Statens It",
      "Zebra Demo ApS",
      "Ørsted Demo A/S",
      "Åkirkeby Demo Tryk",
      "Ängelholm Demo AB",
      "Müller Demo GmbH",
      "Mygind Demo",
      "Café Demo",
      "Cafe Demo Ost",
      "Danmarks Nationalbank",
      "Dansk Institut for Internationale Studier",
      "Grønlands Selvstyre",
      "Færøernes Hjemmestyre",
      "Folketinget",
    ];
    expect(byKey(names)).toEqual([...names].sort(collator.compare));
  });

  it("ignores case and accents at primary level", () => {
    expect(danishSortKey("ÆBLE")).toBe(danishSortKey("æble"));
    expect(danishSortKey("Café")).toBe(danishSortKey("cafe"));
    expect(danishSortKey("AAGAARD")).toBe(danishSortKey("Ågård"));
  });

  it("puts Æ, Ø, Å after Z and keeps the Danish order among them", () => {
    const keys = ["z", "æ", "ø", "å"].map(danishSortKey);
    expect([...keys].sort()).toEqual(keys);
  });

  it("sorts spaces and punctuation before letters and digits", () => {
    const names = ["Kontor 2", "Kontor-A", "Kontor A", "KontorA", "Kontor1"];
    expect(byKey(names).indexOf("KontorA")).toBe(names.length - 1);
    expect(danishSortKey("  To   ord  ")).toBe("to ord");
  });

  it("produces plain ASCII keys", () => {
    expect(danishSortKey("Ærø Øster Åbenrå Straße Þór")).toMatch(/^[\x20-\x7e]*$/);
  });

  it("compareDanish sorts like the collator", () => {
    const names = ["Åbenrå", "Ærø", "Zealand", "Øster", "Aarhus", "Aalborg", "Bornholm"];
    expect([...names].sort(compareDanish)).toEqual([...names].sort(collator.compare));
  });
});
