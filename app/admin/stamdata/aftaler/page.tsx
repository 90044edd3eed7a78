import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { Alert } from "@/components/Alert";
import { ButtonLink } from "@/components/Button";
import { DataTable } from "@/components/DataTable";
import { MasterDataPager, MasterDataSearch, listParams } from "@/components/MasterDataListControls";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { getAgreementForAdmin, listAgreementsForAdmin } from "@/lib/catalogue/admin";
import { formatDateShort } from "@/lib/format";
import { AGREEMENT_KIND_LABELS } from "@/lib/organisation/labels";
import { parseId } from "@/lib/parse-id";

export const metadata: Metadata = { title: "Aftaler – stamdata" };

const PATH = "/admin/stamdata/aftaler";

export default async function AgreementsAdminPage({ searchParams }: PageProps<"/admin/stamdata/aftaler">) {
  await requirePermission("catalogue.manage");
  const params = await searchParams;
  const { q, page } = listParams(params);
  const retired = params.udgaaede === "1";
  const savedId = typeof params.gemt === "string" ? parseId(params.gemt) : null;
  const [list, saved] = await Promise.all([
    listAgreementsForAdmin({ q, page, retired }),
    savedId ? getAgreementForAdmin(savedId) : null,
  ]);
  const query: Record<string, string> = { ...(q ? { q } : {}), ...(retired ? { udgaaede: "1" } : {}) };
  return (
    <>
      <PageHeader title="Aftaler" lead="Opret og ret aftaler, eller udfas en aftale, der ikke længere skal bruges.">
        <div className="flex flex-wrap items-center gap-6">
          <ButtonLink href={`${PATH}/ny`}>Opret aftale</ButtonLink>
          {retired ? <Link href={PATH}>Vis gældende aftaler</Link> : <Link href={`${PATH}?udgaaede=1`}>Vis udgåede aftaler</Link>}
        </div>
      </PageHeader>
      {saved ? (
        <Alert variant="success" className="mb-6">
          <p>
            Aftalen {saved.reference} {saved.name} er gemt.
          </p>
        </Alert>
      ) : null}
      <MasterDataSearch
        action={PATH}
        q={q}
        label={retired ? "Søg i udgåede aftaler" : "Søg i aftaler"}
        hint="Reference eller navn."
        hidden={retired ? { udgaaede: "1" } : {}}
      />
      <DataTable
        caption={retired ? "Udgåede aftaler" : "Aftaler"}
        captionHidden
        compact
        rows={list.rows}
        rowKey={(agreement) => agreement.id}
        emptyText={q ? "Ingen aftaler matcher søgningen." : "Der er ingen aftaler."}
        columns={[
          { key: "reference", header: "Reference", cell: (a) => a.reference },
          { key: "name", header: "Navn", rowHeader: true, cell: (a) => <Link href={`${PATH}/${a.id}`}>{a.name}</Link> },
          {
            key: "kind",
            header: "Aftaletype",
            cell: (a) => `${AGREEMENT_KIND_LABELS[a.kind]}${a.ownerInstitution ? ` (${a.ownerInstitution.name})` : ""}`,
          },
          { key: "phase", header: "Fase", numeric: true, cell: (a) => a.phase?.number ?? "–" },
          { key: "valid", header: "Gyldig", cell: (a) => `${formatDateShort(a.validFrom)}–${formatDateShort(a.validTo)}` },
        ]}
      />
      <MasterDataPager path={PATH} page={list.page} pages={list.pages} total={list.total} query={query} />
    </>
  );
}
