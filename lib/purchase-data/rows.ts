/**
 * The checks of one purchase-data row, pure: from a file's cells to a purchase line ready for the
 * database, or Danish problems naming row, column and reason. The reference data (institutions, EAN
 * locations, categories, the suppliers' category mapping) are read from the database once per import
 * (lib/purchase-data/reference.ts) and passed in, so every check here is a lookup.
 *
 * Checked: the institution is known (CVR or EAN), may be reported by the sender and delivers through
 * the channel used; supplier CVR modulus 11 (empty allowed); amount (decimal comma, thousands dot);
 * date inside the quarter; category known or derivable from the supplier; e-commerce flag; text
 * lengths; the agency format's year and quarter match the quarter submitted.
 */
import type { PurchaseLineRow } from "@/lib/db/bulk-insert";
import { isValidCvr, isValidEan, normalizeCvr, normalizeEan } from "@/lib/domain/identifiers";
import { amountFromNumber, parseAmountText } from "./amount";
import { needsTrim } from "./text";
import { AGENCY_TEXT_MAX, LINES_TEXT_MAX, normalizeHeader, type ColumnKey, type FormatSpec } from "./formats";
import { quarterLabel, type Quarter } from "./quarter";
import { PurchaseFileError, type Cell, type Problem, type RawRow } from "./types";

export type Channel = "MANUAL" | "SKS_FEED";

export type RefMembership = { ministryId: number; validFrom: string; validTo: string | null };

export type RefInstitution = {
  id: number;
  cvr: string;
  name: string;
  dataChannel: "SKS" | "MANUAL";
  ministryId: number;
  /** Ministry periods, ordered by validFrom; validTo inclusive. */
  memberships: readonly RefMembership[];
};

export type ReferenceData = {
  institutionsByCvr: ReadonlyMap<string, RefInstitution>;
  institutionsByEan: ReadonlyMap<string, RefInstitution>;
  categories: ReadonlySet<string>;
  /** Supplier CVR -> the supplier's category (null: the supplier has none). */
  supplierCategories: ReadonlyMap<string, string | null>;
};

/** Who may be reported in this submission. */
export type SubmissionScope = {
  channel: Channel;
  /** Institution ids the sender may report for; "all" for the agency and the SKS import. */
  institutionIds: ReadonlySet<number> | "all";
  /** Why an institution outside `institutionIds` is refused, e.g. "Du kan kun indsende for din egen institution". */
  outsideMessage: string;
};

/** A checked line and the row it came from; `submissionId` is 0 until the import assigns it. */
export type CheckedLine = PurchaseLineRow & { row: number };

/** Collects problems, keeping the first `limit` and counting all. */
export class ProblemList {
  readonly items: Problem[] = [];
  total = 0;
  constructor(readonly limit = 1000) {}
  add(row: number | null, column: string | null, message: string): void {
    this.total++;
    if (this.items.length < this.limit) this.items.push({ row, column, message });
  }
}

/** A cell as text: numbers without exponent or grouping (identifiers keep their digits). */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return needsTrim(cell) ? cell.trim() : cell;
  if (typeof cell === "number") return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  if (typeof cell === "boolean") return cell ? "ja" : "nej";
  return cell.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Field rules
// ---------------------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/;
const DANISH_DATE = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function isoFromParts(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** A date as ISO "YYYY-MM-DD" from text (2016-11-15, 15-11-2016, 15.11.2016, 20161115), a spreadsheet date or serial. */
export function parseDateCell(cell: Cell): { ok: true; iso: string } | { ok: false; reason: string } {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { ok: false, reason: "Datoen er ugyldig." };
    return { ok: true, iso: cell.toISOString().slice(0, 10) };
  }
  if (typeof cell === "number") {
    if (!Number.isFinite(cell) || cell < 1 || cell > 2_958_465) return { ok: false, reason: `${cell} er ikke en dato.` };
    return { ok: true, iso: new Date(EXCEL_EPOCH_MS + Math.floor(cell) * 86_400_000).toISOString().slice(0, 10) };
  }
  const text = cellText(cell);
  if (text === "") return { ok: false, reason: "Dato mangler." };
  let m = ISO_DATE.exec(text);
  let iso: string | null = null;
  if (m) iso = isoFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
  else if ((m = DANISH_DATE.exec(text))) iso = isoFromParts(Number(m[3]), Number(m[2]), Number(m[1]));
  else if ((m = COMPACT_DATE.exec(text))) iso = isoFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
  else return { ok: false, reason: `«${short(text)}» er ikke en dato. Skriv fx 2016-11-15 eller 15-11-2016.` };
  return iso ? { ok: true, iso } : { ok: false, reason: `«${short(text)}» er ikke en gyldig dato.` };
}

