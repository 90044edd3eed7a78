import type { Metadata } from "next";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { DeadlineForm, DeleteDeadlineForm } from "@/components/PurchaseDataForms";
import { requirePermission } from "@/lib/auth/guard";
import { listDeadlines } from "@/lib/purchase-data/deadlines";
import { danishDay } from "@/lib/purchase-data/import";
import { copenhagenToday, quarterLabel, recentQuarters, shiftQuarter } from "@/lib/purchase-data/quarter";
import { removeDeadline, saveDeadline } from "./actions";

export const metadata: Metadata = { title: "Frister for indkøbsdata" };

export default async function DeadlinesPage() {
  await requirePermission("deadlines.manage");
  const today = copenhagenToday();
  const deadlines = await listDeadlines();
  const [current] = recentQuarters(today, 1);
  const quarters = [shiftQuarter(current!, 1), ...recentQuarters(today, 8)].map((q) => ({ value: q.code, label: quarterLabel(q) }));
  return (
    <>
      <PageHeader
        title="Frister for indkøbsdata"
        lead="Fristen er sidste dag for manuel indsendelse af et kvartals data og for ministeriernes forbehold over for kvartalets SKS-data. Dagen efter afvises begge med en besked, der nævner fristen."
      />
      <section aria-labelledby="set" className="mb-10">
        <h2 id="set" className="mb-4">
          Fastsæt eller flyt en frist
        </h2>
        <DeadlineForm action={saveDeadline} quarters={quarters} />
      </section>
      <h2>Fastsatte frister</h2>
      <DataTable
        className="mt-4"
        caption="Fastsatte frister"
        captionHidden
        compact
        rows={deadlines}
        rowKey={(d) => d.quarter}
        emptyText="Der er ingen frister."
        columns={[
          { key: "quarter", header: "Kvartal", rowHeader: true, cell: (d) => quarterLabel(d.quarter) },
          { key: "deadline", header: "Frist", cell: (d) => <time dateTime={d.deadline}>{danishDay(d.deadline)}</time> },
          { key: "state", header: "", cell: (d) => (today > d.deadline ? "Udløbet" : "Åben") },
          { key: "delete", header: "Slet", cell: (d) => <DeleteDeadlineForm action={removeDeadline} quarter={d.quarter} /> },
        ]}
      />
    </>
  );
}
