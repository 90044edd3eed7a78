import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { Button } from "@/components/Button";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { TextInput } from "@/components/TextInput";
import { auditFilterSchema, searchAudit, type AuditFilter } from "@/lib/audit-search";
import { requirePermission } from "@/lib/auth/guard";
import { formatDateTime, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Revisionsspor" };

function query(filter: AuditFilter, page?: number): string {
  const params = new URLSearchParams();
  for (const key of ["action", "entity", "entityId", "actor", "from", "to"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (page && page > 1) params.set("page", String(page));
  return params.toString();
}

function summary(value: unknown): string {
  if (value === null || value === undefined) return "–";
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

export default async function AuditPage({ searchParams }: PageProps<"/admin/revisionsspor">) {
  await requirePermission("audit.view");
  const filter = auditFilterSchema.parse(await searchParams);
  const result = await searchAudit(filter);
  const exportQuery = query(filter);
  return (
    <>
      <PageHeader
        title="Revisionsspor"
        lead="Alle ændringer i portalen: hvem, hvornår, hvad, før og efter. Sporet kan ikke ændres eller slettes – databasen afviser det."
      />
      <form method="get" className="mb-8 grid gap-4 md:grid-cols-3" role="search" aria-label="Søg i revisionssporet">
        <TextInput id="action" name="action" label="Handling" hint="Fx user.role eller login" defaultValue={filter.action ?? ""} width="full" />
        <TextInput id="entity" name="entity" label="Objekttype" hint="Fx User eller Agreement" defaultValue={filter.entity ?? ""} width="full" />
        <TextInput id="entityId" name="entityId" label="Objekt-id" defaultValue={filter.entityId ?? ""} width="full" />
        <TextInput id="actor" name="actor" label="Bruger (e-mail)" defaultValue={filter.actor ?? ""} width="full" />
        <TextInput id="from" name="from" type="date" label="Fra dato" defaultValue={filter.from ?? ""} width="full" />
        <TextInput id="to" name="to" type="date" label="Til dato" defaultValue={filter.to ?? ""} width="full" />
        <div className="flex items-end gap-4">
          <Button type="submit">Søg</Button>
          <a href={`/admin/revisionsspor/eksport${exportQuery ? `?${exportQuery}` : ""}`} download>
            Hent som xlsx
          </a>
        </div>
      </form>
      <p role="status" className="mb-4">
        {formatNumber(result.total)} hændelser.
      </p>
      <DataTable
        caption="Hændelser i revisionssporet"
        captionHidden
        compact
        rows={result.entries}
        rowKey={(entry) => String(entry.id)}
        emptyText="Ingen hændelser matcher søgningen."
        columns={[
          { key: "at", header: "Tidspunkt", cell: (entry) => formatDateTime(entry.createdAt) },
          { key: "actor", header: "Bruger", cell: (entry) => entry.actorEmail ?? (entry.actorId === null ? "System" : `#${entry.actorId}`) },
          { key: "action", header: "Handling", rowHeader: true, cell: (entry) => entry.action },
          {
            key: "entity",
            header: "Objekt",
            cell: (entry) => (
              <Link href={`/admin/revisionsspor?entity=${encodeURIComponent(entry.entity)}${entry.entityId ? `&entityId=${encodeURIComponent(entry.entityId)}` : ""}`}>
                {entry.entity}
                {entry.entityId ? ` ${entry.entityId}` : ""}
              </Link>
            ),
          },
          { key: "before", header: "Før", cell: (entry) => <code className="text-xs">{summary(entry.before)}</code> },
          { key: "after", header: "Efter", cell: (entry) => <code className="text-xs">{summary(entry.after)}</code> },
        ]}
      />
      <Pagination
        page={filter.page}
        pageCount={result.pageCount}
        hrefFor={(page) => `/admin/revisionsspor?${query(filter, page)}`}
      />
    </>
  );
}
