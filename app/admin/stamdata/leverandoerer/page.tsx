import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { Alert } from "@/components/Alert";
import { ButtonLink } from "@/components/Button";
import { DataTable } from "@/components/DataTable";
import { MasterDataPager, MasterDataSearch, listParams } from "@/components/MasterDataListControls";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { getSupplierForAdmin, listSuppliersForAdmin } from "@/lib/catalogue/admin";
import { parseId } from "@/lib/parse-id";

export const metadata: Metadata = { title: "Leverandører – stamdata" };

const PATH = "/admin/stamdata/leverandoerer";

export default async function SuppliersAdminPage({ searchParams }: PageProps<"/admin/stamdata/leverandoerer">) {
  await requirePermission("catalogue.manage");
  const params = await searchParams;
  const { q, page } = listParams(params);
  const savedId = typeof params.gemt === "string" ? parseId(params.gemt) : null;
  const [list, saved] = await Promise.all([listSuppliersForAdmin({ q, page }), savedId ? getSupplierForAdmin(savedId) : null]);
  return (
    <>
      <PageHeader title="Leverandører" lead="Leverandørerne på aftalerne, identificeret ved CVR-nummer.">
        <ButtonLink href={`${PATH}/ny`}>Opret leverandør</ButtonLink>
      </PageHeader>
      {saved ? (
        <Alert variant="success" className="mb-6">
          <p>
            Leverandøren {saved.name} (CVR {saved.cvr}) er gemt.
          </p>
        </Alert>
      ) : null}
      <MasterDataSearch action={PATH} q={q} label="Søg i leverandører" hint="Navn eller CVR-nummer." />
      <DataTable
        caption={q ? `Leverandører, der matcher «${q}»` : "Leverandører"}
        captionHidden
        compact
        rows={list.rows}
        rowKey={(supplier) => supplier.id}
        emptyText={q ? "Ingen leverandører matcher søgningen." : "Der er ingen leverandører."}
        columns={[
          { key: "cvr", header: "CVR-nummer", cell: (s) => s.cvr },
          { key: "name", header: "Navn", rowHeader: true, cell: (s) => <Link href={`${PATH}/${s.id}`}>{s.name}</Link> },
          { key: "category", header: "Kategori", cell: (s) => (s.categoryCode ? `${s.categoryCode} ${s.category?.name ?? ""}` : "–") },
          { key: "agreements", header: "Aftaler", numeric: true, cell: (s) => s._count.agreements },
        ]}
      />
      <MasterDataPager path={PATH} page={list.page} pages={list.pages} total={list.total} query={q ? { q } : {}} />
    </>
  );
}
