import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { Button, ButtonLink } from "@/components/Button";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { historyHref, listDecisions, parseHistoryQuery } from "@/lib/cascade/history";
import { OWN_PROCUREMENT_LABEL } from "@/lib/cascade/labels";
import { formatDateShort, formatDateTime, formatMoneyOre, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Beslutninger" };

type Agreement = { reference: string; name: string } | null;

function agreementText(agreement: Agreement): string {
  return agreement ? `${agreement.name} (${agreement.reference})` : OWN_PROCUREMENT_LABEL;
}

export default async function DecisionsPage({ searchParams }: PageProps<"/indkoebsbehov">) {
  const user = await requirePermission("cascade.history");
  const query = parseHistoryQuery(await searchParams);
  const result = await listDecisions(user, query);
  const severalInstitutions = user.role !== "BUYER";
  const lead =
    user.role === "BUYER"
      ? `Indkøbsbeslutninger truffet for ${user.institutionName ?? "din institution"}, nyeste først.`
      : user.role === "GROUP_BUYER"
        ? `Indkøbsbeslutninger i ${user.ministryName ?? "ministerområdet"}, nyeste først. Afvigelser fra kaskaden er markeret.`
        : "Indkøbsbeslutninger i alle ministerområder, nyeste først. Afvigelser fra kaskaden er markeret.";
  return (
    <>
      <PageHeader title="Beslutninger" lead={lead}>
        {can(user.role, "cascade.use") ? <ButtonLink href="/indkoebsbehov/ny">Nyt indkøbsbehov</ButtonLink> : null}
      </PageHeader>
      <form method="get" action="/indkoebsbehov" className="mb-6 flex flex-wrap items-center gap-4" aria-label="Filtrér beslutninger">
        <div className="flex items-center gap-2">
          <input id="deviations" name="deviations" type="checkbox" value="1" defaultChecked={query.deviationsOnly} className="size-6" />
          <label htmlFor="deviations">Kun afvigelser</label>
        </div>
        <Button type="submit" variant="secondary">
          Vis
        </Button>
      </form>
      <p role="status" className="mb-4">
        {result.total === 0
          ? query.deviationsOnly
            ? "Der er ingen afvigelser."
            : "Der er ingen beslutninger endnu."
          : `${formatNumber(result.total)} ${result.total === 1 ? "beslutning" : "beslutninger"}, side ${result.page} af ${result.pageCount}.`}
      </p>
      {result.total > 0 ? (
        <DataTable
          caption="Beslutninger"
          captionHidden
          compact
          rows={result.rows}
          rowKey={(row) => row.id}
          columns={[
            {
              key: "when",
              header: "Tidspunkt",
              rowHeader: true,
              cell: (row) => <Link href={`/indkoebsbehov/${row.id}`}>{formatDateTime(row.createdAt)}</Link>,
            },
            ...(severalInstitutions
              ? [{ key: "institution", header: "Institution", cell: (row: (typeof result.rows)[number]) => row.institution.name }]
              : []),
            { key: "category", header: "Kategori", cell: (row) => `${row.category.code} ${row.category.name}` },
            { key: "amount", header: "Beløb ekskl. moms", numeric: true, cell: (row) => formatMoneyOre(row.amountOre) },
            { key: "date", header: "Behovets dato", cell: (row) => formatDateShort(row.needDate) },
            { key: "chosen", header: "Valgt", cell: (row) => agreementText(row.chosenAgreement) },
            {
              key: "deviates",
              header: "Afvigelse",
              cell: (row) =>
                row.deviates ? (
                  <span className="font-semibold text-error">
                    Afviger – anbefalet: {agreementText(row.recommendedAgreement)}
                  </span>
                ) : (
                  "Nej"
                ),
            },
            { key: "user", header: "Truffet af", cell: (row) => row.user.name },
          ]}
        />
      ) : null}
      <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(page) => historyHref(query, { page })} />
    </>
  );
}
