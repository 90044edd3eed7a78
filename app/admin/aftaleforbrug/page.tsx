import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { Select } from "@/components/Select";
import { TextInput } from "@/components/TextInput";
import { requirePermission } from "@/lib/auth/guard";
import { filterAndSortOverview, overviewRows, readThresholds } from "@/lib/ceilings/figures";
import { FORECAST_METHOD } from "@/lib/ceilings/forecast";
import { forecastText } from "@/lib/ceilings/labels";
import { OVERVIEW_SORT_LABELS, OVERVIEW_SORTS, parseOverviewParams, type OverviewParams } from "@/lib/ceilings/params";
import { CEILING_STATES, ceilingStateLabel } from "@/lib/ceilings/state";
import { prisma } from "@/lib/db/client";
import { formatDateShort, formatMoneyOre, formatPercentOf } from "@/lib/format";
import { copenhagenToday } from "@/lib/purchase-data/quarter";

export const metadata: Metadata = { title: "Aftalernes forbrug og maksimale værdi" };

const PATH = "/admin/aftaleforbrug";
const PAGE_SIZE = 100;

function query(params: OverviewParams, changes: Partial<Record<keyof OverviewParams, string | number | undefined>> = {}): string {
  const merged: Record<string, string | number | undefined> = { ...params, ...changes };
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === "" || (key === "page" && value === 1)) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export default async function CeilingOverviewPage({ searchParams }: PageProps<"/admin/aftaleforbrug">) {
  await requirePermission("ceilings.view");
  const params = parseOverviewParams(await searchParams);
  const thresholds = await readThresholds(prisma);
  const all = await overviewRows(prisma, copenhagenToday(), thresholds);
  const rows = filterAndSortOverview(all, params);
  const pageCount = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(params.page, pageCount);
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const counts = Object.fromEntries(CEILING_STATES.map((state) => [state, all.filter((r) => !r.retired && r.state === state).length]));
  const sortLink = (sort: OverviewParams["sort"], label: string) => (
    <Link href={`${PATH}${query(params, { sort, dir: params.sort === sort && params.dir === "desc" ? "asc" : "desc", page: 1 })}`}>
      {label}
      {params.sort === sort ? <span aria-label={params.dir === "desc" ? ", sorteret faldende" : ", sorteret stigende"}>{params.dir === "desc" ? " ▼" : " ▲"}</span> : null}
    </Link>
  );
  return (
    <>
      <PageHeader
        title="Aftalernes forbrug og maksimale værdi"
        lead="Forbruget til dato på hver aftale mod dens maksimale værdi: leverandørernes indberetninger, og hvor de mangler, kundernes indkøbsdata som et skøn. Når den maksimale værdi er nået, har aftalen ikke længere virkning (EU-Domstolens domme C-216/17 og C-23/20)."
      >
        <div className="flex flex-wrap gap-6">
          <Link href={`${PATH}/eksport${query(params, { page: undefined })}`}>Hent som xlsx</Link>
          <Link href={`${PATH}/indstillinger`}>Tærskler for advarsler ({thresholds.firstPercent} % og {thresholds.secondPercent} %)</Link>
        </div>
      </PageHeader>
      {counts.EXHAUSTED! > 0 || counts.NO_MAXIMUM! > 0 ? (
        <Alert variant="warning" className="mb-6" role="none">
          <ul className="list-disc pl-5">
            {counts.EXHAUSTED! > 0 ? <li>{counts.EXHAUSTED} {counts.EXHAUSTED === 1 ? "aftale har" : "aftaler har"} nået sin maksimale værdi.</li> : null}
            {counts.NO_MAXIMUM! > 0 ? (
              <li>
                {counts.NO_MAXIMUM} {counts.NO_MAXIMUM === 1 ? "aftale har" : "aftaler har"} ingen maksimal værdi registreret («maksimum ikke registreret»). Registrér den under stamdata.
              </li>
            ) : null}
          </ul>
        </Alert>
      ) : null}
      <form action={PATH} method="get" role="search" className="mb-6 flex flex-wrap items-end gap-4">
        <TextInput id="q" name="q" type="search" label="Søg" hint="Reference eller navn." defaultValue={params.q} />
        <Select
          id="state"
          name="state"
          label="Tilstand"
          placeholder="Alle"
          defaultValue={params.state ?? ""}
          options={[
            ...CEILING_STATES.map((state) => ({ value: state, label: `${ceilingStateLabel(state, thresholds)} (${counts[state]})` })),
            { value: "WARNED", label: "Advaret (begge tærskler)" },
          ]}
        />
        <Select id="sort" name="sort" label="Sortér efter" defaultValue={params.sort} options={OVERVIEW_SORTS.map((s) => ({ value: s, label: OVERVIEW_SORT_LABELS[s] }))} />
        <Select id="dir" name="dir" label="Rækkefølge" defaultValue={params.dir} options={[{ value: "desc", label: "Faldende" }, { value: "asc", label: "Stigende" }]} />
        <label className="flex items-center gap-2">
          <input type="checkbox" name="early" value="1" defaultChecked={params.early === "1"} /> Kun prognose før udløb
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="retired" value="1" defaultChecked={params.retired === "1"} /> Medtag udgåede
        </label>
        <Button type="submit" variant="secondary">
          Vis
        </Button>
      </form>
      <p className="mb-2">
        {rows.length} {rows.length === 1 ? "aftale" : "aftaler"}.
      </p>
      <DataTable
        caption="Aftaler med forbrug og maksimal værdi"
        captionHidden
        compact
        rows={shown}
        rowKey={(row) => row.id}
        emptyText="Ingen aftaler matcher."
        columns={[
          { key: "reference", header: sortLink("reference", "Reference"), cell: (r) => r.reference },
          {
            key: "name",
            header: sortLink("name", "Aftale"),
            rowHeader: true,
            cell: (r) => <Link href={`${PATH}/${r.id}`}>{r.name}</Link>,
          },
          { key: "maximum", header: sortLink("maximum", "Maksimal værdi"), numeric: true, cell: (r) => (r.maximumOre === null ? "Ikke registreret" : formatMoneyOre(r.maximumOre, { wholeKroner: true })) },
          { key: "use", header: sortLink("use", "Forbrug til dato"), numeric: true, cell: (r) => formatMoneyOre(r.useOre, { wholeKroner: true }) },
          { key: "estimated", header: "Heraf skøn", numeric: true, cell: (r) => formatMoneyOre(r.estimatedOre, { wholeKroner: true }) },
          { key: "percent", header: sortLink("percent", "Procent"), numeric: true, cell: (r) => (r.maximumOre === null ? "–" : formatPercentOf(r.useOre, r.maximumOre)) },
          { key: "forecast", header: sortLink("forecast", "Prognose: maksimum nås"), cell: (r) => forecastText(r.forecast) },
          { key: "validTo", header: sortLink("validTo", "Udløber"), cell: (r) => formatDateShort(r.validTo) },
          { key: "state", header: "Tilstand", cell: (r) => <strong className={r.state === "EXHAUSTED" ? "text-error" : undefined}>{ceilingStateLabel(r.state, thresholds)}</strong> },
        ]}
      />
      <Pagination page={page} pageCount={pageCount} hrefFor={(n) => `${PATH}${query(params, { page: n })}`} />
      <section aria-labelledby="method" className="mt-10 max-w-text">
        <h2 id="method">Sådan regnes tallene</h2>
        <p className="mt-2">
          Forbruget er summen fra aftalens første kvartal af leverandørernes aktive indberetninger. For en leverandør og et kvartal uden indberetning
          (og uden en indberetning om «intet salg») bruges kundernes indkøbsdata hos leverandøren i aftalens kategorier som et skøn; det vises som
          «heraf skøn». Tallene opdateres, når en indberetning eller indkøbsdata modtages.
        </p>
        <p className="mt-2">{FORECAST_METHOD}</p>
      </section>
    </>
  );
}
