import { redirect } from "next/navigation";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";

/** "Min institution": the logged-in user's own institution. */
export default async function OwnInstitutionPage() {
  const user = await requirePermission("institution.view");
  if (user.institutionId !== null) redirect(`/institutioner/${user.institutionId}`);
  return <PageHeader title="Min institution" lead="Din bruger er ikke knyttet til en institution." />;
}
