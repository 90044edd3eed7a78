/**
 * The two file formats the portal reads, described once: the header matching, the template and the
 * page's documentation all come from these lists.
 *
 * - AGENCY: the agency's published format, one row per institution x category x supplier per quarter
 *   (DOMAIN.md "Purchase data and compliance"), read exactly as published.
 * - LINES: the portal's line-level format, one row per purchase (invoice line), with the purchase
 *   date, the EAN location and the e-commerce flag.
 *
 * Headers are matched without regard to case, surrounding spaces, "_", "-" or spaces between words,
 * and in any order; Danish letters may also be written aa/oe/ae. Each format's column set must be
 * matched exactly: a missing or an unknown column refuses the file.
 */

export type FormatCode = "AGENCY" | "LINES";

export type ColumnKey =
  | "year"
  | "quarter"
  | "institutionCvr"
  | "institutionName"
  | "categoryCode"
  | "categoryName"
  | "supplierCvr"
  | "supplierName"
  | "amount"
  | "ean"
  | "date"
  | "ecommerce";

export type ColumnSpec = {
  key: ColumnKey;
  /** The header as the format writes it. */
  header: string;
  /** Other spellings accepted (already normalised). */
  aliases?: readonly string[];
  /** Danish documentation for the template and the page. */
  description: string;
  example: string;
  /** Shown as text in spreadsheets (identifiers keep their digits). */
  text?: boolean;
};

export type FormatSpec = {
  code: FormatCode;
  /** Danish name. */
  name: string;
  description: string;
  columns: readonly ColumnSpec[];
};

/** Longest text in the agency format's text fields. */
export const AGENCY_TEXT_MAX = 50;
/** Longest supplier name in the line format. */
export const LINES_TEXT_MAX = 200;

export const AGENCY_FORMAT: FormatSpec = {
  code: "AGENCY",
  name: "Styrelsens format",
  description:
    "Én række pr. institution, indkøbskategori og leverandør for kvartalet; beløb uden moms. Tekstfelter må højst have 50 tegn.",
  columns: [
    { key: "year", header: "År", aliases: ["aar", "ar"], description: "Året, fx 2016. Skal svare til det valgte kvartal.", example: "2016" },
    { key: "quarter", header: "Kvartal", description: "Kvartalets nummer 1-4. Skal svare til det valgte kvartal.", example: "4" },
    {
      key: "institutionCvr",
      header: "Virk_CVR",
      description: "Institutionens CVR-nummer (8 cifre). Institutionen skal være kendt i portalen og høre under dig.",
      example: "10213231",
      text: true,
    },
    { key: "institutionName", header: "Virksomhedsnavn", description: "Institutionens navn (højst 50 tegn).", example: "Moderniseringsstyrelsen" },
    {
      key: "categoryCode",
      header: "Kategorikode",
      description:
        "Indkøbskategoriens firecifrede kode, fx 1920. Kan være tom, hvis leverandøren har en kategori i portalens leverandørliste.",
      example: "1920",
      text: true,
    },
    { key: "categoryName", header: "Indkøbskategori", aliases: ["indkoebskategori", "indkobskategori"], description: "Kategoriens navn (højst 50 tegn).", example: "Kontorartikler" },
    {
      key: "supplierCvr",
      header: "Kreditor_CVR",
      description: "Leverandørens CVR-nummer (8 cifre, kontrolleres med modulus 11). Tomt for udenlandske leverandører og personlige udlæg.",
      example: "27985017",
      text: true,
    },
    { key: "supplierName", header: "Kreditor_Navn", description: "Leverandørens navn (højst 50 tegn).", example: "Staples Denmark ApS" },
    {
      key: "amount",
      header: "Beløb",
      aliases: ["beloeb", "belob"],
      description: "Beløb i kroner uden moms, med decimalkomma; tusindtalspunktum er tilladt, fx 12345,67 eller 1.234,50. Negativt for kreditnotaer.",
      example: "12345,67",
    },
  ],
};

