import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { formatDateTime, formatMoneyOre, formatNumber } from "@/lib/format";
import { danishDay } from "@/lib/purchase-data/import";
import { copenhagenToday, quarterLabel } from "@/lib/purchase-data/quarter";
import { latestReports, STATUS_LABELS, supplierAgreements } from "@/lib/sales-report/queries";

export const metadata: Metadata = { title: "Omsætning" };

export default async function SalesReportsPage() {
  const user = await requirePermission("salesReport.view");
  if (user.role === "ADMIN") {
    const reports = await latestReports(user);
    return (
      <>
        <PageHeader title="Leverandørernes omsætning" lead="De seneste gældende omsætningsindberetninger fra alle leverandører (kun læsning)." />
        <p className="mb-6">
          <Link href="/admin/leverandorfrister">Leverandørernes frister og genåbninger</Link> · <Link href="/omsaetning/api-noegler">Leverandørernes API-nøgler</Link>
        </p>
        <DataTable
          caption="Seneste indberetninger"
          captionHidden
          compact
          rows={reports}
          rowKey={(r) => r.id}
          emptyText="Ingen leverandør har indberettet endnu."
          columns={[
            { key: "supplier", header: "Leverandør", rowHeader: true, cell: (r) => r.supplier.name },
            { key: "agreement", header: "Aftale", cell: (r) => `${r.agreement.reference} ${r.agreement.name}` },
            { key: "quarter", header: "Kvartal", cell: (r) => <Link href={`/omsaetning/${r.agreementId}/${r.quarter}`}>{quarterLabel(r.quarter)}</Link> },
            { key: "lines", header: "Rækker", numeric: true, cell: (r) => (r.noSales ? "Ingen omsætning" : formatNumber(r.lineCount)) },
            { key: "total", header: "I alt ekskl. moms", numeric: true, cell: (r) => formatMoneyOre(r.totalOre) },
            { key: "at", header: "Modtaget", cell: (r) => <Link href={`/omsaetning/${r.agreementId}/${r.quarter}/${r.id}`}>{formatDateTime(r.createdAt)}</Link> },
          ]}
        />
      </>
    );
  }
  const today = copenhagenToday();
  const agreements = await supplierAgreements(user, today);
  return (
    <>
      <PageHeader
        title="Omsætning"
        lead={`${user.supplierName ?? "Jeres virksomhed"} indberetter hvert kvartal omsætningen under hver aftale: pr. offentlig kunde og kategori, uden moms, senest ved kvartalets frist.`}
      />
      <p className="mb-6">
        <Link href="/omsaetning/api-noegler">API-nøgler til jeres egne systemer</Link>
      </p>
      {agreements.length === 0 ? <p>Jeres virksomhed er ikke part i nogen aktive aftaler.</p> : null}
      {agreements.map((agreement) => (
        <section key={agreement.id} aria-labelledby={`agreement-${agreement.id}`} className="mb-10">
          <h2 id={`agreement-${agreement.id}`} className="text-2xl">
            {agreement.reference} {agreement.name}
          </h2>
          <DataTable
            className="mt-4"
            caption={`Kvartaler for ${agreement.reference}`}
            captionHidden
            compact
            rows={agreement.quarters}
            rowKey={(q) => q.quarter}
            columns={[
              { key: "quarter", header: "Kvartal", rowHeader: true, cell: (q) => <Link href={`/omsaetning/${agreement.id}/${q.quarter}`}>{quarterLabel(q.quarter)}</Link> },
              { key: "status", header: "Status", cell: (q) => STATUS_LABELS[q.status] },
              { key: "deadline", header: "Frist", cell: (q) => danishDay(q.lastDay) },
              { key: "total", header: "Indberettet ekskl. moms", numeric: true, cell: (q) => (q.report && q.status === "submitted" ? formatMoneyOre(q.report.totalOre) : "–") },
            ]}
          />
        </section>
      ))}
    </>
  );
}
