import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/Alert";
import { DataTable } from "@/components/DataTable";
import { NextSteps } from "@/components/NextSteps";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { getAgreement } from "@/lib/catalogue/agreement";
import { STATUS_TEXT, TIER_TEXT } from "@/lib/catalogue/status-labels";
import { cascadeTier, enrolmentRequired } from "@/lib/domain/agreement-status";
import { agreementNextSteps } from "@/lib/enrolment/queries";
import { formatDate, formatMoneyOre, formatPercentOf } from "@/lib/format";
import { AGREEMENT_KIND_LABELS } from "@/lib/organisation/labels";
import { parseId } from "@/lib/parse-id";
import { can } from "@/lib/auth/permissions";
import { agreementCeilingDetail } from "@/lib/ceilings/detail";
import { ceilingSummaries, readThresholds } from "@/lib/ceilings/figures";
import { FORECAST_METHOD } from "@/lib/ceilings/forecast";
import { forecastText } from "@/lib/ceilings/labels";
import { ceilingNotice } from "@/lib/ceilings/state";
import { prisma } from "@/lib/db/client";

export const metadata: Metadata = { title: "Aftale" };

export default async function AgreementPage({ params }: PageProps<"/aftaler/[id]">) {
  const user = await requirePermission("catalogue.view");
  const id = parseId((await params).id);
  if (id === null) notFound();
  const result = await getAgreement(user, id);
  if (result.status === "missing") notFound();
  const { agreement, institutionStatus } = result.value;
  const nextSteps = await agreementNextSteps(user, agreement.id);
  const tier = cascadeTier(agreement.kind);
  const phaseNumber = agreement.phase?.number ?? null;
  const needsEnrolment = enrolmentRequired(phaseNumber);
  const today = new Date();
  const active = agreement.validFrom <= today && agreement.validTo >= today && !agreement.retiredAt;
  // The ceiling: its notice for everyone who sees the agreement; the figures behind it for the agency.
  const seesUse = can(user.role, "ceilings.view");
  const thresholds = await readThresholds(prisma);
  const ceiling = (await ceilingSummaries(prisma, [agreement.id])).get(agreement.id)!;
  const detail = seesUse ? await agreementCeilingDetail(agreement.id) : null;
  const notice = ceilingNotice(ceiling.useOre, ceiling.maximumOre, thresholds);
  return (
    <>
      <PageHeader title={agreement.name} lead={agreement.description || undefined}>
        <p className="text-ink-light">
          Aftale-nr. {agreement.reference} · {AGREEMENT_KIND_LABELS[agreement.kind]} · {TIER_TEXT[tier]}
        </p>
      </PageHeader>

      {institutionStatus ? (
        <Alert variant={institutionStatus === "PARTY" ? "success" : "info"} heading={`Jeres status: ${STATUS_TEXT[institutionStatus].label}`} className="mb-8">
          {STATUS_TEXT[institutionStatus].next}
          {institutionStatus === "NOT_PARTY_PHASE_CLOSED" || institutionStatus === "NOT_PARTY" ? (
            <>
              {" "}
              <Link href="/regler/frivillige-kunder">Læs om faser og tilmelding</Link>.
            </>
          ) : null}
          {nextSteps ? <NextSteps steps={nextSteps.steps} note={nextSteps.note} /> : null}
        </Alert>
      ) : null}

      {notice ? (
        <Alert variant={ceiling.maximumOre !== null && ceiling.useOre >= ceiling.maximumOre ? "error" : "warning"} heading="Aftalens maksimale værdi" className="mb-8">
          {notice}
        </Alert>
      ) : null}

      <dl className="grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-semibold">Gyldighed</dt>
        <dd>
          {formatDate(agreement.validFrom)} – {formatDate(agreement.validTo)}
          {agreement.retiredAt ? " (udgået)" : active ? " (gældende i dag)" : " (ikke gældende i dag)"}
        </dd>
        <dt className="font-semibold">Fase</dt>
        <dd>
          {agreement.phase
            ? `${agreement.phase.name}: udbudt ${agreement.phase.tenderYear}, trådte i kraft ${formatDate(agreement.phase.effectiveDate)}${
                agreement.phase.closed ? ", afsluttet" : ", åben for nye parter"
              }`
            : "Ingen fase (aftalen hører ikke til Statens Indkøbsprogram)"}
        </dd>
        <dt className="font-semibold">Tilmelding</dt>
        <dd>
          {needsEnrolment
            ? "Frivillige kunder skal tilmelde sig (Bilag 7 og Skema), før de kan købe ind. Det gælder aftaler fra 8.–10. fase."
            : "Tilmelding er ikke nødvendig: den gælder kun aftaler fra 8.–10. fase og er udfaset fra 11. fase."}
        </dd>
        {agreement.ownerInstitution ? (
          <>
            <dt className="font-semibold">Ejer</dt>
            <dd>{agreement.ownerInstitution.name}</dd>
          </>
        ) : null}
        <dt className="font-semibold">Anslået værdi</dt>
        <dd>{ceiling.estimatedValueOre === null ? "Ikke registreret" : `${formatMoneyOre(ceiling.estimatedValueOre)} ekskl. moms`}</dd>
        <dt className="font-semibold">Maksimal værdi</dt>
        <dd>
          {ceiling.maximumOre === null
            ? "Maksimum ikke registreret"
            : `${formatMoneyOre(ceiling.maximumOre)} ekskl. moms, for alle kunder tilsammen. Brugt til dato: ${formatPercentOf(ceiling.useOre, ceiling.maximumOre)}.`}
        </dd>
        {detail ? (
          <>
            <dt className="font-semibold">Forbrug til dato</dt>
            <dd>
              {formatMoneyOre(ceiling.useOre)} – heraf indberettet af leverandørerne {formatMoneyOre(ceiling.reportedOre)} og skønnet ud fra kundernes
              indkøbsdata {formatMoneyOre(ceiling.estimatedOre)}. <Link href={`/admin/aftaleforbrug/${agreement.id}`}>Se pr. kvartal og leverandør</Link>
            </dd>
            <dt className="font-semibold">Prognose</dt>
            <dd>
              Maksimum nås: {forecastText(detail.forecast)}
              <span className="block text-ink-light">{FORECAST_METHOD}</span>
            </dd>
          </>
        ) : null}
        <dt className="font-semibold">E-handel</dt>
        <dd>
          {agreement.ecommerce
            ? "Aftalen kan anvendes via statens e-handelssystem IndFak. E-handel skal bruges, hvor det er muligt."
            : "Aftalen findes ikke i IndFak. Brug e-handel, hvor det er muligt og økonomisk fordelagtigt."}
        </dd>
      </dl>

      <h2 className="mt-10">Indkøbskategorier</h2>
      <ul className="mt-2 list-disc pl-6">
        {agreement.categories.map(({ category }) => (
          <li key={category.code}>
            <Link href={`/aftaler?category=${category.code}`}>
              {category.code} {category.name}
            </Link>
          </li>
        ))}
      </ul>

      <h2 className="mt-10">Leverandører</h2>
      <DataTable
        caption="Leverandører på aftalen"
        captionHidden
        rows={agreement.suppliers}
        rowKey={({ supplier }) => supplier.id}
        emptyText="Der er ingen leverandører registreret på aftalen."
        columns={[
          { key: "name", header: "Leverandør", rowHeader: true, cell: ({ supplier }) => supplier.name },
          { key: "cvr", header: "CVR-nummer", cell: ({ supplier }) => supplier.cvr },
        ]}
      />

      <h2 className="mt-10">Regler</h2>
      <p className="mt-2 max-w-text">
        Læs reglerne for <Link href="/regler/forpligtede-kunder">forpligtede kunder</Link> (kaskaden, indberetning og e-handel) og for{" "}
        <Link href="/regler/frivillige-kunder">frivillige kunder</Link> (faser og tilmelding).
      </p>
    </>
  );
}