export const LINES_FORMAT: FormatSpec = {
  code: "LINES",
  name: "Portalens linjeformat",
  description:
    "Én række pr. indkøb (fakturalinje) med dato, EAN-lokationsnummer og e-handel; beløb uden moms. Institutionen angives med CVR-nummer, EAN-nummer eller begge.",
  columns: [
    {
      key: "institutionCvr",
      header: "Virk_CVR",
      description: "Institutionens CVR-nummer (8 cifre). Kan være tomt, når EAN er udfyldt.",
      example: "10213231",
      text: true,
    },
    {
      key: "ean",
      header: "EAN",
      aliases: ["ean_nr", "ean_nummer", "gln"],
      description: "EAN-lokationsnummer (13 cifre) hos institutionen, der købte ind. Kan være tomt, når Virk_CVR er udfyldt.",
      example: "5798000000001",
      text: true,
    },
    {
      key: "date",
      header: "Dato",
      aliases: ["fakturadato", "indkobsdato", "indkoebsdato"],
      description: "Fakturadatoen, fx 2016-11-15 eller 15-11-2016. Skal ligge i det valgte kvartal.",
      example: "2016-11-15",
    },
    {
      key: "supplierCvr",
      header: "Kreditor_CVR",
      description: "Leverandørens CVR-nummer (8 cifre, kontrolleres med modulus 11). Tomt for udenlandske leverandører og personlige udlæg.",
      example: "27985017",
      text: true,
    },
    { key: "supplierName", header: "Kreditor_Navn", description: "Leverandørens navn (højst 200 tegn).", example: "Staples Denmark ApS" },
    {
      key: "categoryCode",
      header: "Kategorikode",
      description:
        "Indkøbskategoriens firecifrede kode, fx 1920. Kan være tom, hvis leverandøren har en kategori i portalens leverandørliste.",
      example: "1920",
      text: true,
    },
    {
      key: "amount",
      header: "Beløb",
      aliases: ["beloeb", "belob"],
      description: "Beløb i kroner uden moms, med decimalkomma; tusindtalspunktum er tilladt, fx 1.234,50. Negativt for kreditnotaer.",
      example: "1.234,50",
    },
    {
      key: "ecommerce",
      header: "E_handel",
      aliases: ["ehandel"],
      description: "Om indkøbet er sket via e-handel (IndFak): ja eller nej (j/n og 1/0 accepteres også). Skal udfyldes.",
      example: "ja",
    },
  ],
};

export const FORMATS: readonly FormatSpec[] = [AGENCY_FORMAT, LINES_FORMAT];

/** Normalises a header cell for matching: lower case, Danish letters folded, separators unified. */
export function normalizeHeader(cell: string): string {
  return cell
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .replace(/[\s_\-.]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

const KEYS_BY_FORMAT = new Map<FormatCode, Map<string, ColumnSpec>>(
  FORMATS.map((format) => {
    const byName = new Map<string, ColumnSpec>();
    for (const column of format.columns) {
      byName.set(normalizeHeader(column.header), column);
      for (const alias of column.aliases ?? []) byName.set(alias, column);
    }
    return [format.code, byName];
  }),
);

export type HeaderMatch =
  | { ok: true; format: FormatSpec; indexOf: Partial<Record<ColumnKey, number>>; width: number }
  | { ok: false; message: string };

/** True when the cells are a header of either format (used to spot a repeated header line). */
export function looksLikeHeader(cells: readonly unknown[]): boolean {
  const match = matchHeader(cells);
  return match.ok;
}

/**
 * Which format a header row is, and where each column sits. Refuses with a Danish message naming
 * the missing and the unknown columns of the closest format.
 */
export function matchHeader(cells: readonly unknown[]): HeaderMatch {
  const names = cells.map((cell) => (cell === null || cell === undefined ? "" : normalizeHeader(String(cell))));
  // Trailing empty header cells (a spreadsheet's formatted but empty columns) are not columns.
  let width = names.length;
  while (width > 0 && names[width - 1] === "") width--;
  let best: { format: FormatSpec; missing: string[]; unknown: string[] } | null = null;
  for (const format of FORMATS) {
    const byName = KEYS_BY_FORMAT.get(format.code)!;
    const indexOf: Partial<Record<ColumnKey, number>> = {};
    const unknown: string[] = [];
    const duplicate: string[] = [];
    for (let i = 0; i < width; i++) {
      const column = byName.get(names[i]!);
      if (!column) {
        unknown.push(String(cells[i] ?? "").trim() || `(tom kolonne ${i + 1})`);
      } else if (indexOf[column.key] !== undefined) {
        duplicate.push(column.header);
      } else {
        indexOf[column.key] = i;
      }
    }
    const missing = format.columns.filter((c) => indexOf[c.key] === undefined).map((c) => c.header);
    if (missing.length === 0 && unknown.length === 0 && duplicate.length === 0) return { ok: true, format, indexOf, width };
    if (duplicate.length > 0) {
      return { ok: false, message: `Linje 1: kolonnen ${duplicate.map((d) => `«${d}»`).join(", ")} står der flere gange.` };
    }
    if (!best || missing.length + unknown.length < best.missing.length + best.unknown.length) best = { format, missing, unknown };
  }
  const { format, missing, unknown } = best!;
  const parts = [
    `Linje 1: kolonnerne passer hverken til styrelsens format eller portalens linjeformat (tættest på: ${format.name.toLowerCase()}).`,
  ];
  if (missing.length > 0) parts.push(`Mangler: ${missing.map((m) => `«${m}»`).join(", ")}.`);
  if (unknown.length > 0) parts.push(`Ukendte kolonner: ${unknown.slice(0, 10).map((u) => `«${u}»`).join(", ")}.`);
  parts.push("Brug skabelonen, og behold overskrifterne i første linje.");
  return { ok: false, message: parts.join(" ") };
}
