import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/Alert";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { SummaryCard } from "@/components/SummaryCard";
import { ComplianceNav } from "@/components/compliance/ComplianceNav";
import { Freshness } from "@/components/compliance/Freshness";
import { LeakageList } from "@/components/compliance/LeakageList";
import { ministryNav } from "@/components/compliance/ministryNav";
import { QuarterPicker } from "@/components/compliance/QuarterPicker";
import { ShareChart } from "@/components/compliance/ShareChart";
import { quarterName, quarterShortName } from "@/lib/compliance/figures";
import { ministryPageContext } from "@/lib/compliance/page-context";
import { agreementDrillDown, agreementInfo } from "@/lib/compliance/queries";
import { supplierFilter, trailHref } from "@/lib/compliance/trail-params";
import { formatDateShort, formatMoneyOre, formatNumber, formatPercentOf } from "@/lib/format";
import { parseId } from "@/lib/parse-id";

export const metadata: Metadata = { title: "Compliance pr. aftale" };

export default async function AgreementCompliancePage({ params, searchParams }: PageProps<"/compliance/[ministryId]/aftaler/[agreementId]">) {
  const { ministryId, agreementId: agreementParam } = await params;
  const { ministry, data, quarter, trend, user } = await ministryPageContext(ministryId, await searchParams);
  const agreementId = parseId(agreementParam);
  if (agreementId === null || !quarter) notFound();
  const agreement = await agreementInfo(user, agreementId, quarter);
  if (!agreement) notFound();
  const d = await agreementDrillDown(user, ministry.id, agreementId, quarter, trend);
  const m = ministry.id;
  const money = (ore: bigint) => formatMoneyOre(ore, { wholeKroner: true });
  const leakageHref = (institutionId: number | null) => (row: { supplierCvr: string | null; supplierName: string }) =>
    trailHref(m, { quarter, agreementId, institutionId, part: "udenfor", ...supplierFilter(row) });
  return (
    <>
      <PageHeader
        title={`${agreement.name} (${agreement.reference})`}
        lead={`Compliance for ${ministry.name} på aftalen i ${quarterName(quarter)}, fordelt på institutioner.`}
      />
      <ComplianceNav items={ministryNav(m, quarter, null)} />
      <p className="mb-6 print:hidden">
        <Link href={`/compliance/${m}?kvartal=${quarter}`}>Tilbage til {ministry.name}s oversigt</Link>
      </p>
      <QuarterPicker action={`/compliance/${m}/aftaler/${agreementId}`} quarters={data.quarters} quarter={quarter} />
      <Freshness data={data} quarter={quarter} />
      {!agreement.measured ? (
        <Alert variant="info" className="mb-8" role="none">
          Aftalen indgår ikke i compliance for {quarterName(quarter)}: kun forpligtende centralt koordinerede aftaler, der var i kraft på
          kvartalets sidste dag, måles.
        </Alert>
      ) : null}

      <div className="mb-10 grid gap-6 md:grid-cols-2">
        <SummaryCard
          title={`Compliance, ${quarterName(quarter)}`}
          value={formatPercentOf(d.total.numeratorOre, d.total.denominatorOre)}
          description={
            <>
              <p>
                <Link href={trailHref(m, { quarter, agreementId, part: "aftale" })}>{money(d.total.numeratorOre)}</Link> hos aftalens
                leverandører af <Link href={trailHref(m, { quarter, agreementId })}>{money(d.total.denominatorOre)}</Link> i aftalens
                kategorier; <Link href={trailHref(m, { quarter, agreementId, part: "udenfor" })}>{money(d.total.denominatorOre - d.total.numeratorOre)}</Link>{" "}
                uden for aftalen.
              </p>
              <p className="mt-2 font-semibold text-ink">Største lækage</p>
              <LeakageList rows={d.leakage.slice(0, 3)} hrefFor={leakageHref(null)} />
            </>
          }
          href={trailHref(m, { quarter, agreementId })}
          linkText="Se linjerne bag tallet"
        />
        <div className="rounded-md border border-border-low p-6">
          <h2 className="text-sm leading-6 font-semibold text-gray-600">Hvad der måles</h2>
          <p className="mt-2">
            Gyldig {formatDateShort(agreement.validFrom)}–{formatDateShort(agreement.validTo)}.{" "}
            <Link href={`/aftaler/${agreement.id}`}>Se aftalen</Link>
          </p>
          <p className="mt-2">
            <span className="font-semibold">Kategorier:</span> {agreement.categories.map((c) => `${c.code} ${c.name}`).join(", ") || "ingen"}
          </p>
          <p className="mt-2">
            <span className="font-semibold">Leverandører:</span>{" "}
            {agreement.suppliers.map((s) => `${s.name} (CVR ${s.cvr})`).join(", ") || "ingen"}
          </p>
        </div>
      </div>

      <h2 className="mb-4">Udvikling</h2>
      <ShareChart
        caption={`Compliance på ${agreement.reference} pr. kvartal`}
        labelHeader="Kvartal"
        numeratorHeader="Hos aftalens leverandører"
        denominatorHeader="I aftalens kategorier"
        bars={d.trend.map((t) => ({
          key: t.quarter,
          label: quarterShortName(t.quarter),
          href: `/compliance/${m}/aftaler/${agreementId}?kvartal=${t.quarter}`,
          share: t.compliance,
          trailHref: trailHref(m, { quarter: t.quarter, agreementId }),
        }))}
      />

      <h2 className="mb-4">Institutioner</h2>
      <ShareChart
        caption={`Compliance pr. institution på ${agreement.reference}, ${quarterName(quarter)}`}
        labelHeader="Institution"
        numeratorHeader="Hos aftalens leverandører"
        denominatorHeader="I aftalens kategorier"
        emptyText="Ingen forpligtede institutioner i ministerområdet har køb i aftalens kategorier i kvartalet."
        extraColumns={[{ key: "leakage", header: "Største lækage" }]}
        bars={d.institutions.map((i) => ({
          key: i.institutionId,
          label: i.name,
          href: `/compliance/${m}/aftaler/${agreementId}/institutioner/${i.institutionId}?kvartal=${quarter}`,
          share: i,
          trailHref: trailHref(m, { quarter, agreementId, institutionId: i.institutionId }),
          extra: { leakage: <LeakageList rows={i.leakage} hrefFor={leakageHref(i.institutionId)} /> },
        }))}
      />

      <h2 className="mb-4">Lækage: køb uden for aftalen i aftalens kategorier</h2>
      <p className="mb-4 max-w-text">
        {d.leakageSuppliers > d.leakage.length
          ? `De ${d.leakage.length} største af ${formatNumber(d.leakageSuppliers)} leverandører uden for aftalen. `
          : ""}
        <Link href={trailHref(m, { quarter, agreementId, part: "udenfor" })}>Se alle linjer uden for aftalen</Link>
      </p>
      <DataTable
        caption={`Lækage på ${agreement.reference}, ${quarterName(quarter)}`}
        captionHidden
        compact
        rows={d.leakage}
        rowKey={(row) => `${row.supplierCvr ?? ""}|${row.supplierName}`}
        emptyText="Ingen køb uden for aftalen."
        columns={[
          { key: "supplier", header: "Leverandør", rowHeader: true, cell: (row) => <Link href={leakageHref(null)(row)}>{row.supplierName}</Link> },
          { key: "cvr", header: "CVR", cell: (row) => row.supplierCvr ?? "uden CVR" },
          { key: "amount", header: "Beløb", numeric: true, cell: (row) => money(row.amountOre) },
          { key: "share", header: "Andel af nævneren", numeric: true, cell: (row) => formatPercentOf(row.amountOre, d.total.denominatorOre) },
        ]}
      />
    </>
  );
}
