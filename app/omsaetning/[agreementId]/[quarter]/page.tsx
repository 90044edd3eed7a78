import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { PurchaseDataUploadForm } from "@/components/PurchaseDataUploadForm";
import { NoSalesForm } from "@/components/SalesReportForms";
import { requirePermission } from "@/lib/auth/guard";
import { formatDateTime, formatMoneyOre, formatNumber } from "@/lib/format";
import { parseId } from "@/lib/parse-id";
import { danishDay } from "@/lib/purchase-data/import";
import { copenhagenToday, quarterLabel } from "@/lib/purchase-data/quarter";
import { lastReportingDay, mayReport } from "@/lib/sales-report/deadline-rules";
import { supplierQuarterWindow } from "@/lib/sales-report/deadline";
import { reportHistory, reportPageContext } from "@/lib/sales-report/queries";
import { SALES_UPLOAD_MAX_BYTES } from "@/lib/sales-report/submit";
import { declareNoSalesForm } from "../../actions";

export const metadata: Metadata = { title: "Omsætningsindberetning" };

const CHANNELS = { XLSX: "Regneark", CSV: "CSV", API: "API" } as const;

export default async function SalesReportQuarterPage({ params }: PageProps<"/omsaetning/[agreementId]/[quarter]">) {
  const user = await requirePermission("salesReport.view");
  const raw = await params;
  const agreementId = parseId(raw.agreementId);
  if (agreementId === null) notFound();
  const { agreement, quarter } = await reportPageContext(user, agreementId, raw.quarter);
  const history = await reportHistory(user, agreement.id, quarter.code);
  const today = copenhagenToday();
  const supplier = user.role === "SUPPLIER" && user.supplierId !== null;
  const window = supplier ? await supplierQuarterWindow(user.supplierId!, quarter) : null;
  const open = window !== null && mayReport(quarter, window, today);
  const label = quarterLabel(quarter);
  return (
    <>
      <p className="mb-4">
        <Link href="/omsaetning">Tilbage til omsætning</Link>
      </p>
      <PageHeader title={`Omsætning: ${agreement.reference} ${agreement.name}, ${label}`} lead={supplier ? `Kategorier: ${agreement.categories.map((c) => `${c.category.code} ${c.category.name}`).join(", ")}.` : "Alle leverandørers indberetninger for aftalen og kvartalet (kun læsning)."} />
      {supplier && window ? (
        <section aria-labelledby="send" className="mb-10 max-w-text space-y-4">
          <h2 id="send" className="text-2xl">
            Indberet
          </h2>
          {open ? (
            <>
              <p>
                Fristen er {danishDay(lastReportingDay(window))}. Hent{" "}
                <a href={`/omsaetning/${agreement.id}/${quarter.code}/skabelon`} download>
                  skabelonen (xlsx)
                </a>{" "}
                med aftalens kategorier og kunder, eller send en CSV-fil med kolonnerne Kunde-CVR; EAN; Kategorikode; Beløb ekskl. moms; E-handel (semikolon,
                decimalkomma). Hele filen kontrolleres, før noget gemmes; en ny indberetning erstatter den gældende, som bevares i historikken.
              </p>
              <PurchaseDataUploadForm
                endpoint={`/omsaetning/${agreement.id}/${quarter.code}/fil`}
                maxMegabytes={SALES_UPLOAD_MAX_BYTES / (1024 * 1024)}
                texts={{ fileLabel: "Fil med omsætning", chooseFile: "Vælg en fil med omsætningen (CSV eller xlsx).", received: "Omsætningen er modtaget" }}
              />
              <h3 className="mt-8">Ingen omsætning?</h3>
              <p>Har I ikke solgt noget under aftalen i {label}, så indberet det her.</p>
              <NoSalesForm action={declareNoSalesForm} agreementId={agreement.id} quarter={quarter.code} />
            </>
          ) : today < quarter.start ? (
            <p>{label} er ikke begyndt endnu.</p>
          ) : (
            <p role="alert">
              Fristen for {label} var {danishDay(lastReportingDay(window))}. Kontakt Statens Indkøb, hvis kvartalet skal genåbnes for jer.
            </p>
          )}
        </section>
      ) : null}
      <h2 className="text-2xl">Historik</h2>
      <DataTable
        className="mt-4"
        caption="Versioner af indberetningen"
        captionHidden
        compact
        rows={history}
        rowKey={(r) => r.id}
        emptyText="Der er ingen indberetning for kvartalet endnu."
        columns={[
          { key: "at", header: "Modtaget", rowHeader: true, cell: (r) => <Link href={`/omsaetning/${agreement.id}/${quarter.code}/${r.id}`}>{formatDateTime(r.createdAt)}</Link> },
          ...(supplier ? [] : [{ key: "supplier", header: "Leverandør", cell: (r: (typeof history)[number]) => r.supplier.name }]),
          { key: "state", header: "Status", cell: (r) => (r.supersededAt ? "Erstattet" : "Gældende") },
          { key: "how", header: "Kanal", cell: (r) => `${CHANNELS[r.channel]}${r.fileName ? ` (${r.fileName})` : ""}` },
          { key: "by", header: "Afsender", cell: (r) => r.submittedBy?.name ?? (r.apiKey ? `API-nøgle «${r.apiKey.name}»` : "–") },
          { key: "lines", header: "Rækker", numeric: true, cell: (r) => (r.noSales ? "Ingen omsætning" : formatNumber(r.lineCount)) },
          { key: "total", header: "I alt ekskl. moms", numeric: true, cell: (r) => formatMoneyOre(r.totalOre) },
        ]}
      />
    </>
  );
}
