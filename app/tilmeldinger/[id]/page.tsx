import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/Alert";
import { DataTable } from "@/components/DataTable";
import { AccessRequestForm, DecisionForm, RequestDecisionForm, WithdrawForm } from "@/components/EnrolmentForms";
import { PageHeader } from "@/components/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/guard";
import { AUDIT_ACTION_LABELS, ENROLMENT_STATUS_LABELS, REQUEST_STATUS_LABELS } from "@/lib/enrolment/labels";
import { getEnrolment, ROWS_SHOWN } from "@/lib/enrolment/queries";
import { formatDate, formatDateTime, formatNumber } from "@/lib/format";
import { parseId } from "@/lib/parse-id";
import { decideAccessRequestForm, decideEnrolmentForm, requestAccessForm, withdrawEnrolmentForm } from "../actions";

export const metadata: Metadata = { title: "Tilmelding" };
export const dynamic = "force-dynamic";

export default async function EnrolmentPage({ params, searchParams }: PageProps<"/tilmeldinger/[id]">) {
  const user = await requirePermission("enrolment.view");
  const id = parseId((await params).id);
  if (id === null) notFound();
  const result = await getEnrolment(user, id);
  if (result.status === "missing") notFound();
  const { enrolment, auditEntries, names } = result.value;
  const submitted = (await searchParams).indsendt === "1";
  const name = (userId: number | null) => (userId === null ? "Systemet" : (names.get(userId) ?? `Bruger ${userId}`));
  const decides = can(user.role, "enrolment.decide");
  const ownInstitution = user.role === "BUYER" && user.institutionId === enrolment.institutionId;
  const columns = [...new Set(enrolment.rows.flatMap((row) => Object.keys(row.data as Record<string, string>)))];
  const openAccess = enrolment.accessRequests.find((r) => r.status === "OPEN");

  return (
    <>
      <p className="mb-4">
        <Link href="/tilmeldinger">Alle tilmeldinger</Link>
      </p>
      <PageHeader title={`Tilmelding til ${enrolment.agreement.name}`} lead={`${enrolment.institution.name} · aftale-nr. ${enrolment.agreement.reference}`} />

      {submitted ? (
        <Alert variant="success" heading="Tilmeldingen er indsendt" className="mb-6">
          <p>Koncernindkøberen behandler den. I får besked, når den er afgjort.</p>
        </Alert>
      ) : null}
      <Alert
        variant={enrolment.status === "APPROVED" ? "success" : enrolment.status === "REJECTED" ? "warning" : "info"}
        heading={`Status: ${ENROLMENT_STATUS_LABELS[enrolment.status]}`}
        role="none"
        className="mb-8"
      >
        <p>
          {enrolment.status === "PENDING"
            ? "Tilmeldingen afventer koncernindkøberens godkendelse."
            : enrolment.status === "APPROVED"
              ? `Godkendt af ${name(enrolment.decidedById)} den ${formatDate(enrolment.decidedAt!)}. ${enrolment.institution.name} er part på aftalen.`
              : enrolment.status === "REJECTED"
                ? `Afvist af ${name(enrolment.decidedById)} den ${formatDate(enrolment.decidedAt!)}. Begrundelse: ${enrolment.rejectionReason ?? "–"}`
                : `Trukket tilbage den ${enrolment.decidedAt ? formatDate(enrolment.decidedAt) : "–"}.`}
        </p>
      </Alert>

      {decides && enrolment.status === "PENDING" ? (
        <section aria-labelledby="decide" className="mb-10">
          <h2 id="decide">Godkend eller afvis</h2>
          <p className="mt-2 max-w-text">Kontrollér Bilag 7 og Skemaet herunder. Afgørelsen sendes til kunden.</p>
          <div className="mt-4">
            <DecisionForm action={decideEnrolmentForm} enrolmentId={enrolment.id} />
          </div>
        </section>
      ) : null}

      <h2>Bilag 7</h2>
      <dl className="mt-4 grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-semibold">Institution</dt>
        <dd>
          {enrolment.institution.name} ({enrolment.institution.ministry.name})
        </dd>
        <dt className="font-semibold">CVR-nummer</dt>
        <dd>{enrolment.cvr}</dd>
        <dt className="font-semibold">EAN-lokationsnummer</dt>
        <dd>{enrolment.ean}</dd>
        <dt className="font-semibold">Adresse</dt>
        <dd>{enrolment.address}</dd>
        <dt className="font-semibold">Kontaktperson</dt>
        <dd>{enrolment.contactName}</dd>
        <dt className="font-semibold">E-mail</dt>
        <dd>{enrolment.contactEmail}</dd>
        <dt className="font-semibold">Telefon</dt>
        <dd>{enrolment.contactPhone}</dd>
        <dt className="font-semibold">Underskriver</dt>
        <dd>{enrolment.signatoryName}</dd>
        <dt className="font-semibold">Dato</dt>
        <dd>{formatDate(enrolment.signedOn)}</dd>
        <dt className="font-semibold">Forpligtelse</dt>
        <dd>{enrolment.acceptsNoObligation ? "Kunden har bekræftet, at tilmeldingen ikke forpligter til at købe." : "Ikke bekræftet"}</dd>
        <dt className="font-semibold">Indsendt</dt>
        <dd>
          {formatDateTime(enrolment.createdAt)} af {name(enrolment.createdById)}
        </dd>
      </dl>

      <h2 className="mt-10">Skema</h2>
      {enrolment.skemaFile ? (
        <p className="mt-2">
          <a href={`/tilmeldinger/${enrolment.id}/skema`} download>
            Hent den oprindelige fil «{enrolment.skemaFile.fileName}»
          </a>{" "}
          ({formatNumber(Math.ceil(enrolment.skemaFile.size / 1024))} KB, SHA-256 <code className="break-all text-xs">{enrolment.skemaFile.sha256}</code>)
        </p>
      ) : (
        <p className="mt-2">Den oprindelige fil er ikke gemt i portalen (tilmeldingen er modtaget før portalen).</p>
      )}
      {enrolment._count.rows > enrolment.rows.length ? (
        <p className="mt-2">
          Viser de første {formatNumber(ROWS_SHOWN)} af {formatNumber(enrolment._count.rows)} rækker. Alle rækker er i filen.
        </p>
      ) : null}
      <DataTable
        className="mt-4"
        caption={`Skemaets rækker (${formatNumber(enrolment._count.rows)})`}
        compact
        rows={enrolment.rows}
        rowKey={(row) => row.id}
        emptyText="Skemaet har ingen rækker."
        columns={[
          { key: "n", header: "Nr.", numeric: true, cell: (row) => row.rowNumber },
          ...columns.map((column, index) => ({
            key: `c${index}`,
            header: column,
            rowHeader: index === 0,
            cell: (row: (typeof enrolment.rows)[number]) => (row.data as Record<string, string>)[column] ?? "–",
          })),
        ]}
      />

      {ownInstitution && enrolment.status === "PENDING" ? (
        <section aria-labelledby="withdraw" className="mt-10">
          <h2 id="withdraw">Træk tilbage</h2>
          <p className="mt-2 max-w-text">Er tilmeldingen sendt ved en fejl, kan I trække den tilbage, indtil den er afgjort.</p>
          <div className="mt-4">
            <WithdrawForm action={withdrawEnrolmentForm} enrolmentId={enrolment.id} />
          </div>
        </section>
      ) : null}

      {enrolment.status === "APPROVED" || enrolment.accessRequests.length > 0 ? (
        <section aria-labelledby="access" className="mt-10">
          <h2 id="access">Adgang til konkrete køb</h2>
          <p className="mt-2 max-w-text">
            Efter godkendelsen kan kunden anmode om adgang (log-in) til aftalen for at foretage et konkret køb. Koncernindkøberen
            behandler anmodningen.
          </p>
          {ownInstitution && openAccess ? (
            <Alert variant="info" className="mt-4" role="status">
              <p>
                Anmodningen om adgang er sendt til koncernindkøberen den {formatDateTime(openAccess.createdAt)}. I får besked, når den er
                behandlet.
              </p>
            </Alert>
          ) : null}
          {ownInstitution && enrolment.status === "APPROVED" && !openAccess ? (
            <div className="mt-4">
              <AccessRequestForm action={requestAccessForm} enrolmentId={enrolment.id} />
            </div>
          ) : null}
          {decides && openAccess ? (
            <div className="mt-4 max-w-3xl rounded-md border border-border-low p-4">
              <p className="font-semibold">Anmodning fra {name(openAccess.requestedById)}, {formatDateTime(openAccess.createdAt)}</p>
              <p className="mt-2 whitespace-pre-line">{openAccess.purpose}</p>
              <div className="mt-4">
                <RequestDecisionForm action={decideAccessRequestForm} requestId={openAccess.id} idPrefix="access" grantText="Giv adgang" />
              </div>
            </div>
          ) : null}
          <DataTable
            className="mt-4"
            caption="Anmodninger om adgang"
            captionHidden
            rows={enrolment.accessRequests}
            rowKey={(r) => r.id}
            emptyText="Der er ingen anmodninger om adgang endnu."
            columns={[
              { key: "purpose", header: "Køb", rowHeader: true, cell: (r) => r.purpose },
              { key: "created", header: "Anmodet", cell: (r) => `${formatDate(r.createdAt)} af ${name(r.requestedById)}` },
              { key: "status", header: "Status", cell: (r) => REQUEST_STATUS_LABELS[r.status] },
              { key: "handled", header: "Behandlet", cell: (r) => (r.handledAt ? `${formatDate(r.handledAt)} af ${name(r.handledById)}` : "–") },
              { key: "response", header: "Svar", cell: (r) => r.response ?? "–" },
            ]}
          />
        </section>
      ) : null}

      <h2 className="mt-10">Historik</h2>
      <ol className="mt-4 max-w-3xl space-y-4 border-l-2 border-border-low pl-6">
        {enrolment.events.map((event) => (
          <li key={event.id}>
            <p className="font-semibold">
              <time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt)}</time> · {name(event.actorId)}
            </p>
            <p>
              {event.fromStatus && event.fromStatus !== event.toStatus
                ? `${ENROLMENT_STATUS_LABELS[event.fromStatus]} → ${ENROLMENT_STATUS_LABELS[event.toStatus]}`
                : ENROLMENT_STATUS_LABELS[event.toStatus]}
            </p>
            {event.note ? <p className="whitespace-pre-line text-ink-light">{event.note}</p> : null}
          </li>
        ))}
      </ol>

      <h2 className="mt-10">Revisionsspor</h2>
      <DataTable
        className="mt-4"
        caption="Revisionsspor for tilmeldingen"
        captionHidden
        compact
        rows={auditEntries}
        rowKey={(entry) => String(entry.id)}
        emptyText="Der er ingen poster i revisionssporet (tilmeldingen er modtaget før portalen)."
        columns={[
          { key: "when", header: "Tidspunkt", cell: (entry) => formatDateTime(entry.createdAt) },
          { key: "who", header: "Bruger", cell: (entry) => name(entry.actorId) },
          { key: "what", header: "Handling", rowHeader: true, cell: (entry) => AUDIT_ACTION_LABELS[entry.action] ?? entry.action },
        ]}
      />
    </>
  );
}
