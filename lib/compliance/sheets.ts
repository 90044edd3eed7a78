/**
 * The spreadsheets of the compliance pages, as sheet specifications for lib/xlsx/writer.ts: the
 * quarterly report, the lines behind a figure, and spend for tender preparation.
 *
 * Money is stored and summed as integer øre; in a sheet each amount is given twice where it matters:
 * as kroner (an Excel number, for the reader's own sums) and, for lines, as exact øre.
 */
import type { XlsxColumn, XlsxSheetSpec } from "@/lib/xlsx/writer";
import { quarterName, quarterShortName } from "./figures";

/** Kroner as an Excel number, for display and the reader's own sums: the exact øre are an integer. */
export function kroner(ore: bigint): number {
  return Number(ore) / 100;
}

const KRONER_FORMAT = "#,##0.00";
const PERCENT_FORMAT = "0.0%";

// ---------------------------------------------------------------------------------------------
// The quarterly report
// ---------------------------------------------------------------------------------------------

export type ReportRow = {
  section: string;
  reference?: string | null;
  agreement?: string | null;
  institution?: string | null;
  supplierCvr?: string | null;
  supplier?: string | null;
  numeratorOre?: bigint | null;
  denominatorOre?: bigint | null;
  /** A fraction in [0, 1] (see shareFraction); null when there is no denominator. */
  share?: number | null;
  amountOre?: bigint | null;
  note?: string | null;
};

const money = (value: bigint | null | undefined) => (value === null || value === undefined ? null : kroner(value));

export function reportSheet(ministryName: string, quarter: string): XlsxSheetSpec<ReportRow> {
  return {
    sheetName: `Compliance ${quarter}`,
    title: `Compliancerapport, ${ministryName}, ${quarterName(quarter)}`,
    columns: [
      { header: "Afsnit", type: "text", width: 24, value: (r) => r.section },
      { header: "Aftale-nr.", type: "text", width: 12, value: (r) => r.reference },
      { header: "Aftale", type: "text", width: 32, value: (r) => r.agreement },
      { header: "Institution", type: "text", width: 34, value: (r) => r.institution },
      { header: "Leverandør-CVR", type: "text", width: 14, value: (r) => r.supplierCvr },
      { header: "Leverandør", type: "text", width: 32, value: (r) => r.supplier },
      { header: "Tæller (kr. ekskl. moms)", type: "number", width: 18, numFmt: KRONER_FORMAT, value: (r) => money(r.numeratorOre) },
      { header: "Nævner (kr. ekskl. moms)", type: "number", width: 18, numFmt: KRONER_FORMAT, value: (r) => money(r.denominatorOre) },
      { header: "Andel", type: "number", width: 9, numFmt: PERCENT_FORMAT, value: (r) => r.share },
      { header: "Beløb (kr. ekskl. moms)", type: "number", width: 18, numFmt: KRONER_FORMAT, value: (r) => money(r.amountOre) },
      { header: "Bemærkning", type: "text", width: 60, value: (r) => r.note },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// The lines behind a figure
// ---------------------------------------------------------------------------------------------

export type TrailSheetLine = {
  id: bigint;
  institutionName: string;
  institutionCvr: string;
  purchaseDate: Date | null;
  supplierCvr: string | null;
  supplierName: string;
  lineCategory: string | null;
  categoryCode: string | null;
  amountOre: bigint;
  ecommerce: boolean;
  submissionId: number;
  agreementReference: string | null;
  onAgreement: boolean | null;
};

export function trailSheet(title: string, withAgreement: boolean): XlsxSheetSpec<TrailSheetLine> {
  const agreementColumns: XlsxColumn<TrailSheetLine>[] = withAgreement
    ? [
        { header: "Aftale", type: "text", width: 12, value: (l) => l.agreementReference },
        { header: "Hos aftalens leverandør", type: "text", width: 12, value: (l) => l.onAgreement },
      ]
    : [];
  return {
    sheetName: "Indkøbslinjer",
    title,
    columns: [
      { header: "Linje-id", type: "text", width: 18, value: (l) => l.id.toString() },
      { header: "Institution", type: "text", width: 34, value: (l) => l.institutionName },
      { header: "Institutionens CVR", type: "text", width: 14, value: (l) => l.institutionCvr },
      { header: "Dato", type: "date", width: 12, value: (l) => l.purchaseDate },
      { header: "Leverandør-CVR", type: "text", width: 14, value: (l) => l.supplierCvr },
      { header: "Leverandør", type: "text", width: 34, value: (l) => l.supplierName },
      { header: "Kategori", type: "text", width: 10, value: (l) => l.categoryCode },
      {
        header: "Kategori fra",
        type: "text",
        width: 16,
        value: (l) => (l.lineCategory ? "linjen" : l.categoryCode ? "leverandøren" : "ingen"),
      },
      { header: "Beløb (kr. ekskl. moms)", type: "number", width: 18, numFmt: KRONER_FORMAT, value: (l) => kroner(l.amountOre) },
      { header: "Beløb (øre)", type: "number", width: 16, numFmt: "0", value: (l) => l.amountOre },
      { header: "E-handel", type: "text", width: 9, value: (l) => l.ecommerce },
      ...agreementColumns,
      { header: "Indsendelse", type: "text", width: 12, value: (l) => String(l.submissionId) },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Tender preparation
// ---------------------------------------------------------------------------------------------

export type SpendRow = {
  /** Supplier or institution. */
  key: string;
  cvr: string | null;
  name: string;
  /** Extra text: the ministry (institutions), or the agreements the supplier is on (suppliers). */
  detail: string | null;
  byQuarter: Map<string, bigint>;
  totalOre: bigint;
  lines: number;
};

export function spendSheet(title: string, by: "supplier" | "institution", quarters: readonly string[]): XlsxSheetSpec<SpendRow> {
  const quarterColumns: XlsxColumn<SpendRow>[] = quarters.map((q) => ({
    header: `${quarterShortName(q)} (kr.)`,
    type: "number",
    width: 16,
    numFmt: KRONER_FORMAT,
    value: (r) => kroner(r.byQuarter.get(q) ?? 0n),
  }));
  return {
    sheetName: by === "supplier" ? "Pr. leverandør" : "Pr. institution",
    title,
    columns: [
      { header: by === "supplier" ? "Leverandør" : "Institution", type: "text", width: 36, value: (r) => r.name },
      { header: "CVR", type: "text", width: 12, value: (r) => r.cvr },
      { header: by === "supplier" ? "På forpligtende aftale" : "Ministerområde", type: "text", width: 30, value: (r) => r.detail },
      ...quarterColumns,
      { header: "I alt (kr. ekskl. moms)", type: "number", width: 18, numFmt: KRONER_FORMAT, value: (r) => kroner(r.totalOre) },
      { header: "Linjer", type: "number", width: 10, numFmt: "0", value: (r) => r.lines },
    ],
  };
}
