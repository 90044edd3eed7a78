import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { CreateSupplierKeyForm, RevokeSupplierKeyForm } from "@/components/SalesReportForms";
import { requirePermission } from "@/lib/auth/guard";
import { formatDateTime } from "@/lib/format";
import { listSupplierApiKeys } from "@/lib/sales-report/api-keys";
import { createSupplierKeyForm, revokeSupplierKeyForm } from "../actions";

export const metadata: Metadata = { title: "API-nøgler til omsætning" };

export default async function SupplierKeysPage() {
  const user = await requirePermission("supplierKeys.manage");
  const keys = await listSupplierApiKeys(user);
  const admin = user.role === "ADMIN";
  return (
    <>
      <p className="mb-4">
        <Link href="/omsaetning">Tilbage til omsætning</Link>
      </p>
      <PageHeader
        title={admin ? "Leverandørernes API-nøgler" : "API-nøgler"}
        lead={
          admin
            ? "Nøgler, som leverandørerne har udstedt til deres egne systemer. Statens Indkøb kan tilbagekalde en nøgle."
            : `Med en API-nøgle kan ${user.supplierName ?? "jeres"} økonomisystem indberette omsætning direkte (POST /api/omsaetning). Nøglen vises kun én gang; kun et fingeraftryk af den gemmes. Nøglen kan kun indberette for jeres egen virksomhed.`
        }
      />
      {admin ? null : (
        <section aria-labelledby="new-key" className="mb-10">
          <h2 id="new-key" className="mb-4 text-2xl">
            Ny nøgle
          </h2>
          <CreateSupplierKeyForm action={createSupplierKeyForm} />
        </section>
      )}
      <h2 className="text-2xl">Nøgler</h2>
      <DataTable
        className="mt-4"
        caption="API-nøgler"
        captionHidden
        compact
        rows={keys}
        rowKey={(k) => k.id}
        emptyText="Der er ingen API-nøgler."
        columns={[
          { key: "name", header: "Navn", rowHeader: true, cell: (k) => `${k.name} (${k.keyPrefix}…)` },
          ...(admin ? [{ key: "supplier", header: "Leverandør", cell: (k: (typeof keys)[number]) => k.supplierName }] : []),
          { key: "by", header: "Oprettet af", cell: (k) => `${k.createdBy}, ${formatDateTime(k.createdAt)}` },
          { key: "used", header: "Senest brugt", cell: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Aldrig") },
          { key: "state", header: "Status", cell: (k) => (k.revokedAt ? `Tilbagekaldt ${formatDateTime(k.revokedAt)}` : <RevokeSupplierKeyForm action={revokeSupplierKeyForm} keyId={k.id} />) },
        ]}
      />
    </>
  );
}
