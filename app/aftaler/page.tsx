import type { Metadata } from "next";
import { Suspense } from "react";
import { Link } from "@/components/Link";
import { AgreementResults } from "@/components/AgreementResults";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { PageHeader } from "@/components/PageHeader";
import { Select } from "@/components/Select";
import { TextInput } from "@/components/TextInput";
import { requirePermission } from "@/lib/auth/guard";
import { catalogueFilterOptions } from "@/lib/catalogue/options";
import { searchAgreements } from "@/lib/catalogue/search";
import { AGREEMENT_KINDS, catalogueHref, parseCatalogueQuery } from "@/lib/catalogue/search-params";
import { cascadeTier } from "@/lib/domain/agreement-status";
import { AGREEMENT_KIND_LABELS } from "@/lib/organisation/labels";

export const metadata: Metadata = { title: "Aftaler" };

const FIELD_NAMES: Record<string, string> = {
  q: "søgetekst",
  kind: "aftaletype",
  phase: "fase",
  category: "kategori",
  supplier: "leverandør",
  activeOn: "gældende på dato",
  mine: "kan købe på",
  sort: "sortering",
  page: "side",
};

const SORT_OPTIONS = [
  { value: "relevans", label: "Bedste match" },
  { value: "navn", label: "Navn (A–Å)" },
  { value: "udloeb", label: "Udløber først" },
  { value: "nummer", label: "Aftalenummer" },
];

export default async function AgreementsPage({ searchParams }: PageProps<"/aftaler">) {
  const user = await requirePermission("catalogue.view");
  const { query, ignored } = parseCatalogueQuery(await searchParams);
  // The results stream in after the page's frame and form, so the first byte does not wait for the search.
  const resultPromise = searchAgreements(user, query);
  const options = await catalogueFilterOptions();
  const hasInstitution = user.institutionId !== null;
  return (
    <>
      <PageHeader
        title="Aftaler"
        lead="Find de aftaler i Statens Indkøbsprogram og på SKI, som dækker dit indkøbsbehov. Søg på aftalens navn, leverandør eller kategori."
      />
      {ignored.length ? (
        <Alert variant="warning" className="mb-6">
          Nogle værdier i adressen var ugyldige og er ignoreret: {ignored.map((name) => FIELD_NAMES[name] ?? name).join(", ")}.
        </Alert>
      ) : null}
      <form method="get" action="/aftaler" role="search" aria-label="Søg i aftaler" className="mb-8 grid gap-4 md:grid-cols-3">
        <TextInput id="q" name="q" label="Søg" defaultValue={query.q} width="full" hint="Fx kontormøbler, stol eller et CVR-nummer" />
        <Select
          id="kind"
          name="kind"
          label="Aftaletype"
          width="full"
          placeholder="Alle typer"
          defaultValue={query.kind ?? ""}
          options={AGREEMENT_KINDS.map((kind) => ({ value: kind, label: `${AGREEMENT_KIND_LABELS[kind]} (trin ${cascadeTier(kind)})` }))}
        />
        <Select
          id="phase"
          name="phase"
          label="Fase"
          width="full"
          placeholder="Alle faser"
          defaultValue={query.phase === null ? "" : String(query.phase)}
          options={options.phases.map((phase) => ({ value: String(phase.number), label: phase.name }))}
        />
        <Select
          id="category"
          name="category"
          label="Indkøbskategori"
          width="full"
          placeholder="Alle kategorier"
          defaultValue={query.category ?? ""}
          options={options.categories.map((category) => ({ value: category.code, label: `${category.code} ${category.name}` }))}
        />
        <TextInput id="supplier" name="supplier" label="Leverandør" hint="Navn eller CVR-nummer" defaultValue={query.supplier ?? ""} width="full" />
        <TextInput id="activeOn" name="activeOn" type="date" label="Gældende på dato" defaultValue={query.activeOn ?? ""} width="full" />
        <Select id="sort" name="sort" label="Sortering" width="full" defaultValue={query.sort} options={SORT_OPTIONS} />
        {hasInstitution ? (
          <div className="flex items-end gap-2 pb-2">
            <input id="mine" name="mine" type="checkbox" value="1" defaultChecked={query.mine} className="size-6" />
            <label htmlFor="mine">Kun aftaler, vi kan købe på</label>
          </div>
        ) : null}
        <div className="flex items-end gap-4">
          <Button type="submit">Søg</Button>
          <Link href="/aftaler">Nulstil</Link>
        </div>
      </form>
      <Suspense fallback={<p role="status">Søger …</p>}>
        <AgreementResults result={resultPromise} showStatus={hasInstitution} hrefFor={(page) => catalogueHref(query, { page })} />
      </Suspense>
    </>
  );
}
