import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/Alert";
import { CascadeExplanation } from "@/components/CascadeExplanation";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { EXPLANATION_VERSION } from "@/lib/cascade/explanation";
import { getDecision } from "@/lib/cascade/history";
import { OWN_PROCUREMENT_LABEL } from "@/lib/cascade/labels";
import { formatDate, formatDateTime, formatMoneyOre } from "@/lib/format";
import { parseId } from "@/lib/parse-id";

export const metadata: Metadata = { title: "Beslutning" };

export default async function DecisionPage({ params }: PageProps<"/indkoebsbehov/[id]">) {
  const user = await requirePermission("cascade.history");
  const id = parseId((await params).id);
  if (id === null) notFound();
  const result = await getDecision(user, id);
  if (result.status === "missing") notFound();
  const decision = result.value;
  const agreementLink = (agreement: { id: number; reference: string; name: string } | null) =>
    agreement ? (
      <Link href={`/aftaler/${agreement.id}`}>
        {agreement.name} ({agreement.reference})
      </Link>
    ) : (
      OWN_PROCUREMENT_LABEL
    );
  return (
    <>
      <PageHeader
        title={`Beslutning nr. ${decision.id}`}
        lead={`${decision.category.code} ${decision.category.name} for ${decision.institution.name}, truffet ${formatDateTime(decision.createdAt)}.`}
      />
      {decision.deviates ? (
        <Alert variant="warning" heading="Beslutningen afviger fra kaskaden" className="mb-8">
          Der er valgt noget andet end en anvendelig aftale på det højeste trin. Begrundelsen er gemt med beslutningen.
        </Alert>
      ) : null}
      <dl className="mb-10 grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-semibold">Institution</dt>
        <dd>{decision.institution.name}</dd>
        <dt className="font-semibold">Indkøbskategori</dt>
        <dd>
          {decision.category.code} {decision.category.name}
        </dd>
        <dt className="font-semibold">Anslået beløb</dt>
        <dd>{formatMoneyOre(decision.amountOre)} ekskl. moms</dd>
        <dt className="font-semibold">Behovets dato</dt>
        <dd>{formatDate(decision.needDate)}</dd>
        <dt className="font-semibold">Anbefaling</dt>
        <dd>{agreementLink(decision.recommendedAgreement)}</dd>
        <dt className="font-semibold">Valgt</dt>
        <dd>{agreementLink(decision.chosenAgreement)}</dd>
        <dt className="font-semibold">Afvigelse</dt>
        <dd>{decision.deviates ? "Ja" : "Nej"}</dd>
        <dt className="font-semibold">Begrundelse</dt>
        <dd className="whitespace-pre-line">{decision.justification ?? "Ingen (ikke nødvendig)"}</dd>
        <dt className="font-semibold">Truffet af</dt>
        <dd>
          {decision.user.name}, {formatDateTime(decision.createdAt)}
        </dd>
      </dl>
      <h2 className="mb-4">Vurderingen, som den blev vist</h2>
      {decision.explanation?.version === EXPLANATION_VERSION ? (
        <CascadeExplanation explanation={decision.explanation} headingLevel={3} />
      ) : (
        // Stored in another format (another version of the portal, or imported): the fields above still hold.
        <Alert variant="info">Vurderingen er gemt i et format, som denne version af portalen ikke kan vise.</Alert>
      )}
      <p className="mt-10">
        <Link href="/indkoebsbehov">Tilbage til beslutningerne</Link>
      </p>
    </>
  );
}
