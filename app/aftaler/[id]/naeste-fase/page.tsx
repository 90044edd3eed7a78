import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/Alert";
import { JoinRequestForm } from "@/components/EnrolmentForms";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { getAgreement } from "@/lib/catalogue/agreement";
import { agreementEnrolmentContext } from "@/lib/enrolment/queries";
import { JOIN_REFUSAL_TEXT, REFUSAL_TEXT } from "@/lib/enrolment/rules";
import { formatDate } from "@/lib/format";
import { parseId } from "@/lib/parse-id";
import { requestJoinNextPhaseForm } from "@/app/tilmeldinger/actions";

export const metadata: Metadata = { title: "Bliv part i næste fase" };

export default async function JoinNextPhasePage({ params }: PageProps<"/aftaler/[id]/naeste-fase">) {
  const user = await requirePermission("enrolment.submit");
  const id = parseId((await params).id);
  if (id === null) notFound();
  const found = await getAgreement(user, id);
  if (found.status === "missing") notFound();
  const { agreement } = found.value;
  const context = await agreementEnrolmentContext(user, agreement.id);
  return (
    <>
      <p className="mb-4">
        <Link href={`/aftaler/${agreement.id}`}>Tilbage til aftalen</Link>
      </p>
      <PageHeader
        title="Bliv part i næste fase"
        lead="Det er ikke muligt at blive part på en afsluttet udbudsrunde. Vil I være part i den næste, sender I en anmodning til jeres koncernindkøber her."
      >
        <p>
          Fra aftalen {agreement.name} ({agreement.reference}
          {agreement.phase ? `, ${agreement.phase.name}${agreement.phase.closed ? ", afsluttet" : ""}` : ""}).
        </p>
      </PageHeader>
      {!context ? (
        <Alert variant="info">
          <p>{REFUSAL_TEXT.NO_INSTITUTION}</p>
        </Alert>
      ) : context.openJoinRequest ? (
        <Alert variant="info" heading="I har allerede anmodet">
          <p>
            I anmodede den {formatDate(context.openJoinRequest.createdAt)}. Koncernindkøberen behandler anmodningen.{" "}
            <Link href="/tilmeldinger">Se jeres anmodninger</Link>.
          </p>
        </Alert>
      ) : context.join.ok ? (
        <JoinRequestForm action={requestJoinNextPhaseForm} agreementId={agreement.id} phaseName={context.join.phase.name} />
      ) : (
        <Alert variant="info" heading="I kan ikke anmode fra denne aftale">
          <p>
            {JOIN_REFUSAL_TEXT[context.join.reason]} <Link href="/koncernindkoebere">Find jeres koncernindkøber</Link>.
          </p>
        </Alert>
      )}
    </>
  );
}
