import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { PhaseForm } from "@/components/MasterDataForms";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { getPhaseForAdmin } from "@/lib/catalogue/admin";
import { isoDay } from "@/lib/catalogue/admin-schemas";
import { parseId } from "@/lib/parse-id";
import { savePhaseForm } from "../../actions";

export const metadata: Metadata = { title: "Fase – stamdata" };

/** Creates a phase at /ny, edits one at /<id>. */
export default async function PhaseAdminPage({ params }: PageProps<"/admin/stamdata/faser/[id]">) {
  await requirePermission("catalogue.manage");
  const segment = (await params).id;
  const id = segment === "ny" ? null : parseId(segment);
  if (segment !== "ny" && id === null) notFound();
  const phase = id ? await getPhaseForAdmin(id) : null;
  if (id && !phase) notFound();
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/stamdata/faser">Tilbage til faserne</Link>
      </p>
      <PageHeader
        title={phase ? phase.name : "Opret fase"}
        lead={phase?.closed ? "Udbudsrunden er afsluttet: ingen kan blive part på den, og den kan ikke genåbnes." : undefined}
      />
      <PhaseForm action={savePhaseForm} phase={phase ? { ...phase, effectiveDate: isoDay(phase.effectiveDate) } : null} />
    </>
  );
}
