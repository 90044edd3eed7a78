import type { Metadata } from "next";
import { Alert } from "@/components/Alert";
import { buttonClassName } from "@/components/Button";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { ComplianceNav } from "@/components/compliance/ComplianceNav";
import { ministryNav } from "@/components/compliance/ministryNav";
import { PrintButton } from "@/components/compliance/PrintButton";
import { QuarterPicker } from "@/components/compliance/QuarterPicker";
import { quarterName } from "@/lib/compliance/figures";
import { ministryPageContext } from "@/lib/compliance/page-context";
import { reportData } from "@/lib/compliance/report";
import type { ReportLeakage } from "@/lib/compliance/report-rows";
import { formatDate, formatDateShort, formatDateTime, formatMoneyOre, formatPercentOf } from "@/lib/format";

export const metadata: Metadata = { title: "Compliancerapport" };

// Printing: only the report, without the portal's header, menu and footer; tables kept whole.
const PRINT_CSS = `
@media print {
  body > header, body > footer, nav, .print\\:hidden { display: none !important; }
  main { padding: 0 !important; max-width: none !important; }
  table { page-break-inside: auto; font-size: 10pt; }
  tr, figure, section > h2 { page-break-inside: avoid; }
  section { page-break-before: auto; }
  a { color: inherit !important; text-decoration: none !important; }
  @page { size: A4 landscape; margin: 14mm; }
}`;

function leakageText(rows: readonly ReportLeakage[]): string {
  return rows.length ? rows.map((l) => `${l.supplierName} ${formatMoneyOre(l.amountOre, { wholeKroner: true })}`).join("; ") : "–";
}

