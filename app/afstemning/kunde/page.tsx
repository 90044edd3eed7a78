import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { formatDateShort, formatMoneyOre, formatNumber, formatPercent, NOT_AVAILABLE } from "@/lib/format";
import { quarterLabel } from "@/lib/purchase-data/quarter";
import { listHref, parseRowKey } from "@/lib/reconciliation/params";
import { DETAIL_LINES, reconciliationDetail } from "@/lib/reconciliation/queries";
import { differenceFraction, STATUS_LABEL } from "@/lib/reconciliation/rules";

export const metadata: Metadata = { title: "Afstemning for en kunde" };

const CHANNEL_LABEL: Record<string, string> = { SKS_FEED: "SKS", LINES: "Manuel (linjer)", AGENCY: "Manuel (styrelsens format)" };

/** One customer of one supplier's agreement in a quarter: both sides' lines. Out of scope answers 404. */
export default async function ReconciliationRowPage({ searchParams }: PageProps<"/afstemning/kunde">) {
  const user = await requirePermission("reconciliation.view");
  const key = parseRowKey(await searchParams);
  if (!key) notFound();
  const detail = await reconciliationDetail(user, key);
  if (!detail) notFound();
  const { row } = detail;
  const fraction = differenceFraction(row.differenceOre, row.purchasedOre);
  return (
    <>
      <p className="mb-4">
        <Link href={listHref({ quarter: key.quarter })}>Tilbage til afstemningen</Link>
      </p>
      <PageHeader
        title={`${row.institutionName}: ${row.agreementReference} ${row.agreementName}`}
        lead={`${row.supplierName} (CVR ${row.supplierCvr}), ${quarterLabel(row.quarter)}. Kunden: CVR ${row.institutionCvr}, ${row.ministryName}.`}
      />
      <dl className="mb-10 grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-semibold">Status</dt>
        <dd>{STATUS_LABEL[row.status]}</dd>
        <dt className="font-semibold">Indberettet salg</dt>
        <dd>
          {formatMoneyOre(row.reportedOre)} ({formatNumber(row.reportLineCount)} {row.reportLineCount === 1 ? "linje" : "linjer"})
        </dd>
        <dt className="font-semibold">Kundens indkøbsdata</dt>
        <dd>
          {formatMoneyOre(row.purchasedOre)} ({formatNumber(row.purchaseLineCount)} {row.purchaseLineCount === 1 ? "linje" : "linjer"})
        </dd>
        <dt className="font-semibold">Forskel</dt>
        <dd>
          {formatMoneyOre(row.differenceOre)} ({fraction === null ? NOT_AVAILABLE : formatPercent(fraction)})
        </dd>
        <dt className="font-semibold">Part på aftalen</dt>
        <dd>{row.customerIsParty ? "Ja" : "Nej – kunden er ikke part på aftalen (eller mangler godkendt tilmelding)"}</dd>
      </dl>

      <section aria-labelledby="report" className="mb-10">
        <h2 id="report" className="mb-4">
          Leverandørens indberetning
        </h2>
        {detail.report ? (
          <p className="mb-4">
            Indberettet {formatDateShort(detail.report.createdAt)}
            {detail.report.fileName ? ` (${detail.report.fileName})` : ""}.
          </p>
        ) : (
          <p className="mb-4">Leverandøren har ingen gældende indberetning for aftalen i kvartalet.</p>
        )}
        <DataTable
          caption="Indberettede linjer"
          captionHidden
          compact
          rows={detail.reportLines}
          rowKey={(l) => String(l.id)}
          emptyText="Ingen indberettede linjer til kunden."
          columns={[
            { key: "category", header: "Kategori", rowHeader: true, cell: (l) => `${l.categoryCode} ${l.categoryName}` },
            { key: "cvr", header: "Kunde-CVR", cell: (l) => l.customerCvr },
            { key: "ean", header: "EAN", cell: (l) => l.ean ?? NOT_AVAILABLE },
            { key: "ecommerce", header: "E-handel", cell: (l) => (l.ecommerce ? "Ja" : "Nej") },
            { key: "amount", header: "Beløb ekskl. moms", numeric: true, cell: (l) => formatMoneyOre(l.amountOre) },
          ]}
        />
        {detail.reportLines.length >= DETAIL_LINES ? <p className="mt-2">Viser de første {formatNumber(DETAIL_LINES)} linjer.</p> : null}
      </section>

      <section aria-labelledby="purchases">
        <h2 id="purchases" className="mb-4">
          Kundens indkøbsdata hos leverandøren i aftalens kategorier
        </h2>
        <DataTable
          caption="Indkøbslinjer"
          captionHidden
          compact
          rows={detail.purchaseLines}
          rowKey={(l) => String(l.id)}
          emptyText="Kundens indkøbsdata viser ingen køb hos leverandøren i aftalens kategorier."
          columns={[
            { key: "date", header: "Dato", rowHeader: true, cell: (l) => (l.purchaseDate ? formatDateShort(l.purchaseDate) : NOT_AVAILABLE) },
            {
              key: "category",
              header: "Kategori",
              cell: (l) => (l.categoryCode ? l.categoryCode : `${l.effectiveCategory} (leverandørens kategori)`),
            },
            { key: "supplier", header: "Leverandør på linjen", cell: (l) => l.supplierName },
            { key: "ean", header: "EAN", cell: (l) => l.ean ?? NOT_AVAILABLE },
            { key: "channel", header: "Kanal", cell: (l) => CHANNEL_LABEL[l.channel] ?? l.channel },
            { key: "ecommerce", header: "E-handel", cell: (l) => (l.ecommerce ? "Ja" : "Nej") },
            { key: "amount", header: "Beløb ekskl. moms", numeric: true, cell: (l) => formatMoneyOre(l.amountOre) },
          ]}
        />
        {detail.purchaseLines.length >= DETAIL_LINES ? <p className="mt-2">Viser de første {formatNumber(DETAIL_LINES)} linjer.</p> : null}
      </section>
    </>
  );
}
