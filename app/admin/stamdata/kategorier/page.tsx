import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { Alert } from "@/components/Alert";
import { ButtonLink } from "@/components/Button";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { CONTRACT_TYPE_LABELS } from "@/lib/cascade/eu-threshold";
import { listCategoriesForAdmin } from "@/lib/catalogue/admin";

export const metadata: Metadata = { title: "Indkøbskategorier – stamdata" };

const PATH = "/admin/stamdata/kategorier";

export default async function CategoriesAdminPage({ searchParams }: PageProps<"/admin/stamdata/kategorier">) {
  await requirePermission("catalogue.manage");
  const { gemt } = await searchParams;
  const categories = await listCategoriesForAdmin();
  const saved = typeof gemt === "string" ? categories.find((c) => c.code === gemt) : undefined;
  return (
    <>
      <PageHeader title="Indkøbskategorier" lead="Kategorierne, som behov, aftaler og indkøbsdata klassificeres efter. Koden er fire cifre.">
        <ButtonLink href={`${PATH}/ny`}>Opret kategori</ButtonLink>
      </PageHeader>
      {saved ? (
        <Alert variant="success" className="mb-6">
          <p>
            Kategorien {saved.code} {saved.name} er gemt.
          </p>
        </Alert>
      ) : null}
      <DataTable
        caption="Indkøbskategorier"
        captionHidden
        compact
        rows={categories}
        rowKey={(category) => category.code}
        columns={[
          { key: "code", header: "Kode", cell: (c) => c.code },
          { key: "name", header: "Navn", rowHeader: true, cell: (c) => <Link href={`${PATH}/${c.code}`}>{c.name}</Link> },
          { key: "mandatory", header: "Forpligtende aftaler", cell: (c) => (c.hasMandatoryAgreements ? "Ja" : "Nej") },
          { key: "contractType", header: "Kontrakttype", cell: (c) => CONTRACT_TYPE_LABELS[c.contractType] },
          { key: "agreements", header: "Aftaler", numeric: true, cell: (c) => c._count.agreements },
          { key: "suppliers", header: "Leverandører", numeric: true, cell: (c) => c._count.suppliers },
        ]}
      />
    </>
  );
}
