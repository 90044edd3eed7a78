import type { Metadata } from "next";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { ComplianceNav } from "@/components/compliance/ComplianceNav";
import { RecomputeForm, SendReportsForm } from "@/components/compliance/ComplianceAdminForms";
import { ministryNav } from "@/components/compliance/ministryNav";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { quarterName } from "@/lib/compliance/figures";
import { complianceData } from "@/lib/compliance/queries";
import { listReports } from "@/lib/compliance/report";
import { formatDateTime, formatNumber, formatPercentOf } from "@/lib/format";
import { recompute, sendReports } from "./actions";

export const metadata: Metadata = { title: "Compliancerapporter" };

export default async function ReportsPage() {
  const user = await requirePermission("compliance.view");
  const [reports, data] = await Promise.all([listReports(user), complianceData()]);
  const manage = can(user.role, "compliance.manage");
  const quarters = [...data.quarters].reverse().map((q) => ({ value: q, label: quarterName(q) }));
  const latest = data.quarters.at(-1) ?? null;
  return (
    <>
      <PageHeader
        title="Compliancerapporter"
        lead={
          manage
            ? "Udarbejd kvartalets compliancerapport for alle ministerier på én gang og send hver rapport til ministeriets analytikere og koncernindkøber: som besked i portalen og som e-mail, når portalen kan sende e-mail."
            : "De compliancerapporter, Statens Indkøb har sendt til ministerområdet."
        }
      />
      {manage ? (
        <ComplianceNav
          items={[
            { href: "/compliance", label: "Ministerierne" },
            { href: "/compliance/udbud", label: "Udbudsforberedelse" },
            { href: "/compliance/rapporter", label: "Rapporter", current: true },
          ]}
        />
      ) : user.ministryId !== null ? (
        <ComplianceNav items={ministryNav(user.ministryId, null, "rapporter")} />
      ) : null}
      {manage && latest ? (
        <section className="mb-10 space-y-8">
          <div>
            <h2 className="mb-4">Udsend kvartalets rapporter</h2>
            <SendReportsForm action={sendReports} quarters={quarters} defaultQuarter={latest} />
          </div>
          <div>
            <h2 className="mb-2">Genberegn tallene</h2>
            <p className="mb-4 max-w-text">
              Tallene opdateres, når data indsendes, og genberegnes af sig selv, næste gang de vises efter en ændring af aftaler,
              leverandører eller medlemskaber. Her kan de genberegnes med det samme.
            </p>
            <RecomputeForm action={recompute} quarters={quarters} />
          </div>
        </section>
      ) : null}
      <h2 className="mb-4">Udsendte rapporter</h2>
      <DataTable
        caption="Udsendte rapporter"
        captionHidden
        compact
        rows={reports}
        rowKey={(r) => r.id}
        emptyText="Der er ikke udsendt rapporter endnu."
        columns={[
          { key: "quarter", header: "Kvartal", cell: (r) => quarterName(r.quarter) },
          {
            key: "ministry",
            header: "Ministerium",
            rowHeader: true,
            cell: (r) => (
              <a href={`/compliance/rapporter/${r.id}`} download>
                {r.ministryName}
                <span className="sr-only"> – hent rapporten (xlsx)</span>
              </a>
            ),
          },
          { key: "compliance", header: "Compliance", numeric: true, cell: (r) => formatPercentOf(r.numeratorOre, r.denominatorOre) },
          { key: "ecommerce", header: "E-handel", numeric: true, cell: (r) => formatPercentOf(r.ecommerceOre, r.totalOre) },
          { key: "recipients", header: "Modtagere", numeric: true, cell: (r) => formatNumber(r.recipients) },
          { key: "at", header: "Udsendt", cell: (r) => formatDateTime(r.createdAt) },
        ]}
      />
    </>
  );
}
