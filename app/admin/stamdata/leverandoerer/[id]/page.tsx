import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { SupplierForm } from "@/components/MasterDataForms";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { categoryOptions, getSupplierForAdmin } from "@/lib/catalogue/admin";
import { parseId } from "@/lib/parse-id";
import { saveSupplierForm } from "../../actions";

export const metadata: Metadata = { title: "Leverandør – stamdata" };

/** Creates a supplier at /ny, edits one at /<id>. */
export default async function SupplierAdminPage({ params }: PageProps<"/admin/stamdata/leverandoerer/[id]">) {
  await requirePermission("catalogue.manage");
  const segment = (await params).id;
  const id = segment === "ny" ? null : parseId(segment);
  if (segment !== "ny" && id === null) notFound();
  const [supplier, categories] = await Promise.all([id ? getSupplierForAdmin(id) : null, categoryOptions()]);
  if (id && !supplier) notFound();
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/stamdata/leverandoerer">Tilbage til leverandørerne</Link>
      </p>
      <PageHeader title={supplier ? supplier.name : "Opret leverandør"} lead={supplier ? `CVR-nummer ${supplier.cvr}` : undefined} />
      <SupplierForm
        action={saveSupplierForm}
        supplier={supplier ? { id: supplier.id, cvr: supplier.cvr, name: supplier.name, categoryCode: supplier.categoryCode } : null}
        categories={categories.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
      />
    </>
  );
}
