import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { getMinistry } from "@/lib/organisation/queries";
import { CUSTOMER_TYPE_LABELS, DATA_CHANNEL_LABELS } from "@/lib/organisation/labels";
import { parseId } from "@/lib/parse-id";
import { formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Ministerområde" };

export default async function MinistryPage({ params }: PageProps<"/ministerier/[id]">) {
  const user = await requirePermission("ministry.view");
  const id = parseId((await params).id);
  if (id === null) notFound();
  const result = await getMinistry(user, id);
  if (result.status === "missing") notFound();
  const ministry = result.value;
  return (
    <>
      <PageHeader title={ministry.name} lead={`${ministry.institutions.length} institutioner i ministerområdet.`} />
      <h2>Koncernindkøber</h2>
      {ministry.users.length ? (
        <ul className="mt-2 mb-8">
          {ministry.users.map((groupBuyer) => (
            <li key={groupBuyer.email}>
              {groupBuyer.name}
              {groupBuyer.title ? `, ${groupBuyer.title}` : ""} – <a href={`mailto:${groupBuyer.email}`}>{groupBuyer.email}</a>
              {groupBuyer.phone ? `, tlf. ${groupBuyer.phone}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 mb-8">Ministerområdet har ingen koncernindkøber registreret.</p>
      )}
      <h2>Institutioner</h2>
      <DataTable
        caption={`Institutioner i ${ministry.name}s område`}
        captionHidden
        rows={ministry.institutions}
        rowKey={(institution) => institution.id}
        columns={[
          {
            key: "name",
            header: "Institution",
            rowHeader: true,
            cell: (institution) => <Link href={`/institutioner/${institution.id}`}>{institution.name}</Link>,
          },
          { key: "cvr", header: "CVR", cell: (institution) => institution.cvr },
          { key: "type", header: "Kundetype", cell: (institution) => CUSTOMER_TYPE_LABELS[institution.customerType] },
          { key: "channel", header: "Indkøbsdata", cell: (institution) => DATA_CHANNEL_LABELS[institution.dataChannel] },
          { key: "parties", header: "Aftaler", numeric: true, cell: (institution) => formatNumber(institution._count.parties) },
        ]}
      />
    </>
  );
}
