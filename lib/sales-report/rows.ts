/**
 * The ONE check of a sales report's rows (omsætningsindberetning), pure: every way in (xlsx
 * template, CSV, the JSON API) hands its rows here as cells, and gets back checked lines or Danish
 * problems naming row, column and reason (docs/decisions/0014-sales-reports.md).
 *
 * A row: the customer's CVR (modulus 11, and an institution the portal knows), an optional EAN
 * (GS1 check digit), a category of the agreement, the amount excluding VAT and the e-commerce flag.
 * Amounts are read exactly into øre (lib/purchase-data/amount.ts: "1.234,50", "-12,5", spreadsheet
 * numbers); negative amounts are allowed: a credit note issued in the quarter reduces the quarter's
 * sales, as it does in the institutions' own purchase data. A customer may appear on several rows
 * (one per invoice, per EAN or per category); the reconciliation sums them. A customer that is not
 * party to the agreement is not refused: that is a finding for the agency, not an error in the file.
 */
import { isValidCvr, isValidEan, normalizeCvr, normalizeEan } from "@/lib/domain/identifiers";
import { amountFromNumber, parseAmountText } from "@/lib/purchase-data/amount";
import { normalizeHeader } from "@/lib/purchase-data/formats";
import { cellText, parseFlag, ProblemList } from "@/lib/purchase-data/rows";
import { PurchaseFileError, type Cell } from "@/lib/purchase-data/types";

export type SalesColumnKey = "customerCvr" | "customerName" | "ean" | "categoryCode" | "amount" | "ecommerce";

export type SalesColumn = { key: SalesColumnKey; header: string; required: boolean; aliases: readonly string[] };

/** The file columns, in the template's order. "Kundenavn" is for the reader's eye only and is not checked. */
export const SALES_COLUMNS: readonly SalesColumn[] = [
  { key: "customerCvr", header: "Kunde-CVR", required: true, aliases: ["cvr", "kunde_cvr", "kundens_cvr", "cvr_nummer", "kunde_cvr_nummer"] },
  { key: "customerName", header: "Kundenavn", required: false, aliases: ["kunde", "navn", "kundens_navn"] },
  { key: "ean", header: "EAN", required: false, aliases: ["ean_nummer", "ean_lokationsnummer", "ean_nr", "gln"] },
  { key: "categoryCode", header: "Kategorikode", required: true, aliases: ["kategori", "indkoebskategori", "kategori_kode"] },
  {
    key: "amount",
    header: "Beløb ekskl. moms",
    required: true,
    aliases: ["beloeb", "beloeb_ekskl_moms", "beloeb_uden_moms", "omsaetning", "omsaetning_ekskl_moms", "beloeb_kr"],
  },
  { key: "ecommerce", header: "E-handel", required: true, aliases: ["ehandel", "e_handel_ja_nej", "via_e_handel"] },
];

/** The problems listed with a refused report (all are counted). */
export const MAX_LISTED_PROBLEMS = 1000;

/** What the rows are checked against: read once per report in the store's transaction. */
export type SalesReference = {
  /** Institutions by CVR: the customers a report may name. */
  institutionsByCvr: ReadonlyMap<string, number>;
  /** The agreement's categories (AgreementCategory). */
  categories: ReadonlySet<string>;
};

/** One row as cells, whichever way it came in; `row` is the number the sender sees. */
export type SalesRowInput = { row: number; cells: Partial<Record<SalesColumnKey, Cell>> };

export type SalesLine = {
  institutionId: number;
  customerCvr: string;
  ean: string | null;
  categoryCode: string;
  amountOre: bigint;
  ecommerce: boolean;
};

export type ColumnLabels = Record<Exclude<SalesColumnKey, "customerName">, string>;

/** The file's column names in messages. */
export const FILE_LABELS: ColumnLabels = {
  customerCvr: "Kunde-CVR",
  ean: "EAN",
  categoryCode: "Kategorikode",
  amount: "Beløb ekskl. moms",
  ecommerce: "E-handel",
};

export type SalesRowOptions = {
  /** How the amount is written: kroner as in a spreadsheet ("1.234,50"), or whole øre (the API). */
  amountUnit: "kroner" | "ore";
  /** The column names the messages use (the file's headers, or the API's field names). */
  labels: ColumnLabels;
};

const BY_NAME = new Map<string, SalesColumn>();
for (const column of SALES_COLUMNS) {
  BY_NAME.set(normalizeHeader(column.header), column);
  for (const alias of column.aliases) BY_NAME.set(alias, column);
}

