import { Link } from "@/components/Link";
import { DataTable } from "@/components/DataTable";
import { formatMoneyOre, formatPercent, NOT_AVAILABLE } from "@/lib/format";
import { quarterLabel } from "@/lib/purchase-data/quarter";
import type { MissingReport, PairSummary, ReconciliationRowView } from "@/lib/reconciliation/queries";
import { listHref, rowHref } from "@/lib/reconciliation/params";
import { differenceFraction, STATUS_LABEL } from "@/lib/reconciliation/rules";
import { formatDate } from "@/lib/format";

const STATUS_TONE: Record<ReconciliationRowView["status"], string> = {
  AGREES: "text-success",
  DIFFERS: "font-semibold text-error",
  SUPPLIER_ONLY: "font-semibold",
  PURCHASES_ONLY: "font-semibold",
};

/** Rows of the reconciliation: both sides, the difference in kroner and percent, the status, party or not. */
export function ReconciliationRowsTable({
  caption,
  rows,
  showSupplier = true,
  showMinistry = true,
  emptyText = "Ingen kunder at vise.",
}: {
  caption: string;
  rows: readonly ReconciliationRowView[];
  showSupplier?: boolean;
  showMinistry?: boolean;
  emptyText?: string;
}) {
  return (
    <DataTable
      caption={caption}
      captionHidden
      compact
      rows={rows}
      rowKey={(r) => `${r.supplierId}-${r.agreementId}-${r.institutionId}`}
      emptyText={emptyText}
      columns={[
        {
          key: "customer",
          header: "Kunde",
          rowHeader: true,
          cell: (r) => (
            <Link href={rowHref(r)}>
              {r.institutionName}
              <span className="block text-ink-light">CVR {r.institutionCvr}</span>
            </Link>
          ),
        },
        ...(showMinistry ? [{ key: "ministry", header: "Ministerområde", cell: (r: ReconciliationRowView) => r.ministryName }] : []),
        { key: "agreement", header: "Aftale", cell: (r) => `${r.agreementReference} ${r.agreementName}` },
        ...(showSupplier ? [{ key: "supplier", header: "Leverandør", cell: (r: ReconciliationRowView) => r.supplierName }] : []),
        { key: "reported", header: "Indberettet salg", numeric: true, cell: (r) => (r.reportLineCount > 0 ? formatMoneyOre(r.reportedOre) : NOT_AVAILABLE) },
        { key: "purchased", header: "Kundens indkøbsdata", numeric: true, cell: (r) => (r.purchaseLineCount > 0 ? formatMoneyOre(r.purchasedOre) : NOT_AVAILABLE) },
        { key: "difference", header: "Forskel", numeric: true, cell: (r) => formatMoneyOre(r.differenceOre) },
        {
          key: "percent",
          header: "Forskel i %",
          numeric: true,
          cell: (r) => {
            const fraction = differenceFraction(r.differenceOre, r.purchasedOre);
            return fraction === null ? NOT_AVAILABLE : formatPercent(fraction);
          },
        },
        { key: "status", header: "Status", cell: (r) => <span className={STATUS_TONE[r.status]}>{STATUS_LABEL[r.status]}</span> },
        {
          key: "party",
          header: "Part på aftalen",
          cell: (r) => (r.customerIsParty ? "Ja" : <span className="font-semibold text-error">Nej</span>),
        },
      ]}
    />
  );
}

/** Reports missing after the deadline. */
export function MissingReportsTable({ rows, showSupplier = true }: { rows: readonly MissingReport[]; showSupplier?: boolean }) {
  return (
    <DataTable
      caption="Manglende indberetninger"
      captionHidden
      compact
      rows={rows}
      rowKey={(r) => `${r.supplierId}-${r.agreementId}`}
      emptyText="Ingen indberetninger mangler efter fristen."
      columns={[
        ...(showSupplier
          ? [{ key: "supplier", header: "Leverandør", rowHeader: true, cell: (r: MissingReport) => `${r.supplierName} (CVR ${r.supplierCvr})` }]
          : []),
        { key: "agreement", header: "Aftale", rowHeader: !showSupplier, cell: (r) => `${r.agreementReference} ${r.agreementName}` },
        { key: "deadline", header: "Frist", cell: (r) => formatDate(r.deadline) },
      ]}
    />
  );
}

/** One line per agreement x supplier of a quarter: the report and the counts of its customers. */
export function PairSummaryTable({ quarter, rows, showSupplier = true }: { quarter: string; rows: readonly PairSummary[]; showSupplier?: boolean }) {
  return (
    <DataTable
      caption={`Aftaler og leverandører, ${quarterLabel(quarter)}`}
      captionHidden
      compact
      rows={rows}
      rowKey={(r) => `${r.agreementId}-${r.supplierId}`}
      emptyText="Ingen aftaler i kvartalet."
      columns={[
        {
          key: "agreement",
          header: "Aftale",
          rowHeader: true,
          cell: (r) => <Link href={listHref({ quarter, filter: "all", agreementId: r.agreementId })}>{`${r.agreementReference} ${r.agreementName}`}</Link>,
        },
        ...(showSupplier ? [{ key: "supplier", header: "Leverandør", cell: (r: PairSummary) => r.supplierName }] : []),
        { key: "report", header: "Indberetning", cell: (r) => (r.reportId === null ? "Ingen" : r.noSales ? "Intet salg" : "Modtaget") },
        { key: "reported", header: "Indberettet salg", numeric: true, cell: (r) => formatMoneyOre(r.reportedOre) },
        { key: "purchased", header: "Indkøbsdata", numeric: true, cell: (r) => formatMoneyOre(r.purchasedOre) },
        { key: "agrees", header: "Stemmer", numeric: true, cell: (r) => r.agrees },
        { key: "differs", header: "Afviger", numeric: true, cell: (r) => r.differs },
        { key: "purchasesOnly", header: "Ikke indberettet", numeric: true, cell: (r) => r.purchasesOnly },
        { key: "supplierOnly", header: "Uden indkøbsdata", numeric: true, cell: (r) => r.supplierOnly },
        { key: "nonParty", header: "Salg til ikke-parter", numeric: true, cell: (r) => r.nonPartyCustomers },
      ]}
    />
  );
}
