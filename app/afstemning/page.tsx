import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { buttonClassName } from "@/components/Button";
import { PageHeader } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { MissingReportsTable, PairSummaryTable, ReconciliationRowsTable } from "@/components/ReconciliationTables";
import { SummaryCard } from "@/components/SummaryCard";
import { QuarterPicker } from "@/components/compliance/QuarterPicker";
import { requirePermission } from "@/lib/auth/guard";
import { formatMoneyOre, formatNumber } from "@/lib/format";
import { copenhagenToday, quarterLabel } from "@/lib/purchase-data/quarter";
import { FILTER_PARAM, listHref, parseListParams } from "@/lib/reconciliation/params";
import {
  currentTolerance,
  freshQuarter,
  missingReports,
  PAGE_SIZE,
  pairSummaries,
  reconciledQuarters,
  reconciliationOverview,
  reconciliationRows,
  ROW_FILTER_LABEL,
  type RowFilter,
} from "@/lib/reconciliation/queries";
import { toleranceText } from "@/lib/reconciliation/settings";

export const metadata: Metadata = { title: "Afstemning af omsætning og indkøbsdata" };

const LEAD: Record<"ADMIN" | "SUPPLIER" | "MINISTRY", string> = {
  ADMIN:
    "Leverandørernes indberettede salg pr. aftale, kunde og kvartal over for kundernes egne indkøbsdata hos leverandøren i aftalens kategorier. Manglende indberetninger, de største forskelle og salg til kunder, der ikke er part på aftalen.",
  SUPPLIER:
    "Jeres indberettede salg pr. aftale og kunde over for kundernes egne indkøbsdata hos jer i aftalens kategorier: forskelle ud over tolerancen, kunder med køb, I ikke har indberettet, og salg til kunder, der ikke er part på aftalen.",
  MINISTRY:
    "Leverandørernes indberettede salg til ministerområdets institutioner over for institutionernes egne indkøbsdata hos leverandøren i aftalens kategorier.",
};