/** Where each column sits in a file's header row; refuses the file (Danish) when it does not fit. */
export function matchSalesHeader(cells: readonly Cell[]): Partial<Record<SalesColumnKey, number>> {
  const indexOf: Partial<Record<SalesColumnKey, number>> = {};
  const unknown: string[] = [];
  const duplicate: string[] = [];
  let width = cells.length;
  while (width > 0 && cellText(cells[width - 1]) === "") width--;
  for (let i = 0; i < width; i++) {
    const text = cellText(cells[i]);
    const column = BY_NAME.get(normalizeHeader(text));
    if (!column) unknown.push(text || `(tom kolonne ${i + 1})`);
    else if (indexOf[column.key] !== undefined) duplicate.push(column.header);
    else indexOf[column.key] = i;
  }
  const missing = SALES_COLUMNS.filter((c) => c.required && indexOf[c.key] === undefined).map((c) => c.header);
  const parts: string[] = [];
  if (duplicate.length > 0) parts.push(`Kolonnen ${duplicate.map((d) => `«${d}»`).join(", ")} står der flere gange.`);
  if (missing.length > 0) parts.push(`Mangler kolonnerne ${missing.map((m) => `«${m}»`).join(", ")}.`);
  if (unknown.length > 0) parts.push(`Ukendte kolonner: ${unknown.slice(0, 10).map((u) => `«${u}»`).join(", ")}.`);
  if (parts.length > 0) {
    throw new PurchaseFileError(
      `Overskriftsrækken passer ikke til omsætningsindberetningen. ${parts.join(" ")} Kolonnerne er: ${SALES_COLUMNS.map((c) => `«${c.header}»`).join(", ")} (Kundenavn og EAN kan udelades). Brug skabelonen.`,
    );
  }
  return indexOf;
}

function short(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const WHOLE_ORE = /^-?\d{1,16}$/;
const CATEGORY_CODE = /^(\d{4})(?:\s|$)/;

/** An amount given in whole øre (the API): an integer, or its digits as text. */
function amountInOre(cell: Cell): { ok: true; ore: bigint } | { ok: false; reason: string } {
  if (typeof cell === "number") {
    return Number.isSafeInteger(cell) ? { ok: true, ore: BigInt(cell) } : { ok: false, reason: "Beløbet skal være et helt antal øre." };
  }
  const text = cellText(cell);
  if (text === "") return { ok: false, reason: "Beløb mangler." };
  return WHOLE_ORE.test(text) ? { ok: true, ore: BigInt(text) } : { ok: false, reason: `«${short(text)}» er ikke et helt antal øre.` };
}

/**
 * Checks one row: a line, or null with every problem of the row added to `problems` (one per
 * column at most, so a row with three mistakes lists three).
 */
export function checkSalesRow(input: SalesRowInput, reference: SalesReference, options: SalesRowOptions, problems: ProblemList): SalesLine | null {
  const { row, cells } = input;
  const labels = options.labels;
  // No closure per row: a million rows are a million fewer functions for the garbage collector.
  const before = problems.total;

  const cvrText = normalizeCvr(cellText(cells.customerCvr));
  let institutionId: number | undefined;
  if (cvrText === "") problems.add(row, labels.customerCvr, "Kundens CVR-nummer mangler.");
  else if (!/^\d{8}$/.test(cvrText)) problems.add(row, labels.customerCvr, `«${short(cvrText)}» er ikke et CVR-nummer (8 cifre).`);
  else if (!isValidCvr(cvrText)) problems.add(row, labels.customerCvr, `CVR-nummeret ${cvrText} er ugyldigt (kontrolcifferet passer ikke).`);
  else {
    institutionId = reference.institutionsByCvr.get(cvrText);
    if (institutionId === undefined) problems.add(row, labels.customerCvr, `Der findes ingen offentlig kunde med CVR-nummer ${cvrText} i portalen.`);
  }

  const eanText = normalizeEan(cellText(cells.ean));
  if (eanText !== "" && !/^\d{13}$/.test(eanText)) problems.add(row, labels.ean, `«${short(eanText)}» er ikke et EAN-nummer (13 cifre).`);
  else if (eanText !== "" && !isValidEan(eanText)) problems.add(row, labels.ean, `EAN-nummeret ${eanText} er ugyldigt (kontrolcifferet passer ikke).`);

  const categoryText = cellText(cells.categoryCode);
  const categoryCode = CATEGORY_CODE.exec(categoryText)?.[1] ?? categoryText;
  if (categoryText === "") problems.add(row, labels.categoryCode, "Kategorikode mangler.");
  else if (!reference.categories.has(categoryCode)) {
    problems.add(row, labels.categoryCode, `Kategorien «${short(categoryText)}» hører ikke til aftalen. Aftalens kategorier: ${[...reference.categories].sort().join(", ")}.`);
  }

  const amountCell = cells.amount ?? null;
  const amount =
    options.amountUnit === "ore" ? amountInOre(amountCell) : typeof amountCell === "number" ? amountFromNumber(amountCell) : parseAmountText(cellText(amountCell));
  if (!amount.ok) problems.add(row, labels.amount, amount.reason);

  const flag = parseFlag(cells.ecommerce ?? null);
  if (!flag.ok) problems.add(row, labels.ecommerce, flag.reason);

  if (problems.total > before || !amount.ok || !flag.ok) return null;
  return { institutionId: institutionId!, customerCvr: cvrText, ean: eanText === "" ? null : eanText, categoryCode, amountOre: amount.ore, ecommerce: flag.value };
}

/** A file's record as the checker's input, by the header's column positions. */
export function fileRowInput(line: number, cells: readonly Cell[], indexOf: Partial<Record<SalesColumnKey, number>>): SalesRowInput {
  const picked: Partial<Record<SalesColumnKey, Cell>> = {};
  for (const column of SALES_COLUMNS) {
    const index = indexOf[column.key];
    if (index !== undefined) picked[column.key] = cells[index] ?? null;
  }
  return { row: line, cells: picked };
}

export { ProblemList };
