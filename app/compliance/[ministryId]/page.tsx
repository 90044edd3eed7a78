import type { Metadata } from "next";
import { Link } from "@/components/Link";
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
import { ministryDashboard } from "@/lib/compliance/queries";
import { supplierFilter, trailHref } from "@/lib/compliance/trail-params";
import { formatDateShort, formatDateTime, formatMoneyOre, formatNumber, formatPercentOf } from "@/lib/format";

export const metadata: Metadata = { title: "Compliance" };

export default async function MinistryCompliancePage({ params, searchParams }: PageProps<"/compliance/[ministryId]">) {
  const { ministry, data, quarter, trend, user } = await ministryPageContext((await params).ministryId, await searchParams);
  if (!quarter) {
    return (
      <>
        <PageHeader title={`Compliance: ${ministry.name}`} />
        <Alert variant="info">Der er endnu ingen indkøbsdata at beregne compliance af.</Alert>
      </>
    );
  }
  const d = await ministryDashboard(user, ministry, quarter, trend);
  const m = ministry.id;
  const money = (ore: bigint) => formatMoneyOre(ore, { wholeKroner: true });
  const leakageHref = (agreementId: number | null) => (row: { supplierCvr: string | null; supplierName: string }) =>
    trailHref(m, { quarter, agreementId, part: "udenfor", ...supplierFilter(row) });
  return (
    <>
      <PageHeader
        title={`Compliance: ${ministry.name}`}
        lead={`Brugen af de forpligtende aftaler i ${quarterName(quarter)}: køb i aftalernes kategorier hos aftalernes leverandører i forhold til alle køb i de kategorier.`}
      />
      <ComplianceNav items={ministryNav(m, quarter, "oversigt")} />
      <QuarterPicker action={`/compliance/${m}`} quarters={data.quarters} quarter={quarter} />
      <Freshness data={data} quarter={quarter} />

      <div className="mb-10 grid gap-6 md:grid-cols-2 lg:grid-cols-4">
        <SummaryCard
          title={`Compliance, ${quarterName(quarter)}`}
          value={formatPercentOf(d.total.numeratorOre, d.total.denominatorOre)}
          description={
            <>
              <p>
                {money(d.total.numeratorOre)} hos aftalernes leverandører af {money(d.total.denominatorOre)} i aftalernes kategorier.
              </p>
              <p className="mt-2 font-semibold text-ink">Største lækage</p>
              <LeakageList rows={d.totalLeakage} hrefFor={leakageHref(null)} />
            </>
          }
          href={trailHref(m, { quarter })}
          linkText="Se linjerne bag tallet"
        />
        <SummaryCard
          title={`E-handel, ${quarterName(quarter)}`}
          value={formatPercentOf(d.ecommerce.numeratorOre, d.ecommerce.denominatorOre)}
          description={
            <>
              <p>
                {money(d.ecommerce.numeratorOre)} via e-handel af {money(d.ecommerce.denominatorOre)} i alt.
              </p>
              <p className="mt-2 font-semibold text-ink">Største køb uden om e-handel</p>
              <LeakageList
                rows={d.offEcommerce}
                emptyText="Ingen."
                hrefFor={(row) => trailHref(m, { quarter, figure: "ehandel", part: "ikke-ehandel", ...supplierFilter(row) })}
              />
            </>
          }
          href={trailHref(m, { quarter, figure: "ehandel", part: "ehandel" })}
          linkText="Se e-handelslinjerne"
        />
        <SummaryCard
          title="Afvigelser fra kaskaden"
          value={formatNumber(d.deviations.total)}
          description={`Indkøbsbeslutninger i kvartalet, hvor institutionen valgte en anden løsning end den anbefalede.`}
          href="#afvigelser"
          linkText="Se afvigelserne"
        />
        <SummaryCard
          title="Forbehold over for SKS-data"
          value={formatNumber(d.reservations.length)}
          description={d.reservations.length ? "Ministeriet har taget forbehold for kvartalets data." : "Ingen forbehold for kvartalet."}
          href="#forbehold"
          linkText="Se forbehold"
        />
      </div>

      {d.reservations.length ? (
        <Alert variant="warning" className="mb-10" heading={`Forbehold for ${quarterName(quarter)}`} role="none">
          Ministeriet har taget forbehold over for kvartalets SKS-data; tallene skal læses med det forbehold (se nedenfor).
        </Alert>
      ) : null}

      <h2 className="mb-4">Udvikling</h2>
      <ShareChart
        caption="Compliance pr. kvartal"
        labelHeader="Kvartal"
        numeratorHeader="Hos aftalernes leverandører"
        denominatorHeader="I aftalernes kategorier"
        bars={d.trend.map((t) => ({
          key: t.quarter,
          label: quarterShortName(t.quarter),
          href: `/compliance/${m}?kvartal=${t.quarter}`,
          share: t.compliance,
          trailHref: trailHref(m, { quarter: t.quarter }),
        }))}
      />
      <ShareChart
        caption="E-handelsandel pr. kvartal"
        labelHeader="Kvartal"
        numeratorHeader="Via e-handel"
        denominatorHeader="Alle køb"
        bars={d.trend.map((t) => ({
          key: t.quarter,
          label: quarterShortName(t.quarter),
          share: t.ecommerce,
          trailHref: trailHref(m, { quarter: t.quarter, figure: "ehandel", part: "ehandel" }),
        }))}
      />

      <h2 className="mb-4">Aftaler</h2>
      <ShareChart
        caption={`Compliance pr. forpligtende aftale, ${quarterName(quarter)}`}
        labelHeader="Aftale"
        numeratorHeader="Hos aftalens leverandører"
        denominatorHeader="I aftalens kategorier"
        emptyText="Ingen forpligtende aftaler var i kraft ved kvartalets udgang."
        extraColumns={[{ key: "leakage", header: "Største lækage (køb uden for aftalen)" }]}
        bars={d.agreements.map((a) => ({
          key: a.agreementId,
          label: `${a.name} (${a.reference})`,
          href: `/compliance/${m}/aftaler/${a.agreementId}?kvartal=${quarter}`,
          share: a,
          trailHref: trailHref(m, { quarter, agreementId: a.agreementId }),
          extra: {
            leakage:
              a.denominatorOre === 0n ? (
                <span className="text-ink-light">Ingen køb i aftalens kategorier.</span>
              ) : (
                <LeakageList rows={a.leakage} hrefFor={leakageHref(a.agreementId)} />
              ),
          },
        }))}
      />

      <h2 className="mb-4">Institutioner</h2>
      <DataTable
        caption={`Institutioner, ${quarterName(quarter)}`}
        captionHidden
        compact
        rows={d.institutions}
        rowKey={(i) => i.institutionId}
        emptyText="Ingen forpligtede institutioner har data for kvartalet."
        columns={[
          { key: "name", header: "Institution", rowHeader: true, cell: (i) => i.name },
          {
            key: "compliance",
            header: "Compliance",
            numeric: true,
            cell: (i) =>
              i.compliance.denominatorOre > 0n ? (
                <Link href={trailHref(m, { quarter, institutionId: i.institutionId })}>
                  {formatPercentOf(i.compliance.numeratorOre, i.compliance.denominatorOre)}
                  <span className="sr-only"> – se linjerne</span>
                </Link>
              ) : (
                "–"
              ),
          },
          { key: "num", header: "Hos aftalernes leverandører", numeric: true, cell: (i) => money(i.compliance.numeratorOre) },
          { key: "den", header: "I aftalernes kategorier", numeric: true, cell: (i) => money(i.compliance.denominatorOre) },
          {
            key: "ecommerce",
            header: "E-handel",
            numeric: true,
            cell: (i) =>
              i.ecommerce.denominatorOre > 0n ? (
                <Link href={trailHref(m, { quarter, figure: "ehandel", part: "ehandel", institutionId: i.institutionId })}>
                  {formatPercentOf(i.ecommerce.numeratorOre, i.ecommerce.denominatorOre)}
                  <span className="sr-only"> – se linjerne</span>
                </Link>
              ) : (
                "–"
              ),
          },
          { key: "total", header: "Alle køb", numeric: true, cell: (i) => money(i.ecommerce.denominatorOre) },
        ]}
      />

      <h2 id="forbehold" className="mt-10 mb-4">
        Forbehold
      </h2>
      {d.reservations.length ? (
        <ul className="mb-10 space-y-3">
          {d.reservations.map((r) => (
            <li key={r.id} className="max-w-text">
              <p>{r.text}</p>
              <p className="text-xs text-ink-light">
                {r.createdByName}, {formatDateTime(r.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-10">Ministeriet har ikke taget forbehold for {quarterName(quarter)}.</p>
      )}

      <h2 id="afvigelser" className="mb-4">
        Afvigelser fra kaskaden
      </h2>
      <p className="mb-4 max-w-text">
        Indkøbsbeslutninger registreret i {quarterName(quarter)} af ministerområdets institutioner, hvor den valgte løsning afviger fra
        kaskadens anbefaling{d.deviations.total > d.deviations.rows.length ? ` (de ${d.deviations.rows.length} seneste af ${formatNumber(d.deviations.total)})` : ""}.
      </p>
      <DataTable
        caption={`Afvigelser fra kaskaden, ${quarterName(quarter)}`}
        captionHidden
        compact
        rows={d.deviations.rows}
        rowKey={(r) => r.id}
        emptyText="Ingen afvigelser registreret i kvartalet."
        columns={[
          { key: "date", header: "Dato", cell: (r) => formatDateShort(r.createdAt) },
          { key: "institution", header: "Institution", rowHeader: true, cell: (r) => r.institutionName },
          { key: "category", header: "Kategori", cell: (r) => `${r.categoryCode} ${r.categoryName}` },
          { key: "amount", header: "Anslået beløb", numeric: true, cell: (r) => money(r.amountOre) },
          { key: "recommended", header: "Anbefalet", cell: (r) => r.recommended ?? "–" },
          { key: "chosen", header: "Valgt", cell: (r) => r.chosen ?? "Eget indkøb" },
          { key: "justification", header: "Begrundelse", cell: (r) => r.justification ?? "–" },
        ]}
      />
    </>
  );
}
