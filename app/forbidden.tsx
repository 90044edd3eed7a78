import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { DocumentTitle } from "@/components/DocumentTitle";
import { PageHeader } from "@/components/PageHeader";

const TITLE = "Ingen adgang";

// Applied to the server-rendered HTML; DocumentTitle keeps it after hydration, where Next 16.4
// falls back to the root layout's default title for this special file.
export const metadata: Metadata = { title: TITLE };

/** Rendered with status 403 when a page calls forbidden() (needs experimental.authInterrupts). */
export default function Forbidden() {
  return (
    <>
      <DocumentTitle title={`${TITLE} – Statens Indkøbsprogram`} />
      <PageHeader
        title="Du har ikke adgang til denne side"
        lead="Din rolle giver ikke adgang til de oplysninger, siden viser."
      />
      <p className="max-w-text">
        Mener du, at du skal have adgang, så kontakt din koncernindkøber eller Statens Indkøb.
      </p>
      <p className="mt-4">
        <Link href="/">Gå til forsiden</Link>
      </p>
    </>
  );
}
