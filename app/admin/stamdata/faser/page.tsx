import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { Alert } from "@/components/Alert";
import { ButtonLink } from "@/components/Button";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { listPhasesForAdmin } from "@/lib/catalogue/admin";
import { formatDate } from "@/lib/format";
import { parseId } from "@/lib/parse-id";

export const metadata: Metadata = { title: "Faser – stamdata" };

const PATH = "/admin/stamdata/faser";

export default async function PhasesAdminPage({ searchParams }: PageProps<"/admin/stamdata/faser">) {
  await requirePermission("catalogue.manage");
  const { gemt } = await searchParams;
  const savedId = typeof gemt === "string" ? parseId(gemt) : null;
  const phases = await listPhasesForAdmin();
  const saved = phases.find((p) => p.id === savedId);
  return (
    <>
      <PageHeader
        title="Faser"
        lead="En fase er en udbudsrunde i Statens Indkøbsprogram. Frivillige kunder skal tilmelde sig aftaler fra fase 8-10; ingen kan blive part på en afsluttet fase."
      >
        <ButtonLink href={`${PATH}/ny`}>Opret fase</ButtonLink>
      </PageHeader>
      {saved ? (
        <Alert variant="success" className="mb-6">
          <p>{saved.name} er gemt.</p>
        </Alert>
      ) : null}
      <DataTable
        caption="Faser (udbudsrunder)"
        captionHidden
        compact
        rows={phases}
        rowKey={(phase) => phase.id}
        columns={[
          { key: "number", header: "Nummer", numeric: true, cell: (p) => p.number },
          { key: "name", header: "Navn", rowHeader: true, cell: (p) => <Link href={`${PATH}/${p.id}`}>{p.name}</Link> },
          { key: "year", header: "Udbudsår", cell: (p) => p.tenderYear },
          { key: "effective", header: "Ikrafttrædelse", cell: (p) => formatDate(p.effectiveDate) },
          { key: "closed", header: "Status", cell: (p) => (p.closed ? "Afsluttet" : "Åben") },
          { key: "agreements", header: "Aftaler", numeric: true, cell: (p) => p._count.agreements },
        ]}
      />
    </>
  );
}
