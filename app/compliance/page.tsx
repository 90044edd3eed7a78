import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { redirect } from "next/navigation";
import { Alert } from "@/components/Alert";
import { PageHeader } from "@/components/PageHeader";
import { SummaryCard } from "@/components/SummaryCard";
import { ComplianceNav } from "@/components/compliance/ComplianceNav";
import { Freshness } from "@/components/compliance/Freshness";
import { LeakageList } from "@/components/compliance/LeakageList";
import { QuarterPicker } from "@/components/compliance/QuarterPicker";
import { ShareChart } from "@/components/compliance/ShareChart";
import { requirePermission } from "@/lib/auth/guard";
import { firstParam, pickQuarter, quarterName, quarterShortName, rankByShare, trendQuarters } from "@/lib/compliance/figures";
import { agencyOverview, complianceData } from "@/lib/compliance/queries";
import { trailHref } from "@/lib/compliance/trail-params";
import { formatMoneyOre, formatNumber, formatPercentOf } from "@/lib/format";

export const metadata: Metadata = { title: "Compliance" };

export default async function CompliancePage({ searchParams }: PageProps<"/compliance">) {
  const user = await requirePermission("compliance.view");
  const raw = await searchParams;
  // A ministry's people have one ministry: go straight to it.
  if (user.role !== "ADMIN") {
    if (user.ministryId !== null) redirect(`/compliance/${user.ministryId}`);
    return (
      <>
        <PageHeader title="Compliance" />
        <Alert variant="warning">Din bruger er ikke knyttet til et ministerområde. Kontakt Statens Indkøb.</Alert>
      </>
    );
  }
  const data = await complianceData();
  const quarter = pickQuarter(firstParam(raw.kvartal), data.quarters);
  const nav = (
    <ComplianceNav
      items={[
        { href: "/compliance", label: "Ministerierne", current: true },
        { href: "/compliance/udbud", label: "Udbudsforberedelse" },
        { href: "/compliance/rapporter", label: "Rapporter" },
      ]}
    />
  );
  if (!quarter) {
    return (
      <>
        <PageHeader title="Compliance i staten" />
        {nav}
        <Alert>Der er endnu ingen indkøbsdata at beregne compliance af.</Alert>
      </>
    );
  }
  const trend = trendQuarters(data.quarters, quarter);
  const o = await agencyOverview(user, quarter, trend);
  const ranked = rankByShare(o.ministries.map((m) => ({ ...m, ...m.compliance })));
  const money = (ore: bigint) => formatMoneyOre(ore, { wholeKroner: true });
  return (
    <>
      <PageHeader
        title="Compliance i staten"
        lead={`Ministeriernes brug af de forpligtende aftaler og af e-handel i ${quarterName(quarter)}, rangeret efter compliance.`}
      />
      {nav}
      <QuarterPicker action="/compliance" quarters={data.quarters} quarter={quarter} />
      <Freshness data={data} quarter={quarter} />
      <div className="mb-10 grid gap-6 md:grid-cols-2">
        <SummaryCard
          title={`Compliance i staten, ${quarterName(quarter)}`}
          value={formatPercentOf(o.total.numeratorOre, o.total.denominatorOre)}
          description={
            <>
              <p>
                {money(o.total.numeratorOre)} hos aftalernes leverandører af {money(o.total.denominatorOre)} i aftalernes kategorier.
              </p>
              <p className="mt-2 font-semibold text-ink">Største lækage</p>
              <LeakageList rows={o.totalLeakage} />
            </>
          }
        />
        <SummaryCard
          title={`E-handel i staten, ${quarterName(quarter)}`}
          value={formatPercentOf(o.ecommerce.numeratorOre, o.ecommerce.denominatorOre)}
          description={`${money(o.ecommerce.numeratorOre)} via e-handel af ${money(o.ecommerce.denominatorOre)} i alt.`}
        />
      </div>

      <h2 className="mb-4">Rangering af ministerierne</h2>
      <ShareChart
        caption={`Compliance pr. ministerium, ${quarterName(quarter)}`}
        labelHeader="Ministerium"
        numeratorHeader="Hos aftalernes leverandører"
        denominatorHeader="I aftalernes kategorier"
        emptyText="Ingen ministerier har data for kvartalet."
        extraColumns={[
          { key: "leakage", header: "Største lækage" },
          { key: "ecommerce", header: "E-handel" },
          { key: "deviations", header: "Afvigelser fra kaskaden" },
          { key: "reservations", header: "Forbehold" },
        ]}
        bars={ranked.map((m, index) => ({
          key: m.ministryId,
          label: m.compliance.denominatorOre > 0n ? `${index + 1}. ${m.name}` : m.name,
          href: `/compliance/${m.ministryId}?kvartal=${quarter}`,
          share: m.compliance,
          trailHref: trailHref(m.ministryId, { quarter }),
          extra: {
            leakage: <LeakageList rows={m.topLeakage ? [m.topLeakage] : []} />,
            ecommerce: (
              <Link href={trailHref(m.ministryId, { quarter, figure: "ehandel", part: "ehandel" })}>
                {formatPercentOf(m.ecommerce.numeratorOre, m.ecommerce.denominatorOre)}
                <span className="sr-only"> e-handel, se linjerne</span>
              </Link>
            ),
            deviations: formatNumber(m.deviations),
            reservations: m.reservations ? `${m.reservations} forbehold` : "Ingen",
          },
        }))}
      />

      <h2 className="mb-4">Udvikling i staten</h2>
      <ShareChart
        caption="Compliance i staten pr. kvartal"
        labelHeader="Kvartal"
        numeratorHeader="Hos aftalernes leverandører"
        denominatorHeader="I aftalernes kategorier"
        bars={o.trend.map((t) => ({ key: t.quarter, label: quarterShortName(t.quarter), href: `/compliance?kvartal=${t.quarter}`, share: t.compliance }))}
      />
      <ShareChart
        caption="E-handelsandel i staten pr. kvartal"
        labelHeader="Kvartal"
        numeratorHeader="Via e-handel"
        denominatorHeader="Alle køb"
        bars={o.trend.map((t) => ({ key: t.quarter, label: quarterShortName(t.quarter), share: t.ecommerce }))}
      />
    </>
  );
}
