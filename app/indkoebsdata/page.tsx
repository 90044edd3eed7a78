import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { formatDateShort, formatMoneyOre, formatNumber } from "@/lib/format";
import { upcomingDeadlines } from "@/lib/purchase-data/deadlines";
import { danishDay } from "@/lib/purchase-data/import";
import { SUBMISSION_FORMAT_LABELS, SUBMISSION_STATUS_LABELS } from "@/lib/purchase-data/labels";
import { copenhagenToday, quarterLabel } from "@/lib/purchase-data/quarter";
import { recentSubmissions } from "@/lib/purchase-data/status";

export const metadata: Metadata = { title: "Indkøbsdata" };

export default async function PurchaseDataPage() {
  const user = await requirePermission("purchaseData.view");
  const today = copenhagenToday();
  const [upcoming, submissions] = await Promise.all([upcomingDeadlines(today), recentSubmissions(user)]);
  const links = [
    can(user.role, "purchaseData.submit") && {
      href: "/indkoebsdata/indsend",
      title: "Indsend kvartalets data",
      text: user.role === "GROUP_BUYER" ? "For en eller flere institutioner i ministerområdet." : "For din institution.",
    },
    can(user.role, "purchaseData.status") && {
      href: "/indkoebsdata/status",
      title: user.role === "ADMIN" ? "Status for ministerierne" : "Status for ministerområdet",
      text: "Hvem har leveret hvilke kvartaler, og hvad mangler.",
    },
    can(user.role, "purchaseData.status") && {
      href: "/indkoebsdata/forbehold",
      title: "Forbehold",
      text: can(user.role, "reservations.create") ? "Tag forbehold over for et kvartals SKS-data." : "Ministeriernes forbehold over for SKS-data.",
    },
    can(user.role, "deadlines.manage") && { href: "/admin/frister", title: "Frister", text: "Fastsæt fristen for hvert kvartal." },
  ].filter((link): link is { href: string; title: string; text: string } => Boolean(link));
  return (
    <>
      <PageHeader
        title="Indkøbsdata"
        lead="Statens Indkøb skal kvartalsvist have indkøbsdata fra de statslige institutioner. Institutioner, der leverer løbende via SKS, skal ikke godkende hvert kvartal; de øvrige indsender manuelt inden kvartalets frist."
      />
      <ul className="mb-10 grid max-w-4xl gap-4 sm:grid-cols-2">
        {links.map((link) => (
          <li key={link.href} className="rounded-md border border-border-low p-4">
            <Link href={link.href} className="font-semibold">
              {link.title}
            </Link>
            <p className="mt-1 text-ink-light">{link.text}</p>
          </li>
        ))}
        <li className="rounded-md border border-border-low p-4">
          <a href="/indkoebsdata/skabelon" download className="font-semibold">
            Hent skabelonen (xlsx)
          </a>
          <p className="mt-1 text-ink-light">Beskriver hver kolonne i styrelsens format og portalens linjeformat.</p>
        </li>
      </ul>

      <h2>Næste frister</h2>
      {upcoming.length ? (
        <ul className="mt-2 mb-10 list-disc pl-6">
          {upcoming.map((d) => (
            <li key={d.quarter}>
              {quarterLabel(d.quarter)}: <time dateTime={d.deadline}>{danishDay(d.deadline)}</time>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 mb-10">Der er ikke fastsat flere frister.</p>
      )}

      <h2>Seneste indsendelser</h2>
      <DataTable
        className="mt-4"
        caption="Seneste indsendelser af indkøbsdata"
        captionHidden
        compact
        rows={submissions}
        rowKey={(s) => s.id}
        emptyText="Der er ingen indsendelser endnu."
        columns={[
          { key: "institution", header: "Institution", rowHeader: true, cell: (s) => s.institution.name },
          { key: "quarter", header: "Kvartal", cell: (s) => quarterLabel(s.quarter) },
          { key: "format", header: "Kanal", cell: (s) => SUBMISSION_FORMAT_LABELS[s.format] },
          { key: "lines", header: "Linjer", numeric: true, cell: (s) => formatNumber(s.lineCount) },
          { key: "total", header: "Beløb uden moms", numeric: true, cell: (s) => formatMoneyOre(s.totalOre) },
          { key: "at", header: "Modtaget", cell: (s) => formatDateShort(s.createdAt) },
          { key: "by", header: "Indsendt af", cell: (s) => s.submittedByName ?? (s.format === "SKS_FEED" ? "SKS" : "–") },
          { key: "status", header: "Status", cell: (s) => SUBMISSION_STATUS_LABELS[s.status] },
        ]}
      />
    </>
  );
}
