import type { Metadata } from "next";
import { DataTable } from "@/components/DataTable";
import { RetryMessageForm, RunJobForm } from "@/components/JobForms";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { formatDateTime } from "@/lib/format";
import { jobsOverview } from "@/lib/jobs/admin";
import { retryMessage, runJob } from "./actions";

export const metadata: Metadata = { title: "Kørsler" };

const RUNNER_TEXT = {
  queue: "Kørslerne styres af jobkøen i PostgreSQL: hver planlagt kørsel udføres én gang, uanset hvor mange portalprocesser der kører.",
  "in-process": "Den indbyggede database: kørslerne udføres af portalprocessen selv efter samme plan.",
  off: "Kørslerne er slået fra i denne proces (JOB_RUNNER=off). Du kan stadig køre dem her.",
} as const;

const TRIGGER_TEXT: Record<string, string> = { schedule: "planlagt", manual: "kørt manuelt", retry: "genforsøg" };

function runState(ok: boolean | null): string {
  return ok === null ? "Kører" : ok ? "OK" : "Fejlet";
}

export default async function JobsPage() {
  await requirePermission("jobs.manage");
  const overview = await jobsOverview();
  return (
    <>
      <PageHeader title="Kørsler" lead={`Påmindelser, varsler og udsendelse af e-mails, som portalen kører af sig selv. ${RUNNER_TEXT[overview.runner]} Tider er i dansk tid; planen er angivet i UTC.`} />
      <DataTable
        caption="Kørsler"
        captionHidden
        compact
        rows={overview.jobs}
        rowKey={(job) => job.name}
        columns={[
          { key: "title", header: "Kørsel", rowHeader: true, cell: (job) => <>{job.title}<span className="block text-xs text-gray-600">{job.name} · {job.schedule}</span></> },
          {
            key: "last",
            header: "Seneste kørsel",
            cell: (job) =>
              job.lastRun ? (
                <>
                  {formatDateTime(job.lastRun.startedAt)}: <strong>{runState(job.lastRun.ok)}</strong> ({TRIGGER_TEXT[job.lastRun.trigger] ?? job.lastRun.trigger})
                  {job.lastRun.summary ? <span className="block text-xs">{job.lastRun.summary}</span> : null}
                </>
              ) : (
                "Ikke kørt endnu"
              ),
          },
          {
            key: "failure",
            header: "Seneste fejl",
            cell: (job) =>
              job.lastFailure ? (
                <>
                  {formatDateTime(job.lastFailure.startedAt)}
                  <span className="block text-xs text-error">{job.lastFailure.error}</span>
                  {job.queueFailed > 0 ? <span className="block text-xs">{job.queueFailed} opgivet i køen</span> : null}
                </>
              ) : (
                "Ingen"
              ),
          },
          { key: "next", header: "Næste kørsel", cell: (job) => (job.nextRun ? formatDateTime(job.nextRun) : "Ikke planlagt") },
          { key: "run", header: "Kør nu", cell: (job) => <RunJobForm action={runJob} job={job.name} title={job.title} /> },
        ]}
      />

      <h2 className="mt-10">E-mails, der ikke kunne sendes</h2>
      <p className="mt-2 max-w-3xl">
        En e-mail, som SMTP-serveren har afvist eller ikke kunnet modtage ved alle forsøg (med stigende pause mellem forsøgene), står her. Beskeden er stadig at
        læse i modtagerens beskeder i portalen.
      </p>
      <DataTable
        className="mt-4"
        caption="E-mails, der ikke kunne sendes"
        captionHidden
        compact
        rows={overview.failedMessages}
        rowKey={(message) => String(message.id)}
        emptyText="Ingen e-mails er opgivet."
        columns={[
          { key: "subject", header: "Emne", rowHeader: true, cell: (m) => m.subject },
          { key: "to", header: "Til", cell: (m) => m.toEmail },
          { key: "failed", header: "Opgivet", cell: (m) => (m.failedAt ? formatDateTime(m.failedAt) : "") },
          { key: "error", header: "Fejl", cell: (m) => `${m.sendError ?? ""} (${m.attempts} forsøg)` },
          { key: "retry", header: "Send igen", cell: (m) => <RetryMessageForm action={retryMessage} messageId={m.id} /> },
        ]}
      />

      <h2 className="mt-10">Seneste kørsler</h2>
      <DataTable
        className="mt-4"
        caption="Seneste kørsler"
        captionHidden
        compact
        rows={overview.recent}
        rowKey={(run) => String(run.id)}
        emptyText="Ingen kørsler endnu."
        columns={[
          { key: "job", header: "Kørsel", rowHeader: true, cell: (run) => run.job },
          { key: "started", header: "Startet", cell: (run) => formatDateTime(run.startedAt) },
          { key: "state", header: "Status", cell: (run) => runState(run.ok) },
          { key: "trigger", header: "Startet af", cell: (run) => (run.requestedBy ? `${run.requestedBy.name}` : (TRIGGER_TEXT[run.trigger] ?? run.trigger)) },
          { key: "result", header: "Resultat", cell: (run) => run.summary ?? run.error ?? "" },
        ]}
      />
    </>
  );
}
