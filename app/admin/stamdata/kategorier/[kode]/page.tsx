import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { CategoryForm } from "@/components/MasterDataForms";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { getCategoryForAdmin } from "@/lib/catalogue/admin";
import { CATEGORY_CODE_PATTERN } from "@/lib/catalogue/admin-schemas";
import { saveCategoryForm } from "../../actions";

export const metadata: Metadata = { title: "Indkøbskategori – stamdata" };

/** Creates a category at /ny, edits one at /<code>. */
export default async function CategoryAdminPage({ params }: PageProps<"/admin/stamdata/kategorier/[kode]">) {
  await requirePermission("catalogue.manage");
  const code = (await params).kode;
  if (code !== "ny" && !CATEGORY_CODE_PATTERN.test(code)) notFound();
  const category = code === "ny" ? null : await getCategoryForAdmin(code);
  if (code !== "ny" && !category) notFound();
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/stamdata/kategorier">Tilbage til kategorierne</Link>
      </p>
      <PageHeader title={category ? `${category.code} ${category.name}` : "Opret indkøbskategori"} />
      <CategoryForm action={saveCategoryForm} category={category} />
    </>
  );
}
