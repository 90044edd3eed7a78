import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/Alert";
import { EnrolmentForm } from "@/components/EnrolmentForms";
import { NextSteps } from "@/components/NextSteps";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { getAgreement } from "@/lib/catalogue/agreement";
import { agreementEnrolmentContext, agreementNextSteps } from "@/lib/enrolment/queries";
import { REFUSAL_TEXT } from "@/lib/enrolment/rules";
import { toIsoDate } from "@/lib/format";
import { parseId } from "@/lib/parse-id";
import { XLSX_MAX_BYTES } from "@/lib/xlsx/reader";
import { submitEnrolmentForm } from "@/app/tilmeldinger/actions";

export const metadata: Metadata = { title: "Tilmelding til aftale" };

export default async function EnrolmentFormPage({ params }: PageProps<"/aftaler/[id]/tilmelding">) {
  const user = await requirePermission("enrolment.submit");
  const id = parseId((await params).id);
  if (id === null) notFound();
  const found = await getAgreement(user, id);
  if (found.status === "missing") notFound();
  const { agreement } = found.value;
  const context = await agreementEnrolmentContext(user, agreement.id);
  const back = (
    <p className="mb-4">
      <Link href={`/aftaler/${agreement.id}`}>Tilbage til aftalen</Link>
    </p>
  );
  if (!context) {
    return (
      <>
        {back}
        <PageHeader title={`Tilmelding til ${agreement.name}`} />
        <Alert variant="info">
          <p>{REFUSAL_TEXT.NO_INSTITUTION}</p>
        </Alert>
      </>
    );
  }
  if (!context.eligibility.ok) {
    const nextSteps = await agreementNextSteps(user, agreement.id);
    return (
      <>
        {back}
        <PageHeader title={`Tilmelding til ${agreement.name}`} lead={`Aftale-nr. ${agreement.reference}`} />
        <Alert variant="info" heading="I kan ikke tilmelde jer aftalen">
          <p>{REFUSAL_TEXT[context.eligibility.reason]}</p>
          {nextSteps ? <NextSteps steps={nextSteps.steps} note={nextSteps.note} /> : null}
        </Alert>
      </>
    );
  }
  const { institution } = context;
  const eanOptions = institution.eanLocations.map((location) => ({ value: location.ean, label: `${location.ean} – ${location.name}` }));
  return (
    <>
      {back}
      <PageHeader
        title={`Tilmelding til ${agreement.name}`}
        lead={`Aftale-nr. ${agreement.reference}${agreement.phase ? `, ${agreement.phase.name}` : ""}. Tilmeldingen består af Bilag 7 (formularen herunder) og det udfyldte Skema.`}
      />
      <section aria-labelledby="how" className="mb-10 max-w-text space-y-3">
        <h2 id="how" className="text-2xl">
          Sådan gør du
        </h2>
        <ol className="list-decimal space-y-2 pl-6">
          <li>
            <a href={`/aftaler/${agreement.id}/skema`} download>
              Hent aftalens Skema (xlsx)
            </a>
            , og udfyld arket «Skema» med én række pr. enhed og EAN-lokationsnummer. Arket «Vejledning» beskriver kolonnerne.
          </li>
          <li>Udfyld Bilag 7 herunder, og vedhæft det udfyldte Skema.</li>
          <li>
            Jeres koncernindkøber godkender tilmeldingen. I får en bekræftelse under «Beskeder» (og på e-mail, hvor portalen sender
            e-mail), og derefter kan I anmode om adgang til aftalen til et konkret køb.
          </li>
        </ol>
        <p>
          Hele skemaet kontrolleres, før noget gemmes. Er der fejl i blot én række, gemmes intet, og I får en liste over fejlene med
          ark, række og kolonne. <strong>Tilmeldingen forpligter ikke</strong> jer til at købe ind på aftalen.
        </p>
      </section>
      <EnrolmentForm
        action={submitEnrolmentForm}
        maxMegabytes={XLSX_MAX_BYTES / (1024 * 1024)}
        defaults={{
          agreementId: agreement.id,
          institutionName: institution.name,
          cvr: institution.cvr,
          ean: institution.eanLocations[0]?.ean ?? "",
          eanOptions,
          address: institution.address ?? "",
          contactName: user.name,
          contactEmail: user.email,
          contactPhone: "",
          today: toIsoDate(new Date()),
        }}
      />
    </>
  );
}
