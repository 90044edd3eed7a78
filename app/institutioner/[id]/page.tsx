import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { InstitutionAuthorityForm } from "@/components/MasterDataForms";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { AUTHORITY_TYPE_LABELS, authorityTypeOf, defaultAuthorityType } from "@/lib/cascade/eu-threshold";
import { getInstitution } from "@/lib/organisation/queries";
import { AGREEMENT_KIND_LABELS, CUSTOMER_TYPE_LABELS, DATA_CHANNEL_LABELS, INSTITUTION_KIND_LABELS } from "@/lib/organisation/labels";
import { parseId } from "@/lib/parse-id";
import { saveInstitutionAuthorityForm } from "../../admin/stamdata/actions";

export const metadata: Metadata = { title: "Institution" };

export default async function InstitutionPage({ params }: PageProps<"/institutioner/[id]">) {
  const user = await requirePermission("institution.view");
  const id = parseId((await params).id);
  if (id === null) notFound();
  const result = await getInstitution(user, id);
  if (result.status === "missing") notFound();
  const institution = result.value;
  return (
    <>
      <PageHeader title={institution.name} lead={`${INSTITUTION_KIND_LABELS[institution.kind]} i ${institution.ministry.name}s område.`} />
      <dl className="grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-semibold">CVR-nummer</dt>
        <dd>{institution.cvr}</dd>
        <dt className="font-semibold">Kundetype</dt>
        <dd>{CUSTOMER_TYPE_LABELS[institution.customerType]}</dd>
        <dt className="font-semibold">Myndighedstype (EU&apos;s tærskelværdier)</dt>
        <dd>{AUTHORITY_TYPE_LABELS[authorityTypeOf(institution)]}</dd>
        <dt className="font-semibold">Indkøbsdata</dt>
        <dd>{DATA_CHANNEL_LABELS[institution.dataChannel]}</dd>
        <dt className="font-semibold">Ministerområde</dt>
        <dd>
          {user.role === "BUYER" ? institution.ministry.name : <Link href={`/ministerier/${institution.ministry.id}`}>{institution.ministry.name}</Link>}
        </dd>
        {institution.address ? (
          <>
            <dt className="font-semibold">Adresse</dt>
            <dd>{institution.address}</dd>
          </>
        ) : null}
      </dl>
      {can(user.role, "catalogue.manage") ? (
        <section aria-labelledby="authority" className="mt-10">
          <h2 id="authority" className="mb-4">
            Myndighedstype
          </h2>
          <InstitutionAuthorityForm
            action={saveInstitutionAuthorityForm}
            institutionId={institution.id}
            authorityType={institution.authorityType}
            defaultLabel={AUTHORITY_TYPE_LABELS[defaultAuthorityType(institution.kind)]}
          />
        </section>
      ) : null}
      <h2 className="mt-10">EAN-lokationsnumre</h2>
      <DataTable
        caption="EAN-lokationsnumre og deres placering i SKS"
        captionHidden
        rows={institution.eanLocations}
        rowKey={(location) => location.id}
        columns={[
          { key: "ean", header: "EAN-nummer", rowHeader: true, cell: (location) => location.ean },
          { key: "name", header: "Navn", cell: (location) => location.name },
          { key: "accounting", header: "Regnskabsinstitution", cell: (location) => location.accountingInstitution ?? "–" },
          { key: "booking", header: "Bogføringskreds", cell: (location) => location.bookingCircle ?? "–" },
        ]}
      />
      <h2 className="mt-10">Aftaler, institutionen er part på</h2>
      <DataTable
        caption="Aftaler, institutionen er part på"
        captionHidden
        rows={institution.parties}
        rowKey={(party) => party.id}
        emptyText="Institutionen er ikke part på nogen aftaler."
        columns={[
          { key: "reference", header: "Aftale-nr.", cell: (party) => party.agreement.reference },
          { key: "name", header: "Aftale", rowHeader: true, cell: (party) => party.agreement.name },
          { key: "kind", header: "Type", cell: (party) => AGREEMENT_KIND_LABELS[party.agreement.kind] },
          { key: "phase", header: "Fase", cell: (party) => (party.agreement.phase ? `${party.agreement.phase.number}. fase` : "–") },
        ]}
      />
    </>
  );
}
