import { Link } from "@/components/Link";
import type { SearchResult } from "@/lib/catalogue/search";
import { STATUS_TEXT } from "@/lib/catalogue/status-labels";
import { cascadeTier } from "@/lib/domain/agreement-status";
import { formatDateShort, formatNumber } from "@/lib/format";
import { AGREEMENT_KIND_LABELS } from "@/lib/organisation/labels";
import { DataTable } from "./DataTable";
import { Pagination } from "./Pagination";

type AgreementResultsProps = {
  /** The search, started by the page: this component waits for it, so the page can stream. */
  result: Promise<SearchResult>;
  showStatus: boolean;
  hrefFor: (page: number) => string;
};

/** The catalogue's result count, table and pages. */
export async function AgreementResults({ result: pending, showStatus, hrefFor }: AgreementResultsProps) {
  const result = await pending;
  return (
    <>
      <p role="status" className="mb-4">
        {result.total === 0 ? "Ingen aftaler matcher søgningen." : `${formatNumber(result.total)} aftaler, side ${result.page} af ${result.pageCount}.`}
      </p>
      {result.total > 0 ? (
        <DataTable
          caption="Søgeresultat"
          captionHidden
          rows={result.hits}
          rowKey={(hit) => hit.id}
          columns={[
            {
              key: "name",
              header: "Aftale",
              rowHeader: true,
              cell: (hit) => (
                <>
                  <Link href={`/aftaler/${hit.id}`}>{hit.name}</Link>
                  {hit.ceilingNotice ? <span className="mt-1 block font-normal text-error">{hit.ceilingNotice}</span> : null}
                </>
              ),
            },
            { key: "reference", header: "Aftale-nr.", cell: (hit) => hit.reference },
            { key: "kind", header: "Type", cell: (hit) => `${AGREEMENT_KIND_LABELS[hit.kind]} (trin ${cascadeTier(hit.kind)})` },
            { key: "phase", header: "Fase", cell: (hit) => (hit.phaseNumber ? `${hit.phaseNumber}. fase` : "–") },
            { key: "valid", header: "Gyldig", cell: (hit) => `${formatDateShort(hit.validFrom)}–${formatDateShort(hit.validTo)}` },
            ...(showStatus
              ? [{ key: "status", header: "Jeres status", cell: (hit: SearchResult["hits"][number]) => (hit.status ? STATUS_TEXT[hit.status].label : "–") }]
              : []),
          ]}
        />
      ) : null}
      <Pagination page={result.page} pageCount={result.pageCount} hrefFor={hrefFor} />
    </>
  );
}