export default async function ReportPage({ params, searchParams }: PageProps<"/compliance/[ministryId]/rapport">) {
  const { ministry, data, quarter, user } = await ministryPageContext((await params).ministryId, await searchParams);
  if (!quarter) {
    return (
      <>
        <PageHeader title={`Compliancerapport: ${ministry.name}`} />
        <Alert>Der er endnu ingen indkøbsdata.</Alert>
      </>
    );
  }
  const r = await reportData(user, ministry, quarter);
  const money = (ore: bigint) => formatMoneyOre(ore, { wholeKroner: true });
  const at = data.refreshedAt.get(quarter);
  return (
    <>
      <style>{PRINT_CSS}</style>
      <PageHeader
        title={`Compliancerapport: ${ministry.name}`}
        lead={`${quarterName(quarter)}. Udtrukket ${formatDate(new Date())}${at ? `; tallene er beregnet ${formatDateTime(at)}` : ""}. Beløb ekskl. moms; kun institutioner, der var forpligtede kunder på købstidspunktet.`}
      >
        <div className="flex flex-wrap gap-4 print:hidden">
          <PrintButton />
          <a className={buttonClassName("secondary")} href={`/compliance/${ministry.id}/rapport/xlsx?kvartal=${quarter}`} download>
            Hent rapporten (xlsx)
          </a>
        </div>
      </PageHeader>
      <ComplianceNav items={ministryNav(ministry.id, quarter, "rapport")} />
      <QuarterPicker action={`/compliance/${ministry.id}/rapport`} quarters={data.quarters} quarter={quarter} />

      <section className="mb-10">
        <h2 className="mb-4">Sammenfatning</h2>
        <DataTable
          caption="Sammenfatning"
          captionHidden
          compact
          rows={[
            { key: "c", label: "Compliance på de forpligtende aftaler", share: r.total, note: `Største lækage: ${leakageText(r.totalLeakage)}` },
            { key: "e", label: "E-handelsandel", share: r.ecommerce, note: "Køb via e-handel af alle køb" },
          ]}
          rowKey={(row) => row.key}
          columns={[
            { key: "label", header: "Tal", rowHeader: true, cell: (row) => row.label },
            { key: "share", header: "Andel", numeric: true, cell: (row) => formatPercentOf(row.share.numeratorOre, row.share.denominatorOre) },
            { key: "num", header: "Tæller", numeric: true, cell: (row) => money(row.share.numeratorOre) },
            { key: "den", header: "Nævner", numeric: true, cell: (row) => money(row.share.denominatorOre) },
            { key: "note", header: "Bemærkning", cell: (row) => row.note },
          ]}
        />
      </section>

      <section className="mb-10">
        <h2 className="mb-4">Compliance pr. aftale</h2>
        <DataTable
          caption="Compliance pr. aftale"
          captionHidden
          compact
          rows={r.agreements}
          rowKey={(a) => a.agreementId}
          columns={[
            { key: "agreement", header: "Aftale", rowHeader: true, cell: (a) => `${a.name} (${a.reference})` },
            { key: "share", header: "Compliance", numeric: true, cell: (a) => formatPercentOf(a.numeratorOre, a.denominatorOre) },
            { key: "num", header: "Hos aftalens leverandører", numeric: true, cell: (a) => money(a.numeratorOre) },
            { key: "den", header: "I aftalens kategorier", numeric: true, cell: (a) => money(a.denominatorOre) },
            { key: "leakage", header: "Største lækage", cell: (a) => (a.denominatorOre === 0n ? "Ingen køb" : leakageText(a.leakage.slice(0, 3))) },
          ]}
        />
      </section>

      {r.agreements
        .filter((a) => a.institutions.length > 0)
        .map((a) => (
          <section key={a.agreementId} className="mb-10">
            <h2 className="mb-4 text-2xl">
              {a.name} ({a.reference}) pr. institution
            </h2>
            <DataTable
              caption={`${a.reference} pr. institution`}
              captionHidden
              compact
              rows={a.institutions}
              rowKey={(i) => i.institutionId}
              columns={[
                { key: "name", header: "Institution", rowHeader: true, cell: (i) => i.name },
                { key: "share", header: "Compliance", numeric: true, cell: (i) => formatPercentOf(i.numeratorOre, i.denominatorOre) },
                { key: "num", header: "Tæller", numeric: true, cell: (i) => money(i.numeratorOre) },
                { key: "den", header: "Nævner", numeric: true, cell: (i) => money(i.denominatorOre) },
              ]}
              footer={{ name: "I alt", share: formatPercentOf(a.numeratorOre, a.denominatorOre), num: money(a.numeratorOre), den: money(a.denominatorOre) }}
            />
            {a.leakage.length ? (
              <p className="mt-2 text-xs">
                <span className="font-semibold">Lækage (største leverandører uden for aftalen):</span> {leakageText(a.leakage)}
              </p>
            ) : null}
          </section>
        ))}

      <section className="mb-10">
        <h2 className="mb-4">Institutioner</h2>
        <DataTable
          caption="Institutioner"
          captionHidden
          compact
          rows={r.institutions}
          rowKey={(i) => i.institutionId}
          columns={[
            { key: "name", header: "Institution", rowHeader: true, cell: (i) => i.name },
            { key: "c", header: "Compliance", numeric: true, cell: (i) => formatPercentOf(i.compliance.numeratorOre, i.compliance.denominatorOre) },
            { key: "cn", header: "Tæller", numeric: true, cell: (i) => money(i.compliance.numeratorOre) },
            { key: "cd", header: "Nævner", numeric: true, cell: (i) => money(i.compliance.denominatorOre) },
            { key: "e", header: "E-handel", numeric: true, cell: (i) => formatPercentOf(i.ecommerce.numeratorOre, i.ecommerce.denominatorOre) },
            { key: "et", header: "Alle køb", numeric: true, cell: (i) => money(i.ecommerce.denominatorOre) },
          ]}
        />
      </section>

      <section className="mb-10">
        <h2 className="mb-4">Forbehold</h2>
        {r.reservations.length ? (
          <ul className="space-y-2">
            {r.reservations.map((res, index) => (
              <li key={index}>
                {res.text} <span className="text-ink-light">({res.createdByName}, {formatDateShort(res.createdAt)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>Ingen forbehold for kvartalet.</p>
        )}
      </section>

      <section className="mb-10">
        <h2 className="mb-4">Afvigelser fra kaskaden</h2>
        <DataTable
          caption="Afvigelser fra kaskaden"
          captionHidden
          compact
          rows={r.deviations.rows}
          rowKey={(row, index) => index}
          emptyText="Ingen afvigelser registreret i kvartalet."
          columns={[
            { key: "date", header: "Dato", cell: (row) => formatDateShort(row.createdAt) },
            { key: "institution", header: "Institution", rowHeader: true, cell: (row) => row.institutionName },
            { key: "category", header: "Kategori", cell: (row) => `${row.categoryCode} ${row.categoryName}` },
            { key: "amount", header: "Beløb", numeric: true, cell: (row) => money(row.amountOre) },
            { key: "rec", header: "Anbefalet", cell: (row) => row.recommended ?? "–" },
            { key: "chosen", header: "Valgt", cell: (row) => row.chosen ?? "Eget indkøb" },
            { key: "why", header: "Begrundelse", cell: (row) => row.justification ?? "–" },
          ]}
        />
        {r.deviations.total > r.deviations.rows.length ? (
          <p className="mt-2">I alt {r.deviations.total} afvigelser; de {r.deviations.rows.length} seneste er vist.</p>
        ) : null}
      </section>
    </>
  );
}
