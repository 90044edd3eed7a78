import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/Alert";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { agreementCeilingDetail } from "@/lib/ceilings/detail";
import { FORECAST_METHOD } from "@/lib/ceilings/forecast";
import { forecastText, paceText } from "@/lib/ceilings/labels";
import { ceilingNotice, ceilingStateLabel } from "@/lib/ceilings/state";
import { formatDate, formatDateTime, formatMoneyOre, formatPercentOf } from "@/lib/format";
import { parseId } from "@/lib/parse-id";
import { quarterLabel } from "@/lib/purchase-data/quarter";

export const metadata: Metadata = { title: "Aftalens forbrug" };

/** The figures behind one agreement's use: per quarter, and per supplier within each quarter. */
export default async function AgreementUsePage({ params }: PageProps<"/admin/aftaleforbrug/[id]">) {
  await requirePermission("ceilings.view");
  const id = parseId((await params).id);
  if (id === null) notFound();
  const detail = await agreementCeilingDetail(id);
  if (!detail) notFound();
  const { agreement, summary, thresholds, quarters, forecast, state } = detail;
  const notice = ceilingNotice(summary.useOre, summary.maximumOre, thresholds);
  const percentOf = (ore: bigint) => (summary.maximumOre === null ? "–" : formatPercentOf(ore, summary.maximumOre));
  const pace = paceText(forecast);
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/aftaleforbrug">Tilbage til oversigten</Link>
      </p>
      <PageHeader title={`Forbrug: ${agreement.name} (${agreement.reference})`} lead={`Gyldig ${formatDate(agreement.validFrom)} til ${formatDate(agreement.validTo)}.`}>
        <div className="flex flex-wrap gap-6">
          <Link href={`/aftaler/${agreement.id}`}>Aftalens side</Link>
          <Link href={`/admin/stamdata/aftaler/${agreement.id}`}>Ret maksimal værdi i stamdata</Link>
        </div>
      </PageHeader>
      {notice ? (
        <Alert variant={state === "EXHAUSTED" ? "error" : "warning"} className="mb-6" role="none">
          <p>{notice}</p>
        </Alert>
      ) : null}
      <dl className="mb-8 grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-semibold">Maksimal værdi</dt>
        <dd>{summary.maximumOre === null ? "Maksimum ikke registreret" : formatMoneyOre(summary.maximumOre)}</dd>
        <dt className="font-semibold">Anslået værdi</dt>
        <dd>{summary.estimatedValueOre === null ? "Ikke registreret" : formatMoneyOre(summary.estimatedValueOre)}</dd>
        <dt className="font-semibold">Forbrug til dato</dt>
        <dd>
          {formatMoneyOre(summary.useOre)} ({percentOf(summary.useOre)}) – heraf indberettet {formatMoneyOre(summary.reportedOre)} og skønnet ud fra indkøbsdata{" "}
          {formatMoneyOre(summary.estimatedOre)}
        </dd>
        <dt className="font-semibold">Tilstand</dt>
        <dd>{ceilingStateLabel(state, thresholds)}</dd>
        <dt className="font-semibold">Prognose</dt>
        <dd>
          {forecastText(forecast)}
          {pace ? ` · tempo ${pace}` : ""}
        </dd>
        <dt className="font-semibold">Advarsler sendt</dt>
        <dd>
          {agreement.ceilingWarnings.length === 0
            ? "Ingen"
            : agreement.ceilingWarnings.map((w) => `${w.percent} % (${formatDateTime(w.createdAt)})`).join(", ")}
        </dd>
      </dl>
      <p className="mb-8 max-w-text">{FORECAST_METHOD}</p>

      <h2 className="mb-4">Pr. kvartal</h2>
      <DataTable
        caption="Forbrug pr. kvartal"
        captionHidden
        compact
        rows={quarters}
        rowKey={(q) => q.quarter}
        emptyText="Der er intet forbrug registreret på aftalen endnu."
        columns={[
          { key: "quarter", header: "Kvartal", rowHeader: true, cell: (q) => <a href={`#q-${q.quarter}`}>{quarterLabel(q.quarter)}</a> },
          { key: "reported", header: "Indberettet", numeric: true, cell: (q) => formatMoneyOre(q.totals.reportedOre) },
          { key: "estimated", header: "Skøn (indkøbsdata)", numeric: true, cell: (q) => formatMoneyOre(q.totals.estimatedOre) },
          { key: "use", header: "Forbrug", numeric: true, cell: (q) => formatMoneyOre(q.totals.useOre) },
          { key: "cumulative", header: "Akkumuleret", numeric: true, cell: (q) => formatMoneyOre(q.cumulativeOre) },
          { key: "percent", header: "Akkumuleret i procent", numeric: true, cell: (q) => percentOf(q.cumulativeOre) },
        ]}
      />

      <h2 className="mt-10 mb-4">Pr. leverandør i hvert kvartal</h2>
      {quarters.map((q) => (
        <section key={q.quarter} id={`q-${q.quarter}`} aria-labelledby={`h-${q.quarter}`} className="mb-8">
          <h3 id={`h-${q.quarter}`} className="mb-2">
            {quarterLabel(q.quarter)}
          </h3>
          <DataTable
            caption={`Leverandører i ${quarterLabel(q.quarter)}`}
            captionHidden
            compact
            rows={q.cells}
            rowKey={(c) => c.supplierId}
            columns={[
              { key: "supplier", header: "Leverandør", rowHeader: true, cell: (c) => `${c.supplierName} (CVR ${c.supplierCvr})` },
              {
                key: "source",
                header: "Grundlag",
                cell: (c) => (c.reportedOre === null ? "Skøn: ingen indberetning endnu" : c.noSales ? "Indberettet: intet salg" : "Indberettet"),
              },
              { key: "reported", header: "Indberettet", numeric: true, cell: (c) => (c.reportedOre === null ? "–" : formatMoneyOre(c.reportedOre)) },
              { key: "purchases", header: "Kundernes indkøbsdata", numeric: true, cell: (c) => formatMoneyOre(c.estimatedOre) },
              { key: "counted", header: "Tæller med", numeric: true, cell: (c) => formatMoneyOre(c.reportedOre ?? c.estimatedOre) },
            ]}
          />
        </section>
      ))}
    </>
  );
}
