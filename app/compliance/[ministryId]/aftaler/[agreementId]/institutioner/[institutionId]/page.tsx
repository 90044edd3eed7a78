import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { SummaryCard } from "@/components/SummaryCard";
import { ComplianceNav } from "@/components/compliance/ComplianceNav";
import { Freshness } from "@/components/compliance/Freshness";
import { LeakageList } from "@/components/compliance/LeakageList";
import { ministryNav } from "@/components/compliance/ministryNav";
import { QuarterPicker } from "@/components/compliance/QuarterPicker";
import { quarterName } from "@/lib/compliance/figures";
import { ministryPageContext } from "@/lib/compliance/page-context";
import { agreementInfo, institutionDrillDown } from "@/lib/compliance/queries";
import { supplierFilter, trailHref } from "@/lib/compliance/trail-params";
import { formatMoneyOre, formatPercentOf } from "@/lib/format";
import { parseId } from "@/lib/parse-id";

export const metadata: Metadata = { title: "Compliance pr. institution" };

export default async function InstitutionCompliancePage({
  params,
  searchParams,
}: PageProps<"/compliance/[ministryId]/aftaler/[agreementId]/institutioner/[institutionId]">) {
  const { ministryId, agreementId: agreementParam, institutionId: institutionParam } = await params;
  const { ministry, data, quarter, user } = await ministryPageContext(ministryId, await searchParams);
  const agreementId = parseId(agreementParam);
  const institutionId = parseId(institutionParam);
  if (agreementId === null || institutionId === null || !quarter) notFound();
  const agreement = await agreementInfo(user, agreementId, quarter);
  if (!agreement) notFound();
  // Only the ministry's own lines (at purchase time) are read: another ministry's institution has none here.
  const d = await institutionDrillDown(user, ministry.id, agreementId, institutionId, quarter);
  const m = ministry.id;
  const money = (ore: bigint) => formatMoneyOre(ore, { wholeKroner: true });
  const title = d ? d.institution.name : "Institution";
  const outside = d?.suppliers.filter((s) => !s.onAgreement) ?? [];
  return (
    <>
      <PageHeader title={`${title}: ${agreement.name} (${agreement.reference})`} lead={`${ministry.name}, ${quarterName(quarter)}.`} />
      <ComplianceNav items={ministryNav(m, quarter, null)} />
      <p className="mb-6 print:hidden">
        <Link href={`/compliance/${m}/aftaler/${agreementId}?kvartal=${quarter}`}>Tilbage til {agreement.reference} for hele ministerområdet</Link>
      </p>
      <QuarterPicker action={`/compliance/${m}/aftaler/${agreementId}/institutioner/${institutionId}`} quarters={data.quarters} quarter={quarter} />
      <Freshness data={data} quarter={quarter} />
      {!d ? (
        <p>Institutionen har ingen køb i aftalens kategorier for {ministry.name} i {quarterName(quarter)}.</p>
      ) : (
        <>
          <div className="mb-10 grid gap-6 md:grid-cols-2">
            <SummaryCard
              title={`Compliance, ${quarterName(quarter)}`}
              value={formatPercentOf(d.figure.numeratorOre, d.figure.denominatorOre)}
              description={
                <>
                  <p>
                    {money(d.figure.numeratorOre)} hos aftalens leverandører af {money(d.figure.denominatorOre)} i aftalens kategorier (CVR{" "}
                    {d.institution.cvr}).
                  </p>
                  <p className="mt-2 font-semibold text-ink">Største lækage</p>
                  <LeakageList
                    rows={outside.slice(0, 3)}
                    hrefFor={(row) => trailHref(m, { quarter, agreementId, institutionId, part: "udenfor", ...supplierFilter(row) })}
                  />
                </>
              }
              href={trailHref(m, { quarter, agreementId, institutionId })}
              linkText="Se linjerne bag tallet"
            />
          </div>
          <h2 className="mb-4">Køb i aftalens kategorier pr. leverandør</h2>
          <DataTable
            caption={`Køb i aftalens kategorier pr. leverandør, ${d.institution.name}, ${quarterName(quarter)}`}
            captionHidden
            compact
            rows={d.suppliers}
            rowKey={(row) => `${row.supplierCvr ?? ""}|${row.supplierName}`}
            columns={[
              {
                key: "supplier",
                header: "Leverandør",
                rowHeader: true,
                cell: (row) => (
                  <Link
                    href={trailHref(m, { quarter, agreementId, institutionId, part: row.onAgreement ? "aftale" : "udenfor", ...supplierFilter(row) })}
                  >
                    {row.supplierName}
                  </Link>
                ),
              },
              { key: "cvr", header: "CVR", cell: (row) => row.supplierCvr ?? "uden CVR" },
              { key: "on", header: "På aftalen", cell: (row) => (row.onAgreement ? "Ja" : "Nej (lækage)") },
              { key: "amount", header: "Beløb", numeric: true, cell: (row) => money(row.amountOre) },
              { key: "share", header: "Andel", numeric: true, cell: (row) => formatPercentOf(row.amountOre, d.figure.denominatorOre) },
            ]}
          />
        </>
      )}
    </>
  );
}
