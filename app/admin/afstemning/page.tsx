import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { PageHeader } from "@/components/PageHeader";
import { ToleranceForm } from "@/components/ReconciliationForms";
import { requirePermission } from "@/lib/auth/guard";
import { formatDateTime, formatMoneyOre } from "@/lib/format";
import { currentTolerance } from "@/lib/reconciliation/queries";
import { toleranceText } from "@/lib/reconciliation/settings";
import { saveTolerance } from "./actions";

export const metadata: Metadata = { title: "Tolerance for afstemning" };

export default async function ToleranceSettingsPage() {
  await requirePermission("reconciliation.manage");
  const tolerance = await currentTolerance();
  const percent = (tolerance.basisPoints / 100).toLocaleString("da-DK", { maximumFractionDigits: 2 });
  return (
    <>
      <p className="mb-4">
        <Link href="/afstemning">Tilbage til afstemningen</Link>
      </p>
      <PageHeader
        title="Tolerance for afstemning"
        lead="En forskel mellem en leverandørs indberettede salg og kundens indkøbsdata tæller som afvigelse, når den er større end både procentsatsen (af kundens indkøbsdata) og beløbet. Små forskelle fra afrunding og periodisering holdes dermed ude af listen, både hos store og små kunder."
      />
      <p className="mb-6">
        Gældende tolerance: <strong>{toleranceText(tolerance.basisPoints, tolerance.ore)}</strong> (ændret {formatDateTime(tolerance.updatedAt)}).
        Ændringen gælder straks for alle afstemte kvartaler og skrives i revisionssporet.
      </p>
      <ToleranceForm action={saveTolerance} percent={percent} kroner={formatMoneyOre(tolerance.ore, { unit: false })} />
    </>
  );
}
