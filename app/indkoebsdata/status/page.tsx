import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { Button } from "@/components/Button";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { Select } from "@/components/Select";
import { requirePermission } from "@/lib/auth/guard";
import { formatDateShort, formatNumber } from "@/lib/format";
import { danishDay } from "@/lib/purchase-data/import";
import { CELL_STATE_LABELS } from "@/lib/purchase-data/labels";
import { copenhagenToday, quarterLabel } from "@/lib/purchase-data/quarter";
import { ministryStatus, type StatusCell } from "@/lib/purchase-data/status";
import { listMinistries } from "@/lib/organisation/queries";
import { parseId } from "@/lib/parse-id";

export const metadata: Metadata = { title: "Status for indkøbsdata" };

function Cell({ cell, deadline }: { cell: StatusCell; deadline: string | null }) {
  const tone =
    cell.state === "submitted" || cell.state === "sks" ? "text-success" : cell.state === "overdue" ? "font-semibold text-error" : "text-ink";
  return (
    <span className={tone}>
      {CELL_STATE_LABELS[cell.state]}
      {cell.lastAt ? (
        <span className="block text-ink-light">
          {formatDateShort(cell.lastAt)} · {formatNumber(cell.lineCount)} linjer
        </span>
      ) : cell.state === "missing" && deadline ? (
        <span className="block text-ink-light">frist {danishDay(deadline)}</span>
      ) : null}
    </span>
  );
}

export default async function PurchaseDataStatusPage({ searchParams }: PageProps<"/indkoebsdata/status">) {
  const user = await requirePermission("purchaseData.status");
  const today = copenhagenToday();
  const ministries = user.role === "ADMIN" ? await listMinistries(user) : [];
  const requested = (await searchParams).ministerium;
  const ministryId = user.role === "ADMIN" ? (parseId(typeof requested === "string" ? requested : "") ?? ministries[0]?.id ?? null) : user.ministryId;
  if (ministryId === null) notFound();
  const result = await ministryStatus(user, ministryId, today);
  if (result.status === "missing") notFound();
  const status = result.value;
  return (
    <>
      <p className="mb-4">
        <Link href="/indkoebsdata">Tilbage til indkøbsdata</Link>
      </p>
      <PageHeader
        title={`Indkøbsdata: ${status.ministry.name}`}
        lead="De forpligtede institutioners levering de seneste fire kvartaler. Institutioner, der leverer via SKS, skal ikke godkende hvert kvartal; deres data tæller som leveret, medmindre ministeriet tager forbehold."
      />
      {user.role === "ADMIN" ? (
        <form method="get" className="mb-8 flex flex-wrap items-end gap-3">
          <Select
            id="ministerium"
            name="ministerium"
            label="Ministerium"
            defaultValue={String(status.ministry.id)}
            options={ministries.map((m) => ({ value: String(m.id), label: m.name }))}
          />
          <Button type="submit" variant="secondary">
            Vis
          </Button>
        </form>
      ) : null}
      <DataTable
        caption={`Levering af indkøbsdata i ${status.ministry.name}s område`}
        captionHidden
        compact
        rows={status.institutions}
        rowKey={(i) => i.id}
        emptyText="Ministerområdet har ingen forpligtede institutioner."
        columns={[
          {
            key: "institution",
            header: "Institution",
            rowHeader: true,
            cell: (i) => (
              <>
                {i.name}
                <span className="block font-normal text-ink-light">{i.dataChannel === "SKS" ? "Løbende via SKS" : "Manuel indsendelse"}</span>
              </>
            ),
          },
          ...status.quarters.map((q) => ({
            key: q.code,
            header: (
              <>
                {quarterLabel(q.code)}
                <span className="block font-normal text-ink-light">{q.deadline ? `Frist ${danishDay(q.deadline)}` : "Ingen frist"}</span>
              </>
            ),
            cell: (i: (typeof status.institutions)[number]) => <Cell cell={i.cells[q.code]!} deadline={q.deadline} />,
          })),
        ]}
      />
      <div className="mt-10 grid gap-10 lg:grid-cols-2">
        <section aria-labelledby="deadlines">
          <h2 id="deadlines">Næste frister</h2>
          {status.upcoming.length ? (
            <ul className="mt-2 list-disc pl-6">
              {status.upcoming.map((d) => (
                <li key={d.quarter}>
                  {quarterLabel(d.quarter)}: <time dateTime={d.deadline}>{danishDay(d.deadline)}</time>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2">Der er ikke fastsat flere frister.</p>
          )}
        </section>
        <section aria-labelledby="reservations">
          <h2 id="reservations">Forbehold over for SKS-data</h2>
          {status.quarters.some((q) => status.reservations.get(q.code)?.length) ? (
            <ul className="mt-2 space-y-3">
              {status.quarters.flatMap((q) =>
                (status.reservations.get(q.code) ?? []).map((r) => (
                  <li key={r.id} className="border-l-4 border-warning pl-3">
                    <p className="font-semibold">{quarterLabel(q.code)}</p>
                    <p>{r.text}</p>
                    <p className="text-ink-light">
                      {r.createdByName}, {formatDateShort(r.createdAt)}
                    </p>
                  </li>
                )),
              )}
            </ul>
          ) : (
            <p className="mt-2">Ministeriet har ingen forbehold for kvartalerne.</p>
          )}
        </section>
      </div>
    </>
  );
}
