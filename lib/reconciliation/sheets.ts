import { kroner } from "@/lib/compliance/sheets";
import { quarterLabel } from "@/lib/purchase-data/quarter";
import type { XlsxSheetSpec } from "@/lib/xlsx/writer";
import type { ReconciliationRowView } from "./queries";
import { differenceFraction, STATUS_LABEL } from "./rules";

/** The reconciliation rows as a sheet: both sides in kroner and as exact øre, the difference, status, party. */
export function reconciliationSheet(quarter: string, title: string): XlsxSheetSpec<ReconciliationRowView> {
  return {
    sheetName: `Afstemning ${quarter}`,
    title: `${title}, ${quarterLabel(quarter)} (ekskl. moms)`,
    columns: [
      { header: "Aftale-nr.", type: "text", width: 12, value: (r) => r.agreementReference },
      { header: "Aftale", type: "text", width: 30, value: (r) => r.agreementName },
      { header: "Leverandør-CVR", type: "text", width: 14, value: (r) => r.supplierCvr },
      { header: "Leverandør", type: "text", width: 30, value: (r) => r.supplierName },
      { header: "Kunde-CVR", type: "text", width: 12, value: (r) => r.institutionCvr },
      { header: "Kunde", type: "text", width: 34, value: (r) => r.institutionName },
      { header: "Ministerområde", type: "text", width: 28, value: (r) => r.ministryName },
      { header: "Indberettet (kr.)", type: "number", width: 16, numFmt: "#,##0.00", value: (r) => kroner(r.reportedOre) },
      { header: "Indkøbsdata (kr.)", type: "number", width: 16, numFmt: "#,##0.00", value: (r) => kroner(r.purchasedOre) },
      { header: "Forskel (kr.)", type: "number", width: 16, numFmt: "#,##0.00", value: (r) => kroner(r.differenceOre) },
      { header: "Forskel i %", type: "number", width: 10, numFmt: "0.0%", value: (r) => differenceFraction(r.differenceOre, r.purchasedOre) },
      { header: "Status", type: "text", width: 30, value: (r) => STATUS_LABEL[r.status] },
      { header: "Part på aftalen", type: "text", width: 8, value: (r) => r.customerIsParty },
      { header: "Indberettede linjer", type: "number", width: 10, value: (r) => r.reportLineCount },
      { header: "Indkøbslinjer", type: "number", width: 10, value: (r) => r.purchaseLineCount },
      { header: "Indberettet (øre)", type: "number", width: 16, numFmt: "0", value: (r) => r.reportedOre },
      { header: "Indkøbsdata (øre)", type: "number", width: 16, numFmt: "0", value: (r) => r.purchasedOre },
    ],
  };
}
