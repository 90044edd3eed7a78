import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { DataTable } from "@/components/DataTable";
import { EuThresholdPeriodForm } from "@/components/MasterDataForms";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { THRESHOLD_SLOTS, periodLabel } from "@/lib/cascade/eu-threshold";
import { listEuThresholdPeriods } from "@/lib/cascade/eu-threshold-admin";
import { formatMoneyOre } from "@/lib/format";
import { saveEuThresholdPeriodForm } from "../actions";

export const metadata: Metadata = { title: "EU's tærskelværdier – stamdata" };

const PATH = "/admin/stamdata/taerskelvaerdier";

export default async function EuThresholdsPage({ searchParams }: PageProps<"/admin/stamdata/taerskelvaerdier">) {
  await requirePermission("catalogue.manage");
  const { periode } = await searchParams;
  const periods = await listEuThresholdPeriods();
  const editing = typeof periode === "string" ? (periods.find((p) => p.validFrom === periode) ?? null) : null;
  const money = (ore: bigint | null) => (ore === null ? "–" : formatMoneyOre(ore, { wholeKroner: true }));
  return (
    <>
      <PageHeader
        title="EU's tærskelværdier"
        lead="Kaskaden sammenligner et indkøbsbehov, der kræver eget indkøb, med tærskelværdien for institutionens myndighedstype og kategoriens kontrakttype i den periode, behovets dato ligger i. Europa-Kommissionen fastsætter værdierne hvert andet år og offentliggør dem i kroner. Alle ændringer skrives i revisionssporet."
      />
      <DataTable
        caption="Tærskelværdier pr. periode, kroner ekskl. moms"
        rows={periods}
        rowKey={(period) => period.validFrom}
        emptyText="Der er ingen tærskelværdier. Kaskaden siger da, at tærskelværdien ikke kendes."
        columns={[
          { key: "period", header: "Periode", rowHeader: true, cell: (period) => periodLabel(period) },
          ...THRESHOLD_SLOTS.map((slot) => ({
            key: slot.key,
            header: slot.label,
            numeric: true,
            cell: (period: (typeof periods)[number]) => money(period.amounts[slot.key]),
          })),
          {
            key: "edit",
            header: "Ret",
            cell: (period) => (
              <Link href={`${PATH}?periode=${period.validFrom}#form`}>
                Ret<span className="sr-only"> {periodLabel(period)}</span>
              </Link>
            ),
          },
        ]}
      />
      <section aria-labelledby="form" className="mt-10">
        <h2 id="form" className="mb-4">
          {editing ? `Ret tærskelværdierne for ${periodLabel(editing)}` : "Tilføj en periode"}
        </h2>
        {editing ? (
          <p className="mb-4">
            <Link href={PATH}>Tilføj en ny periode i stedet</Link>
          </p>
        ) : null}
        <EuThresholdPeriodForm
          key={editing?.validFrom ?? "new"}
          action={saveEuThresholdPeriodForm}
          slots={THRESHOLD_SLOTS}
          period={
            editing
              ? {
                  validFrom: editing.validFrom,
                  validTo: editing.validTo,
                  amounts: Object.fromEntries(
                    THRESHOLD_SLOTS.map((slot) => [slot.key, editing.amounts[slot.key] === null ? "" : formatMoneyOre(editing.amounts[slot.key]!, { unit: false })]),
                  ),
                }
              : null
          }
        />
      </section>
    </>
  );
}
