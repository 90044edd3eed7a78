import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { listMinistries } from "@/lib/organisation/queries";
import { formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Ministerier" };

export default async function MinistriesPage() {
  const user = await requirePermission("ministry.view");
  const ministries = await listMinistries(user);
  // Group buyers and analysts have one ministry area: go straight to it.
  if (user.role !== "ADMIN" && ministries.length === 1) redirect(`/ministerier/${ministries[0]!.id}`);
  return (
    <>
      <PageHeader title="Ministerier" lead="Ministerområderne og deres institutioner." />
      <ul className="space-y-2">
        {ministries.map((ministry) => (
          <li key={ministry.id}>
            <Link href={`/ministerier/${ministry.id}`}>{ministry.name}</Link> ({formatNumber(ministry._count.institutions)} institutioner)
          </li>
        ))}
      </ul>
    </>
  );
}
