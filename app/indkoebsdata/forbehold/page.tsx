import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { ReservationForm, WithdrawReservationForm } from "@/components/PurchaseDataForms";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { formatDateShort } from "@/lib/format";
import { listDeadlines } from "@/lib/purchase-data/deadlines";
import { danishDay } from "@/lib/purchase-data/import";
import { copenhagenToday, quarterLabel, recentQuarters } from "@/lib/purchase-data/quarter";
import { listReservations } from "@/lib/purchase-data/reservations";
import { addReservation, retractReservation } from "./actions";

export const metadata: Metadata = { title: "Forbehold over for SKS-data" };

export default async function ReservationsPage() {
  const user = await requirePermission("purchaseData.status");
  const today = copenhagenToday();
  const mayCreate = can(user.role, "reservations.create");
  const [reservations, deadlines] = await Promise.all([listReservations(user), listDeadlines()]);
  const deadlineOf = new Map(deadlines.map((d) => [d.quarter, d.deadline]));
  const open = (quarter: string) => !deadlineOf.get(quarter) || today <= deadlineOf.get(quarter)!;
  const quarters = recentQuarters(today, 6)
    .filter((q) => open(q.code))
    .map((q) => {
      const deadline = deadlineOf.get(q.code);
      return { value: q.code, label: `${quarterLabel(q)}${deadline ? ` (frist ${danishDay(deadline)})` : ""}` };
    });
  return (
    <>
      <p className="mb-4">
        <Link href="/indkoebsdata">Tilbage til indkøbsdata</Link>
      </p>
      <PageHeader
        title="Forbehold over for SKS-data"
        lead="Data fra SKS tæller som godkendt, når kvartalets regnskab er godkendt, medmindre ministeriet tager forbehold. Forbehold skal tages inden kvartalets frist og vises sammen med kvartalets compliance."
      />
      {mayCreate ? (
        <section aria-labelledby="new" className="mb-10">
          <h2 id="new" className="mb-4">
            Tag forbehold for {user.ministryName ?? "ministerområdet"}
          </h2>
          {quarters.length ? (
            <ReservationForm action={addReservation} quarters={quarters} />
          ) : (
            <p>Fristen er udløbet for alle de seneste kvartaler.</p>
          )}
        </section>
      ) : null}
      <h2>{user.role === "ADMIN" ? "Ministeriernes forbehold" : "Ministerområdets forbehold"}</h2>
      <DataTable
        className="mt-4"
        caption={user.role === "ADMIN" ? "Ministeriernes forbehold" : "Ministerområdets forbehold"}
        captionHidden
        compact
        rows={reservations}
        rowKey={(r) => r.id}
        emptyText="Der er ingen forbehold."
        columns={[
          { key: "quarter", header: "Kvartal", rowHeader: true, cell: (r) => quarterLabel(r.quarter) },
          ...(user.role === "ADMIN" ? [{ key: "ministry", header: "Ministerium", cell: (r: (typeof reservations)[number]) => r.ministryName }] : []),
          { key: "text", header: "Forbehold", cell: (r) => r.text },
          { key: "by", header: "Taget af", cell: (r) => `${r.createdByName}, ${formatDateShort(r.createdAt)}` },
          {
            key: "state",
            header: "Status",
            cell: (r) =>
              r.withdrawnAt ? (
                `Trukket tilbage ${formatDateShort(r.withdrawnAt)}`
              ) : mayCreate && open(r.quarter) ? (
                <WithdrawReservationForm action={retractReservation} reservationId={r.id} />
              ) : (
                "Gældende"
              ),
          },
        ]}
      />
    </>
  );
}
