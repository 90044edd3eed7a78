import { buildTemplateWorkbook, type TemplateSpec } from "@/lib/xlsx/template";
import { quarterLabel } from "@/lib/purchase-data/quarter";

/**
 * The xlsx template of a sales report for one agreement and quarter (lib/xlsx/template.ts): a guide
 * sheet, the data sheet «Omsætning» with text-formatted CVR and EAN columns, pick lists of the
 * agreement's categories and customers (its parties), and the sheet «Lister» the lists come from,
 * where the clerk also reads the customers' names. The upload reads it back through the one
 * hardened reader (file.ts), skipping the guide and list sheets.
 */

export const SALES_DATA_SHEET = "Omsætning";
export const SALES_LIST_SHEET = "Lister";

export type TemplateAgreement = {
  reference: string;
  name: string;
  categories: readonly { code: string; name: string }[];
  customers: readonly { cvr: string; name: string }[];
};

export function salesTemplateSpec(agreement: TemplateAgreement, quarter: string): TemplateSpec {
  const example = agreement.customers[0];
  const category = agreement.categories[0];
  return {
    title: `Omsætningsindberetning: ${agreement.reference} ${agreement.name}, ${quarterLabel(quarter)}`,
    intro: [
      "Én række pr. kunde og kategori (gerne flere rækker pr. kunde, fx pr. faktura eller EAN-nummer). Beløb er uden moms, i kroner med komma som decimaltegn.",
      "Kreditnotaer udstedt i kvartalet indberettes som negative beløb.",
      "Hele filen kontrolleres, før noget gemmes: er der fejl i blot én række, gemmes intet, og du får en liste over fejlene med række og kolonne.",
      "Har I ingen omsætning under aftalen i kvartalet, så brug knappen «Ingen omsætning i kvartalet» i portalen i stedet for en tom fil.",
      `Arket «${SALES_LIST_SHEET}» viser aftalens kategorier og de offentlige kunder, der er part i aftalen. Salg til andre offentlige kunder indberettes også; de skal findes i portalen.`,
    ],
    sheets: [
      {
        name: SALES_DATA_SHEET,
        description: "Omsætningen under aftalen i kvartalet.",
        columns: [
          {
            header: "Kunde-CVR",
            required: true,
            description: "Kundens CVR-nummer, 8 cifre. Vælg fra listen eller skriv det.",
            example: example?.cvr ?? "12345674",
            text: true,
            width: 14,
            choicesFrom: { sheet: SALES_LIST_SHEET, column: 0 },
          },
          { header: "Kundenavn", required: false, description: "Kundens navn, til jeres egen kontrol (læses ikke).", example: example?.name ?? "", width: 36 },
          { header: "EAN", required: false, description: "Kundens EAN-lokationsnummer, 13 cifre, hvis I kender det.", example: "5798000000001", text: true, width: 16 },
          {
            header: "Kategorikode",
            required: true,
            description: `Aftalens indkøbskategori: ${agreement.categories.map((c) => `${c.code} ${c.name}`).join(", ")}.`,
            example: category?.code ?? "",
            text: true,
            choices: agreement.categories.map((c) => c.code),
          },
          { header: "Beløb ekskl. moms", required: true, description: "Omsætningen i kroner uden moms, fx 1.234,50. Negativt for kreditnotaer.", example: "1.234,50", width: 18 },
          { header: "E-handel", required: true, description: "Ja, hvis salget er sket via e-handel (IndFak), ellers nej.", example: "nej", choices: ["ja", "nej"] },
        ],
      },
    ],
    lists: [
      {
        name: SALES_LIST_SHEET,
        columns: [
          { header: "Kundens CVR", values: agreement.customers.map((c) => c.cvr), width: 14 },
          { header: "Kundens navn", values: agreement.customers.map((c) => c.name), width: 44 },
          { header: "Kategorikode", values: agreement.categories.map((c) => c.code), width: 14 },
          { header: "Kategori", values: agreement.categories.map((c) => c.name), width: 36 },
        ],
      },
    ],
  };
}

export function salesTemplateWorkbook(agreement: TemplateAgreement, quarter: string): Promise<Buffer> {
  return buildTemplateWorkbook(salesTemplateSpec(agreement, quarter));
}
