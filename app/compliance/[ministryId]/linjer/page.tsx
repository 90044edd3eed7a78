import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/Alert";
import { buttonClassName } from "@/components/Button";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { ComplianceNav } from "@/components/compliance/ComplianceNav";
import { Freshness } from "@/components/compliance/Freshness";
import { ministryNav } from "@/components/compliance/ministryNav";
import { quarterName } from "@/lib/compliance/figures";
import { ministryPageContext } from "@/lib/compliance/page-context";
import { TRAIL_EXPORT_MAX, TRAIL_PAGE_SIZE, trailHeading, trailPage, trailTotals } from "@/lib/compliance/trail";
import { parseTrail, trailHref, trailQuery, withoutMinistry, type TrailPart } from "@/lib/compliance/trail-params";
import { formatDateShort, formatMoneyOre, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Indkøbslinjerne bag tallet" };

const PARTS: Record<"aftale" | "ehandel", { part: TrailPart; label: string }[]> = {
  aftale: [
    { part: "alle", label: "Alle køb i kategorierne (nævner)" },
    { part: "aftale", label: "Hos aftalens leverandører (tæller)" },
    { part: "udenfor", label: "Uden for aftalen (lækage)" },
  ],
  ehandel: [
    { part: "alle", label: "Alle køb (nævner)" },
    { part: "ehandel", label: "Via e-handel (tæller)" },
    { part: "ikke-ehandel", label: "Uden om e-handel" },
  ],
};

export default async function TrailPage({ params, searchParams }: PageProps<"/compliance/[ministryId]/linjer">) {
  const raw = await searchParams;
  const { ministry, data, user } = await ministryPageContext((await params).ministryId, raw);
  const parsed = parseTrail(ministry.id, raw);
  if (!parsed || !data.quarters.includes(parsed.filter.quarter)) notFound();
  const { filter, page } = parsed;
  const [totals, title] = await Promise.all([trailTotals(user, filter), trailHeading(user, filter, ministry.name)]);
  if (title === null) notFound();
  const pageCount = Math.max(1, Math.ceil(totals.lines / TRAIL_PAGE_SIZE));
  const current = Math.min(page, pageCount);
  const lines = totals.lines ? await trailPage(user, filter, current) : [];
  const rest = withoutMinistry(filter);
  const m = ministry.id;
  const withAgreement = filter.figure === "aftale";
  return (
    <>
      <PageHeader title="Indkøbslinjerne bag tallet" lead={`${title}, ${quarterName(filter.quarter)}.`} />
      <ComplianceNav items={ministryNav(m, filter.quarter, null)} />
      <Freshness data={data} quarter={filter.quarter} />
      <p role="status" className="mb-4 text-lg">
        {formatNumber(totals.lines)} {totals.lines === 1 ? "linje" : "linjer"}, i alt <strong>{formatMoneyOre(totals.amountOre)}</strong> ekskl. moms.
      </p>
      {withAgreement && !filter.agreementId ? (
        <Alert variant="info" role="none" className="mb-4">
          Tallet er summen over de forpligtende aftaler. En linje i kategorierne for to aftaler tæller med én gang for hver aftale og står
          her én gang pr. aftale.
        </Alert>
      ) : null}
      <nav aria-label="Del af tallet" className="mb-6 print:hidden">
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          {PARTS[filter.figure].map(({ part, label }) => (
            <li key={part}>
              {part === filter.part ? (
                <span aria-current="page" className="font-semibold">
                  {label}
                </span>
              ) : (
                <Link href={trailHref(m, { ...rest, part })}>{label}</Link>
              )}
            </li>
          ))}
          {filter.supplierCvr || filter.supplierName ? (
            <li>
              <Link href={trailHref(m, { ...rest, supplierCvr: null, supplierName: null })}>Alle leverandører</Link>
            </li>
          ) : null}
        </ul>
      </nav>
      <p className="mb-6 print:hidden">
        <a className={buttonClassName("secondary")} href={`/compliance/${m}/linjer/xlsx${trailQuery(rest)}`} download>
          Hent linjerne som regneark (xlsx)
        </a>
        {totals.lines > TRAIL_EXPORT_MAX ? (
          <span className="ml-4 text-ink-light">Regnearket rummer de første {formatNumber(TRAIL_EXPORT_MAX)} linjer; afgræns til en institution for resten.</span>
        ) : null}
      </p>
      <DataTable
        caption={`${title}, ${quarterName(filter.quarter)}, side ${current} af ${pageCount}`}
        captionHidden
        compact
        rows={lines}
        rowKey={(line) => `${line.id}|${line.agreementId ?? ""}`}
        emptyText="Ingen linjer."
        columns={[
          { key: "date", header: "Dato", cell: (l) => (l.purchaseDate ? formatDateShort(l.purchaseDate) : "Kvartal") },
          { key: "institution", header: "Institution", cell: (l) => l.institutionName },
          {
            key: "supplier",
            header: "Leverandør",
            rowHeader: true,
            cell: (l) => (
              <>
                {l.supplierName}
                <span className="block text-ink-light">{l.supplierCvr ? `CVR ${l.supplierCvr}` : "uden CVR"}</span>
              </>
            ),
          },
          {
            key: "category",
            header: "Kategori",
            cell: (l) =>
              l.categoryCode ? (
                <>
                  {l.categoryCode}
                  {l.lineCategory ? null : <span className="block text-ink-light">fra leverandøren</span>}
                </>
              ) : (
                "–"
              ),
          },
          ...(withAgreement
            ? [
                {
                  key: "agreement",
                  header: "Aftale",
                  cell: (l: (typeof lines)[number]) => (
                    <>
                      {l.agreementReference}
                      <span className="block text-ink-light">{l.onAgreement ? "aftalens leverandør" : "uden for aftalen"}</span>
                    </>
                  ),
                },
              ]
            : []),
          { key: "ecommerce", header: "E-handel", cell: (l) => (l.ecommerce ? "Ja" : "Nej") },
          { key: "amount", header: "Beløb ekskl. moms", numeric: true, cell: (l) => formatMoneyOre(l.amountOre) },
        ]}
      />
      <Pagination page={current} pageCount={pageCount} hrefFor={(n) => trailHref(m, rest, n)} />
    </>
  );
}
