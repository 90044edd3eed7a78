import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { Alert } from "@/components/Alert";
import { DataTable } from "@/components/DataTable";
import { RequestDecisionForm } from "@/components/EnrolmentForms";
import { PageHeader } from "@/components/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/guard";
import { ENROLMENT_STATUS_LABELS, REQUEST_STATUS_LABELS } from "@/lib/enrolment/labels";
import { enrolmentOverview } from "@/lib/enrolment/queries";
import { formatDate, formatDateTime, formatNumber } from "@/lib/format";
import { decideJoinRequestForm } from "./actions";

export const metadata: Metadata = { title: "Tilmeldinger" };
export const dynamic = "force-dynamic";

export default async function EnrolmentsPage() {
  const user = await requirePermission("enrolment.view");
  const { pending, decided, joinRequests, accessRequests, institution } = await enrolmentOverview(user);
  const decides = can(user.role, "enrolment.decide");
  const showInstitution = user.role !== "BUYER";
  const openJoins = joinRequests.filter((r) => r.status === "OPEN");
  const closedJoins = joinRequests.filter((r) => r.status !== "OPEN");
  const openAccess = accessRequests.filter((r) => r.status === "OPEN");

  const enrolmentColumns = (withDecision: boolean) => [
    {
      key: "agreement",
      header: "Aftale",
      rowHeader: true,
      cell: (e: (typeof pending)[number]) => <Link href={`/tilmeldinger/${e.id}`}>{`${e.agreement.name} (${e.agreement.reference})`}</Link>,
    },
    ...(showInstitution ? [{ key: "institution", header: "Institution", cell: (e: (typeof pending)[number]) => e.institution.name }] : []),
    { key: "rows", header: "Rækker i Skema", numeric: true, cell: (e: (typeof pending)[number]) => formatNumber(e._count.rows) },
    { key: "created", header: "Indsendt", cell: (e: (typeof pending)[number]) => formatDate(e.createdAt) },
    ...(withDecision
      ? [
          { key: "status", header: "Status", cell: (e: (typeof pending)[number]) => ENROLMENT_STATUS_LABELS[e.status] },
          { key: "decided", header: "Afgjort", cell: (e: (typeof pending)[number]) => (e.decidedAt ? formatDate(e.decidedAt) : "–") },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="Tilmeldinger"
        lead={
          decides
            ? `Frivillige kunders tilmeldinger og anmodninger i ${user.ministryName ?? "dit ministerområde"}. Åbn en tilmelding for at se Bilag 7, Skemaet og den oprindelige fil og for at godkende eller afvise.`
            : user.role === "ADMIN"
              ? "Alle frivillige kunders tilmeldinger og anmodninger. Koncernindkøberne behandler dem."
              : `${user.institutionName ?? "Jeres institution"}s tilmeldinger til aftaler og anmodninger til koncernindkøberen.`
        }
      />
      {institution?.customerType === "OBLIGATED" ? (
        <Alert variant="info" className="mb-8">
          <p>
            {institution.name} er forpligtet kunde og er part på Statens Indkøbsprograms aftaler uden tilmelding. Tilmelding gælder
            kun frivillige kunder.
          </p>
        </Alert>
      ) : null}

      <h2>{decides ? "Tilmeldinger til behandling" : "Afventer godkendelse"}</h2>
      <DataTable
        className="mt-4"
        caption={decides ? "Tilmeldinger til behandling, ældste først" : "Tilmeldinger, der afventer godkendelse"}
        captionHidden
        rows={pending}
        rowKey={(e) => e.id}
        emptyText="Der er ingen tilmeldinger, der afventer godkendelse."
        columns={enrolmentColumns(false)}
      />

      <h2 className="mt-10">Anmodninger om at blive part i næste fase</h2>
      {decides && openJoins.length > 0 ? (
        <ul className="mt-4 space-y-6">
          {openJoins.map((request) => (
            <li key={request.id} className="max-w-3xl rounded-md border border-border-low p-4">
              <p className="font-semibold">
                {request.institution.name}: {request.phase.name}
                {request.phase.closed ? " (afsluttet)" : ""}
              </p>
              <p className="text-ink-light">
                Anmodet {formatDateTime(request.createdAt)}
                {request.agreement ? ` fra aftalen ${request.agreement.name} (${request.agreement.reference})` : ""}
              </p>
              {request.message ? <p className="mt-2 whitespace-pre-line">{request.message}</p> : null}
              <div className="mt-4">
                <RequestDecisionForm action={decideJoinRequestForm} requestId={request.id} idPrefix="join" grantText="Imødekom: gør institutionen til part" />
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <DataTable
        className="mt-4"
        caption="Anmodninger om at blive part i næste fase"
        captionHidden
        rows={decides ? closedJoins : joinRequests}
        rowKey={(r) => r.id}
        emptyText={decides ? "Der er ingen behandlede anmodninger." : "Der er ingen anmodninger."}
        columns={[
          { key: "phase", header: "Fase", rowHeader: true, cell: (r) => r.phase.name },
          ...(showInstitution ? [{ key: "institution", header: "Institution", cell: (r: (typeof joinRequests)[number]) => r.institution.name }] : []),
          { key: "created", header: "Anmodet", cell: (r) => formatDate(r.createdAt) },
          { key: "status", header: "Status", cell: (r) => REQUEST_STATUS_LABELS[r.status] },
          { key: "response", header: "Svar", cell: (r) => r.response ?? "–" },
        ]}
      />

      <h2 className="mt-10">Anmodninger om adgang til konkrete køb</h2>
      {decides && openAccess.length > 0 ? (
        <p className="mt-2">
          {openAccess.length === 1 ? "1 anmodning venter" : `${openAccess.length} anmodninger venter`} på svar. Åbn tilmeldingen for at svare.
        </p>
      ) : null}
      <DataTable
        className="mt-4"
        caption="Anmodninger om adgang til konkrete køb"
        captionHidden
        rows={accessRequests}
        rowKey={(r) => r.id}
        emptyText="Der er ingen anmodninger om adgang."
        columns={[
          {
            key: "agreement",
            header: "Aftale",
            rowHeader: true,
            cell: (r) => (r.enrolmentId ? <Link href={`/tilmeldinger/${r.enrolmentId}`}>{r.agreement.name}</Link> : r.agreement.name),
          },
          ...(showInstitution ? [{ key: "institution", header: "Institution", cell: (r: (typeof accessRequests)[number]) => r.institution.name }] : []),
          { key: "purpose", header: "Køb", cell: (r) => r.purpose },
          { key: "created", header: "Anmodet", cell: (r) => formatDate(r.createdAt) },
          { key: "status", header: "Status", cell: (r) => REQUEST_STATUS_LABELS[r.status] },
        ]}
      />

      <h2 className="mt-10">Afgjorte tilmeldinger</h2>
      <DataTable
        className="mt-4"
        caption="Afgjorte tilmeldinger, nyeste først"
        captionHidden
        rows={decided}
        rowKey={(e) => e.id}
        emptyText="Der er ingen afgjorte tilmeldinger."
        columns={enrolmentColumns(true)}
      />
    </>
  );
}