export default async function ReconciliationPage({ searchParams }: PageProps<"/afstemning">) {
  const user = await requirePermission("reconciliation.view");
  const view = user.role === "ADMIN" ? "ADMIN" : user.role === "SUPPLIER" ? "SUPPLIER" : "MINISTRY";
  const quarters = await reconciledQuarters();
  const params = parseListParams(await searchParams, quarters);
  const title = view === "SUPPLIER" && user.supplierName ? `Afstemning: ${user.supplierName}` : "Afstemning af omsætning og indkøbsdata";
  if (params.quarter === null) {
    return (
      <>
        <PageHeader title={title} lead={LEAD[view]} />
        <p>Der er endnu ingen indkøbsdata eller indberetninger at afstemme.</p>
      </>
    );
  }
  const quarter = params.quarter;
  await freshQuarter(quarter);
  const today = copenhagenToday();
  const supplierId = view === "SUPPLIER" ? (user.supplierId ?? -1) : null;
  const [tolerance, list, overview, missing, pairs] = await Promise.all([
    currentTolerance(),
    reconciliationRows(user, { quarter, filter: params.filter, agreementId: params.agreementId, page: params.page }),
    view === "ADMIN" ? reconciliationOverview(quarter, today) : Promise.resolve(null),
    view === "SUPPLIER" ? missingReports(quarter, today, supplierId) : Promise.resolve([]),
    view === "SUPPLIER" ? pairSummaries(quarter, supplierId) : Promise.resolve([]),
  ]);
  const pageCount = Math.ceil(list.total / PAGE_SIZE);
  const label = quarterLabel(quarter);
  const filterLinks = (Object.keys(ROW_FILTER_LABEL) as RowFilter[]).map((filter) => ({ filter, href: listHref({ quarter, filter, agreementId: params.agreementId }) }));
  return (
    <>
      <PageHeader title={title} lead={LEAD[view]} />
      <QuarterPicker action="/afstemning" quarters={[...quarters].reverse()} quarter={quarter} />
      <p className="mb-6">
        En forskel tæller som afvigelse, når den er over både {toleranceText(tolerance.basisPoints, tolerance.ore)} af kundens indkøbsdata.
        {view === "ADMIN" ? (
          <>
            {" "}
            <Link href="/admin/afstemning">Ret tolerancen</Link>
          </>
        ) : null}
      </p>

      {overview ? (
        <>
          <section aria-labelledby="totals" className="mb-10">
            <h2 id="totals" className="mb-4">
              {label}
            </h2>
            <div className="grid gap-4 md:grid-cols-3">
              <SummaryCard
                headingLevel={3}
                title="Indberetninger"
                value={`${formatNumber(overview.totals.reported)} af ${formatNumber(overview.totals.pairs)}`}
                description={`${formatNumber(overview.missing.length)} mangler efter fristen`}
              />
              <SummaryCard
                headingLevel={3}
                title="Indberettet salg / indkøbsdata"
                value={formatMoneyOre(overview.totals.reportedOre, { wholeKroner: true })}
                description={`Kundernes indkøbsdata: ${formatMoneyOre(overview.totals.purchasedOre, { wholeKroner: true })}`}
              />
              <SummaryCard
                headingLevel={3}
                title="Kunder"
                value={formatNumber(overview.totals.customers)}
                description={`${formatNumber(overview.totals.agrees)} stemmer, ${formatNumber(overview.totals.differs)} afviger, ${formatNumber(overview.totals.purchasesOnly)} ikke indberettet, ${formatNumber(overview.totals.supplierOnly)} uden indkøbsdata, ${formatNumber(overview.totals.nonPartyCustomers)} salg til ikke-parter`}
              />
            </div>
          </section>
          <section aria-labelledby="missing" className="mb-10">
            <h2 id="missing" className="mb-4">
              Manglende indberetninger
            </h2>
            <MissingReportsTable rows={overview.missing} />
          </section>
          <section aria-labelledby="largest" className="mb-10">
            <h2 id="largest" className="mb-4">
              Største forskelle
            </h2>
            <ReconciliationRowsTable caption="Største forskelle" rows={overview.largest} emptyText="Ingen forskelle i kvartalet." />
          </section>
          <section aria-labelledby="non-party" className="mb-10">
            <h2 id="non-party" className="mb-4">
              Salg til kunder, der ikke er part på aftalen
            </h2>
            <ReconciliationRowsTable caption="Salg til kunder, der ikke er part" rows={overview.nonParty} emptyText="Intet salg til kunder uden for aftalerne." />
          </section>
          <section aria-labelledby="pairs" className="mb-10">
            <h2 id="pairs" className="mb-4">
              Aftaler og leverandører
            </h2>
            <PairSummaryTable quarter={quarter} rows={overview.pairs} />
          </section>
        </>
      ) : null}

      {view === "SUPPLIER" ? (
        <>
          <section aria-labelledby="missing" className="mb-10">
            <h2 id="missing" className="mb-4">
              Manglende indberetninger, {label}
            </h2>
            <MissingReportsTable rows={missing} showSupplier={false} />
          </section>
          <section aria-labelledby="pairs" className="mb-10">
            <h2 id="pairs" className="mb-4">
              Jeres aftaler
            </h2>
            <PairSummaryTable quarter={quarter} rows={pairs} showSupplier={false} />
          </section>
        </>
      ) : null}

      <section aria-labelledby="rows">
        <h2 id="rows" className="mb-4">
          {ROW_FILTER_LABEL[params.filter]}, {label}
        </h2>
        <nav aria-label="Vis" className="mb-4">
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            {filterLinks.map(({ filter, href }) => (
              <li key={filter}>
                {filter === params.filter ? (
                  <span aria-current="page" className="font-semibold">
                    {ROW_FILTER_LABEL[filter]}
                  </span>
                ) : (
                  <Link href={href}>{ROW_FILTER_LABEL[filter]}</Link>
                )}
              </li>
            ))}
          </ul>
        </nav>
        <p className="mb-4">
          {formatNumber(list.total)} {list.total === 1 ? "kunde" : "kunder"}.{" "}
          <a className={buttonClassName("secondary")} href={`/afstemning/xlsx?kvartal=${quarter}&vis=${FILTER_PARAM[params.filter]}`} download>
            Hent som regneark (xlsx)
          </a>
        </p>
        <ReconciliationRowsTable
          caption={`${ROW_FILTER_LABEL[params.filter]}, ${label}`}
          rows={list.rows}
          showSupplier={view !== "SUPPLIER"}
          showMinistry={view !== "SUPPLIER"}
        />
        <Pagination
          page={params.page}
          pageCount={pageCount}
          hrefFor={(page) => listHref({ quarter, filter: params.filter, agreementId: params.agreementId, page })}
        />
      </section>
    </>
  );
}
