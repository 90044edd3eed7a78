import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { MarkReadForm } from "@/components/EnrolmentForms";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { formatDateTime } from "@/lib/format";
import { deliveryState, listMessages } from "@/lib/mail/outbox";
import { markReadForm } from "./actions";

export const metadata: Metadata = { title: "Beskeder" };
export const dynamic = "force-dynamic";

const DELIVERY_TEXT = {
  SENT: (sentAt: Date | null) => `Sendt som e-mail ${sentAt ? formatDateTime(sentAt) : ""}`.trim(),
  FAILED: () => "E-mailen kunne ikke sendes; beskeden står her.",
  NOT_CONFIGURED: () => "Portalen sender ikke e-mail; beskeden står kun her.",
  WAITING: () => "Sendes som e-mail.",
} as const;

export default async function MessagesPage() {
  const user = await requirePermission("messages.view");
  const messages = await listMessages(user);
  const unread = messages.filter((m) => !m.readAt).length;
  return (
    <>
      <PageHeader
        title="Beskeder"
        lead="Bekræftelser og meddelelser fra portalen til dig. Er portalen sat op til at sende e-mail, får du dem også på e-mail."
      >
        {unread > 0 ? <MarkReadForm action={markReadForm} all /> : null}
      </PageHeader>
      {messages.length === 0 ? <p>Du har ingen beskeder.</p> : null}
      <ul className="max-w-3xl space-y-6">
        {messages.map((message) => (
          <li key={message.id} className={message.readAt ? "rounded-md border border-border-low p-4" : "rounded-md border-2 border-primary p-4"}>
            <article aria-labelledby={`message-${message.id}`}>
              <h2 id={`message-${message.id}`} className="text-lg">
                {message.readAt ? null : <span className="mr-2 rounded-sm bg-primary px-1.5 py-0.5 text-xs text-white">Ny</span>}
                {message.subject}
              </h2>
              <p className="text-sm text-ink-light">
                <time dateTime={message.createdAt.toISOString()}>{formatDateTime(message.createdAt)}</time> ·{" "}
                {DELIVERY_TEXT[deliveryState(message)](message.sentAt)}
              </p>
              <p className="mt-2 whitespace-pre-line">{message.body}</p>
              {message.link ? (
                <p className="mt-2">
                  <Link href={message.link}>Gå til sagen</Link>
                </p>
              ) : null}
              {message.readAt ? null : (
                <div className="mt-3">
                  <MarkReadForm action={markReadForm} messageId={message.id} />
                </div>
              )}
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}
