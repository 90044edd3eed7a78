import type { Metadata } from "next";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { DeadlineForm, DeleteDeadlineForm } from "@/components/PurchaseDataForms";
import { RemoveReopeningForm, ReopenForm } from "@/components/SalesReportForms";
import { requirePermission } from "@/lib/auth/guard";
import { prisma } from "@/lib/db/client";
import { danishDay } from "@/lib/purchase-data/import";
import { copenhagenToday, quarterLabel, recentQuarters, shiftQuarter } from "@/lib/purchase-data/quarter";
import { listReopenings, listSupplierDeadlines } from "@/lib/sales-report/admin";
import { removeSupplierDeadline, removeSupplierReopening, reopenSupplierQuarter, saveSupplierDeadline } from "./actions";

export const metadata: Metadata = { title: "Leverandørernes frister" };

export default async function SupplierDeadlinesPage() {
  await requirePermission("supplierDeadlines.manage");
  const today = copenhagenToday();
  const [deadlines, reopenings, suppliers] = await Promise.all([
    listSupplierDeadlines(),
    listReopenings(),
    prisma.supplier.findMany({ orderBy: { sortKey: "asc" }, select: { id: true, name: true, cvr: true } }),
  ]);
  const [current] = recentQuarters(today, 1);
  const quarters = [shiftQuarter(current!, 1), ...recentQuarters(today, 8)].map((q) => ({ value: q.code, label: quarterLabel(q) }));
  return (
    <>
      <PageHeader
        title="Leverandørernes frister"
        lead="Fristen for leverandørernes omsætningsindberetning pr. kvartal. Uden en fastsat frist gælder den sidste dag i måneden efter kvartalet. Efter fristen afvises en indberetning med en besked, der nævner fristen, medmindre kvartalet er genåbnet for leverandøren."
      />
      <section aria-labelledby="set" className="mb-10">
        <h2 id="set" className="mb-4">
          Fastsæt eller flyt en frist
        </h2>
        <DeadlineForm action={saveSupplierDeadline} quarters={quarters} hint="Sidste dag for leverandørernes omsætningsindberetning. Skal ligge efter kvartalets sidste dag." />
      </section>
      <DataTable
        className="mb-10"
        caption="Fastsatte frister"
        compact
        rows={deadlines}
        rowKey={(d) => d.quarter}
        emptyText="Der er ingen fastsatte frister; standardfristen gælder."
        columns={[
          { key: "quarter", header: "Kvartal", rowHeader: true, cell: (d) => quarterLabel(d.quarter) },
          { key: "deadline", header: "Frist", cell: (d) => danishDay(d.deadline) },
          { key: "delete", header: "Slet", cell: (d) => <DeleteDeadlineForm action={removeSupplierDeadline} quarter={d.quarter} /> },
        ]}
      />
      <section aria-labelledby="reopen" className="mb-10">
        <h2 id="reopen" className="mb-4">
          Genåbn et kvartal for en leverandør
        </h2>
        <ReopenForm action={reopenSupplierQuarter} quarters={quarters} suppliers={suppliers.map((s) => ({ value: String(s.id), label: `${s.name} (${s.cvr})` }))} />
      </section>
      <DataTable
        caption="Genåbninger"
        compact
        rows={reopenings}
        rowKey={(r) => r.id}
        emptyText="Ingen kvartaler er genåbnet."
        columns={[
          { key: "supplier", header: "Leverandør", rowHeader: true, cell: (r) => r.supplierName },
          { key: "quarter", header: "Kvartal", cell: (r) => quarterLabel(r.quarter) },
          { key: "until", header: "Åben til og med", cell: (r) => danishDay(r.until) },
          { key: "reason", header: "Begrundelse", cell: (r) => r.reason || "–" },
          { key: "by", header: "Genåbnet af", cell: (r) => r.reopenedBy },
          { key: "delete", header: "Slet", cell: (r) => <RemoveReopeningForm action={removeSupplierReopening} reopeningId={r.id} /> },
        ]}
      />
    </>
  );
}