const YES = new Set(["ja", "j", "1", "true", "sand", "yes", "y"]);
const NO = new Set(["nej", "n", "0", "false", "falsk", "no"]);

const FLAG_YES = { ok: true, value: true } as const;
const FLAG_NO = { ok: true, value: false } as const;

/** The e-commerce flag: ja/nej (j/n, 1/0, true/false). */
export function parseFlag(cell: Cell): { ok: true; value: boolean } | { ok: false; reason: string } {
  if (typeof cell === "boolean") return cell ? FLAG_YES : FLAG_NO;
  // The template's own words first: no lower-casing, no set lookup.
  if (cell === "ja") return FLAG_YES;
  if (cell === "nej") return FLAG_NO;
  const text = cellText(cell).toLowerCase();
  if (YES.has(text)) return FLAG_YES;
  if (NO.has(text)) return FLAG_NO;
  if (text === "") return { ok: false, reason: "Angiv ja eller nej." };
  return { ok: false, reason: `«${short(text)}» skal være ja eller nej.` };
}

function short(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The ministry of an institution on a day: the membership covering it, else the current one. */
export function ministryOn(institution: RefInstitution, isoDate: string): number {
  for (let i = institution.memberships.length - 1; i >= 0; i--) {
    const m = institution.memberships[i]!;
    if (m.validFrom <= isoDate && (m.validTo === null || m.validTo >= isoDate)) return m.ministryId;
  }
  return institution.ministryId;
}

// ---------------------------------------------------------------------------------------------
// The row checker
// ---------------------------------------------------------------------------------------------

const CACHE_LIMIT = 50_000;

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

export type RowCheckerOptions = {
  format: FormatSpec;
  /** Column index per key, from matchHeader. */
  indexOf: Partial<Record<ColumnKey, number>>;
  quarter: Quarter;
  refs: ReferenceData;
  scope: SubmissionScope;
};

/**
 * Checks rows of one file. Caches what repeats (CVR and EAN checks, dates, institution verdicts) so that a
 * million rows cost lookups, not regular expressions.
 */
export class RowChecker {
  private readonly cvrVerdicts = new Map<string, string | null>();
  /** EAN as written -> the normalised EAN when valid, else null. */
  private readonly eanVerdicts = new Map<string, string | null>();
  private readonly dateVerdicts = new Map<string, { ok: true; iso: string } | { ok: false; reason: string }>();
  private readonly institutionVerdicts = new Map<RefInstitution, string | null>();
  private readonly headers: Record<ColumnKey, string>;
  private readonly textMax: number;
  private readonly quarterEnd: string;

  constructor(private readonly options: RowCheckerOptions) {
    this.headers = Object.fromEntries(options.format.columns.map((c) => [c.key, c.header])) as Record<ColumnKey, string>;
    this.textMax = options.format.code === "AGENCY" ? AGENCY_TEXT_MAX : LINES_TEXT_MAX;
    this.quarterEnd = options.quarter.end;
  }

  /** The file's format. */
  get formatCode(): FormatSpec["code"] {
    return this.options.format.code;
  }

  private cell(cells: readonly Cell[], key: ColumnKey): Cell {
    const index = this.options.indexOf[key];
    return index === undefined ? null : (cells[index] ?? null);
  }

  /** "" when empty, the normalised CVR when valid, else null (and a problem is added). */
  private cvr(row: number, column: string, cell: Cell, problems: ProblemList): string | null {
    const raw = cellText(cell);
    if (raw === "") return "";
    let verdict = this.cvrVerdicts.get(raw);
    if (verdict === undefined) {
      const cvr = normalizeCvr(raw);
      verdict = remember(this.cvrVerdicts, raw, isValidCvr(cvr) ? cvr : null);
    }
    if (verdict === null) {
      const digits = normalizeCvr(raw);
      problems.add(
        row,
        column,
        /^\d{8}$/.test(digits)
          ? `CVR-nummeret ${digits} er ugyldigt (kontrolcifferet passer ikke).`
          : `«${short(raw)}» er ikke et CVR-nummer (8 cifre).`,
      );
    }
    return verdict;
  }

  private institutionVerdict(institution: RefInstitution): string | null {
    let verdict = this.institutionVerdicts.get(institution);
    if (verdict !== undefined) return verdict;
    const { scope } = this.options;
    verdict = null;
    if (scope.institutionIds !== "all" && !scope.institutionIds.has(institution.id)) {
      verdict = `${scope.outsideMessage} (${institution.name}, CVR ${institution.cvr}).`;
    } else if (scope.channel === "MANUAL" && institution.dataChannel === "SKS") {
      verdict = `${institution.name} leverer indkøbsdata løbende via SKS og indsender ikke manuelt. Tag i stedet forbehold for kvartalets SKS-data.`;
    } else if (scope.channel === "SKS_FEED" && institution.dataChannel !== "SKS") {
      verdict = `${institution.name} leverer ikke via SKS, men indsender manuelt.`;
    }
    this.institutionVerdicts.set(institution, verdict);
    return verdict;
  }

  private text(row: number, key: ColumnKey, cells: readonly Cell[], problems: ProblemList, required: boolean): string {
    const value = cellText(this.cell(cells, key));
    if (required && value === "") problems.add(row, this.headers[key], "Skal udfyldes.");
    else if (value.length > this.textMax) problems.add(row, this.headers[key], `Højst ${this.textMax} tegn (her ${value.length}).`);
    return value;
  }

  /** The line, or null when the row has problems (added to `problems`). */
  check(raw: RawRow, problems: ProblemList): CheckedLine | null {
    const { format, quarter, refs } = this.options;
    const { cells, line: row } = raw;
    const before = problems.total;
    const h = this.headers;

    // Institution: by CVR, by EAN (line format), or both (then they must agree).
    let institution: RefInstitution | undefined;
    const cvr = this.cvr(row, h.institutionCvr, this.cell(cells, "institutionCvr"), problems);
    if (cvr) {
      institution = refs.institutionsByCvr.get(cvr);
      if (!institution) problems.add(row, h.institutionCvr, `Ingen institution i portalen har CVR-nummer ${cvr}.`);
    }
    let ean: string | null = null;
    if (format.code === "LINES") {
      const eanText = cellText(this.cell(cells, "ean"));
      if (eanText !== "") {
        let normalized = this.eanVerdicts.get(eanText);
        if (normalized === undefined) {
          const digits = normalizeEan(eanText);
          normalized = remember(this.eanVerdicts, eanText, isValidEan(digits) ? digits : null);
        }
        if (normalized === null) {
          const digits = normalizeEan(eanText);
          problems.add(row, h.ean, /^\d{13}$/.test(digits) ? `EAN-nummeret ${digits} er ugyldigt (kontrolcifferet passer ikke).` : `«${short(eanText)}» er ikke et EAN-nummer (13 cifre).`);
        } else {
          ean = normalized;
          const byEan = refs.institutionsByEan.get(normalized);
          if (!byEan) problems.add(row, h.ean, `EAN-nummeret ${normalized} er ikke registreret hos nogen institution i portalen.`);
          else if (institution && byEan !== institution) {
            problems.add(row, h.ean, `EAN-nummeret ${normalized} hører til ${byEan.name}, ikke til institutionen med CVR-nummer ${cvr}.`);
          } else institution = byEan;
        }
      } else if (cvr === "") {
        problems.add(row, h.institutionCvr, "Angiv institutionens CVR-nummer eller et EAN-nummer.");
      }
    } else if (cvr === "") {
      problems.add(row, h.institutionCvr, "Skal udfyldes.");
    }
    if (institution) {
      const verdict = this.institutionVerdict(institution);
      if (verdict) problems.add(row, ean && !cvr ? h.ean : h.institutionCvr, verdict);
    }

    // Period: the agency format's year and quarter, the line format's date.
    let purchaseDate: string | null = null;
    if (format.code === "AGENCY") {
      const year = cellText(this.cell(cells, "year"));
      if (year !== String(quarter.year)) {
        problems.add(row, h.year, year === "" ? "Skal udfyldes." : `Året er ${short(year)}, men indsendelsen gælder ${quarterLabel(quarter)}.`);
      }
      const q = cellText(this.cell(cells, "quarter")).replace(/^[QqKk]\s*/, "").replace(/\.$/, "");
      if (q !== String(quarter.q)) {
        problems.add(row, h.quarter, q === "" ? "Skal udfyldes." : `Kvartalet er ${short(q)}, men indsendelsen gælder ${quarterLabel(quarter)}.`);
      }
      this.text(row, "institutionName", cells, problems, false);
      this.text(row, "categoryName", cells, problems, false);
    } else {
      const cell = this.cell(cells, "date");
      const key = typeof cell === "string" ? cell : null;
      let verdict = key === null ? undefined : this.dateVerdicts.get(key);
      if (verdict === undefined) {
        verdict = parseDateCell(cell);
        if (key !== null) remember(this.dateVerdicts, key, verdict);
      }
      if (!verdict.ok) problems.add(row, h.date, verdict.reason);
      else if (verdict.iso < quarter.start || verdict.iso > quarter.end) {
        problems.add(row, h.date, `Datoen ${verdict.iso} ligger uden for ${quarterLabel(quarter)} (${quarter.start} – ${quarter.end}).`);
      } else purchaseDate = verdict.iso;
    }

    // Supplier and category.
    const supplierCvr = this.cvr(row, h.supplierCvr, this.cell(cells, "supplierCvr"), problems);
    const supplierName = this.text(row, "supplierName", cells, problems, true);
    const categoryText = cellText(this.cell(cells, "categoryCode"));
    let categoryCode: string | null = null;
    if (categoryText !== "") {
      if (refs.categories.has(categoryText)) categoryCode = categoryText;
      else problems.add(row, h.categoryCode, `Kategorikoden ${short(categoryText)} findes ikke i portalens liste over indkøbskategorier.`);
    } else if (!(supplierCvr && refs.supplierCategories.get(supplierCvr))) {
      problems.add(
        row,
        h.categoryCode,
        supplierCvr && refs.supplierCategories.has(supplierCvr)
          ? "Kategorikode mangler, og leverandøren har ingen kategori i portalens leverandørliste. Angiv kategorikoden."
          : "Kategorikode mangler og kan ikke udledes, fordi leverandøren ikke er kendt i portalen. Angiv kategorikoden.",
      );
    }

    // Amount.
    const amountCell = this.cell(cells, "amount");
    const amount = typeof amountCell === "number" ? amountFromNumber(amountCell) : parseAmountText(cellText(amountCell));
    if (!amount.ok) problems.add(row, h.amount, amount.reason);

    // E-commerce (line format only; the agency format has no flag).
    let ecommerce = false;
    if (format.code === "LINES") {
      const flag = parseFlag(this.cell(cells, "ecommerce"));
      if (!flag.ok) problems.add(row, h.ecommerce, flag.reason);
      else ecommerce = flag.value;
    }

    if (problems.total !== before || !institution || !amount.ok) return null;
    return {
      row,
      submissionId: 0,
      institutionId: institution.id,
      ministryId: ministryOn(institution, purchaseDate ?? this.quarterEnd),
      quarter: quarter.code,
      purchaseDate,
      supplierCvr: supplierCvr || null,
      supplierName,
      categoryCode,
      amountOre: amount.ore,
      ecommerce,
      ean,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The shape of the rows: column counts and a repeated header line
// ---------------------------------------------------------------------------------------------

/**
 * Checks a data row against the header's width and for a repeated header. Returns the cells padded
 * to the width, or null (with a problem added). CSV rows must have exactly the header's fields;
 * spreadsheet rows may end early (empty cells are not stored) but must not reach past the header.
 */
export function checkShape(
  raw: RawRow,
  width: number,
  headerFirst: string,
  kind: "csv" | "xlsx",
  problems: ProblemList,
  looksLikeHeader: (cells: readonly Cell[]) => boolean,
): Cell[] | null {
  const { cells } = raw;
  const first = cells[0];
  // A header starts with a letter; data rows start with digits or nothing: skip the costly check for those.
  const c = typeof first === "string" && first !== "" ? first.charCodeAt(0) : 0;
  if (c !== 0 && (c < 48 || c > 57) && normalizeHeader(first as string) === headerFirst && looksLikeHeader(cells)) {
    problems.add(raw.line, null, "Overskriftslinjen står her igen. Er to filer sat sammen? Fjern linjen, og send filen igen.");
    return null;
  }
  if (kind === "csv") {
    if (cells.length === width) return cells;
    if (cells.length < width && raw.unterminated) {
      throw new PurchaseFileError(
        `Filen er afkortet: den sidste linje (linje ${raw.line}) slutter efter ${cells.length} af ${width} felter. Kontrollér, at hele filen er kommet med, og send den igen.`,
      );
    }
    problems.add(
      raw.line,
      null,
      cells.length > width
        ? `Rækken har ${cells.length} felter, men overskriften har ${width}. Indeholder et felt et skilletegn uden anførselstegn?`
        : `Rækken har kun ${cells.length} felter, men overskriften har ${width}.`,
    );
    return null;
  }
  if (cells.length > width) {
    for (let i = width; i < cells.length; i++) {
      const cell = cells[i];
      if (cell !== null && cell !== undefined && cell !== "") {
        problems.add(raw.line, null, `Rækken har indhold i kolonne ${i + 1}, men overskriften har kun ${width} kolonner.`);
        return null;
      }
    }
  }
  return cells;
}
