import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/Alert";
import { AgreementForm, RetireAgreementForm } from "@/components/MasterDataForms";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { agreementFormOptions, agreementSnapshot, getAgreementForAdmin } from "@/lib/catalogue/admin";
import { AGREEMENT_KINDS, CATEGORY_CHECKBOX_PREFIX } from "@/lib/catalogue/admin-schemas";
import { formatDateTime } from "@/lib/format";
import { AGREEMENT_KIND_LABELS } from "@/lib/organisation/labels";
import { parseId } from "@/lib/parse-id";
import { retireAgreementForm, saveAgreementForm } from "../../actions";

export const metadata: Metadata = { title: "Aftale – stamdata" };

/** Creates an agreement at /ny, edits (and retires) one at /<id>. */
export default async function AgreementAdminPage({ params }: PageProps<"/admin/stamdata/aftaler/[id]">) {
  await requirePermission("catalogue.manage");
  const segment = (await params).id;
  const id = segment === "ny" ? null : parseId(segment);
  if (segment !== "ny" && id === null) notFound();
  const [agreement, options] = await Promise.all([id ? getAgreementForAdmin(id) : null, agreementFormOptions()]);
  if (id && !agreement) notFound();
  const values = agreement ? { id: agreement.id, ...agreementSnapshot(agreement) } : null;
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/stamdata/aftaler">Tilbage til aftalerne</Link>
      </p>
      <PageHeader
        title={agreement ? `${agreement.reference} ${agreement.name}` : "Opret aftale"}
        lead={agreement ? AGREEMENT_KIND_LABELS[agreement.kind] : "Felterne gælder alle aftaletyper; fase og ejer afhænger af typen."}
      >
        {agreement ? <Link href={`/aftaler/${agreement.id}`}>Se aftalen, som indkøberne ser den</Link> : null}
      </PageHeader>
      {agreement?.retiredAt ? (
        <Alert variant="warning" role="none" className="mb-8">
          <p>Aftalen blev udfaset {formatDateTime(agreement.retiredAt)}. Den kan stadig rettes, men bruges ikke længere.</p>
        </Alert>
      ) : null}
      <AgreementForm
        action={saveAgreementForm}
        agreement={values}
        categoryPrefix={CATEGORY_CHECKBOX_PREFIX}
        options={{
          kinds: AGREEMENT_KINDS.map((kind) => ({ value: kind, label: AGREEMENT_KIND_LABELS[kind] })),
          phases: options.phases.map((p) => ({ value: String(p.number), label: `${p.name}${p.closed ? " (afsluttet)" : ""}` })),
          institutions: options.institutions.map((i) => ({ value: i.cvr, label: `${i.name} (CVR ${i.cvr})` })),
          categories: options.categories,
        }}
      />
      {agreement && agreement.suppliers.length > 0 ? (
        <section aria-labelledby="suppliers" className="mt-10 max-w-2xl">
          <h2 id="suppliers" className="text-2xl">
            Aftalens leverandører nu
          </h2>
          <ul className="mt-2 list-disc pl-6">
            {agreement.suppliers
              .map((s) => s.supplier)
              .sort((a, b) => a.name.localeCompare(b.name, "da"))
              .map((supplier) => (
                <li key={supplier.id}>
                  {supplier.name} (CVR {supplier.cvr})
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      {agreement && !agreement.retiredAt ? (
        <section aria-labelledby="retire" className="mt-12 max-w-2xl border-t border-border-low pt-8">
          <h2 id="retire" className="text-2xl">
            Udfas aftalen
          </h2>
          <p className="mt-2 mb-4">
            En udfaset aftale vises ikke længere som en mulighed for indkøberne. Den slettes ikke: parter, tilmeldinger,
            beslutninger og indkøbsdata bevares.
          </p>
          <RetireAgreementForm action={retireAgreementForm} id={agreement.id} reference={agreement.reference} />
        </section>
      ) : null}
    </>
  );
}
