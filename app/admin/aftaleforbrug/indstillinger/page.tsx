import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { CeilingThresholdsForm } from "@/components/CeilingThresholdsForm";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { readThresholds } from "@/lib/ceilings/figures";
import { prisma } from "@/lib/db/client";
import { saveThresholds } from "./actions";

export const metadata: Metadata = { title: "Tærskler for advarsler om maksimal værdi" };

export default async function CeilingSettingsPage() {
  await requirePermission("ceilings.manage");
  const thresholds = await readThresholds(prisma);
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/aftaleforbrug">Tilbage til oversigten</Link>
      </p>
      <PageHeader
        title="Tærskler for advarsler om maksimal værdi"
        lead="Når forbruget på en aftale når en tærskel, får Statens Indkøb en besked, og aftalens side og søgeresultater viser en advarsel. Hver tærskel advarer én gang pr. aftale."
      />
      <CeilingThresholdsForm action={saveThresholds} firstPercent={thresholds.firstPercent} secondPercent={thresholds.secondPercent} />
    </>
  );
}
