import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { formatDateTime, formatMoneyOre, formatNumber } from "@/lib/format";
import { parseId } from "@/lib/parse-id";
import { quarterLabel } from "@/lib/purchase-data/quarter";
import { LINES_PAGE_SIZE, reportWithLines } from "@/lib/sales-report/queries";

export const metadata: Metadata = { title: "Omsætningsindberetning" };

export default async function SalesReportLinesPage({ params, searchParams }: PageProps<"/omsaetning/[agreementId]/[quarter]/[reportId]">) {
  const user = await requirePermission("salesReport.view");
  const raw = await params;
  const agreementId = parseId(raw.agreementId);
  const reportId = parseId(raw.reportId);
  if (agreementId === null || reportId === null) notFound();
  const page = parseId(String((await searchParams).side ?? "1")) ?? 1;
  const { report, lines } = await reportWithLines(user, { agreementId, quarter: raw.quarter, reportId }, page);
  const pages = Math.max(1, Math.ceil(report.lineCount / LINES_PAGE_SIZE));
  const base = `/omsaetning/${agreementId}/${report.quarter}`;
  return (
    <>
      <p className="mb-4">
        <Link href={base}>Tilbage til kvartalet</Link>
      </p>
      <PageHeader
        title={`${report.supplier.name}: ${report.agreement.reference} ${report.agreement.name}, ${quarterLabel(report.quarter)}`}
        lead={`${report.supersededAt ? "Erstattet version" : "Gældende version"}, modtaget ${formatDateTime(report.createdAt)} fra ${report.submittedBy?.name ?? (report.apiKey ? `API-nøgle «${report.apiKey.name}»` : "–")}. ${
          report.noSales ? "Ingen omsætning i kvartalet." : `${formatNumber(report.lineCount)} rækker, i alt ${formatMoneyOre(report.totalOre)} ekskl. moms.`
        }`}
      />
      {report.noSales ? null : (
        <>
          <DataTable
            caption="Indberetningens rækker"
            captionHidden
            compact
            rows={lines}
            rowKey={(l) => String(l.id)}
            columns={[
              { key: "cvr", header: "Kunde-CVR", rowHeader: true, cell: (l) => l.customerCvr },
              { key: "name", header: "Kunde", cell: (l) => l.institution.name },
              { key: "ean", header: "EAN", cell: (l) => l.ean ?? "–" },
              { key: "category", header: "Kategori", cell: (l) => l.categoryCode },
              { key: "amount", header: "Beløb ekskl. moms", numeric: true, cell: (l) => formatMoneyOre(l.amountOre) },
              { key: "ecommerce", header: "E-handel", cell: (l) => (l.ecommerce ? "Ja" : "Nej") },
            ]}
          />
          {pages > 1 ? (
            <p className="mt-4">
              Side {page} af {pages}. {page > 1 ? <Link href={`${base}/${report.id}?side=${page - 1}`}>Forrige side</Link> : null}{" "}
              {page < pages ? <Link href={`${base}/${report.id}?side=${page + 1}`}>Næste side</Link> : null}
            </p>
          ) : null}
        </>
      )}
    </>
  );
}
