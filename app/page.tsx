import { ButtonLink } from "@/components/Button";
import { PageHeader } from "@/components/PageHeader";
import { SummaryCard } from "@/components/SummaryCard";
import { getCurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/guard";
import { formatMoneyOre, formatNumber, formatPercentOf } from "@/lib/format";
import { homeSummary } from "@/lib/organisation/queries";
import { CUSTOMER_TYPE_LABELS, DATA_CHANNEL_LABELS } from "@/lib/organisation/labels";
import { roleLabel } from "@/lib/roles-da";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  if (!(await getCurrentUser())) return <PublicHome />;
  const user = await requirePermission("home.view");
  const summary = await homeSummary(user);
  return (
    <>
      <PageHeader
        title={`Velkommen, ${user.name}`}
        lead={`Du er logget ind som ${roleLabel(user.role).toLowerCase()}${
          user.institutionName
            ? ` for ${user.institutionName}`
            : user.ministryName
              ? ` for ${user.ministryName}`
              : user.supplierName
                ? ` for ${user.supplierName}`
                : ""
        }.`}
      />
      <div className="grid gap-6 md:grid-cols-3">
        {summary.role === "BUYER" ? (
          summary.institution ? (
            <>
              <SummaryCard
                title="Din institution"
                value={summary.institution.name}
                description={`CVR ${summary.institution.cvr} · ${CUSTOMER_TYPE_LABELS[summary.institution.customerType]}`}
              />
              <SummaryCard
                title="Aftaler, I er part på"
                value={formatNumber(summary.institution._count.parties)}
                href="/institution"
                linkText="Se aftalerne"
              />
              <SummaryCard title="Indkøbsdata" value={DATA_CHANNEL_LABELS[summary.institution.dataChannel]} />
            </>
          ) : (
            <p>Din bruger er ikke knyttet til en institution. Kontakt Statens Indkøb.</p>
          )
        ) : null}
        {summary.role === "GROUP_BUYER" || summary.role === "MINISTRY_ANALYST" ? (
          <>
            <SummaryCard
              title="Institutioner i ministerområdet"
              value={formatNumber(summary.institutions)}
              href="/ministerier"
              linkText="Se ministerområdet"
            />
            {summary.role === "GROUP_BUYER" ? (
              <SummaryCard
                title="Tilmeldinger til behandling"
                value={formatNumber(summary.pendingEnrolments)}
                description={`${formatNumber(summary.openJoinRequests)} åbne anmodninger om at blive part i næste fase`}
                href="/tilmeldinger"
                linkText="Behandl tilmeldinger"
              />
            ) : null}
            {summary.latest ? (
              <SummaryCard
                title={`Indkøb ${summary.latest.quarter}`}
                value={formatMoneyOre(summary.latest.totalOre)}
                description={`E-handelsandel ${formatPercentOf(summary.latest.ecommerceOre, summary.latest.totalOre)}`}
              />
            ) : null}
          </>
        ) : null}
        {summary.role === "ADMIN" ? (
          <>
            <SummaryCard title="Ministerier" value={formatNumber(summary.ministries)} href="/ministerier" linkText="Se ministerierne" />
            <SummaryCard title="Institutioner" value={formatNumber(summary.institutions)} />
            <SummaryCard title="Aktive aftaler" value={formatNumber(summary.agreements)} />
            <SummaryCard title="Leverandører" value={formatNumber(summary.suppliers)} />
            <SummaryCard title="Indkøbslinjer" value={formatNumber(summary.purchaseLines)} />
            <SummaryCard title="Brugere" value={formatNumber(summary.users)} href="/admin/brugere" linkText="Brugere og roller" />
          </>
        ) : null}
        {summary.role === "SUPPLIER" ? (
          <SummaryCard
            title="Jeres aftaler"
            value={formatNumber(summary.agreements)}
            description="Aktive aftaler, som jeres virksomhed er leverandør på."
            href="/aftaler"
            linkText="Se aftalerne"
          />
        ) : null}
      </div>
    </>
  );
}

function PublicHome() {
  return (
    <>
      <PageHeader
        title="Statens Indkøbsprogram"
        lead="Portalen for statens fælles indkøbsaftaler: find den aftale, du skal bruge, dæk dit indkøbsbehov efter kaskademodellen, indberet indkøbsdata og følg compliance."
      >
        <ButtonLink href="/log-ind">Log ind</ButtonLink>
      </PageHeader>
      <section aria-labelledby="kaskade" className="max-w-text">
        <h2 id="kaskade">Den statslige indkøbskaskade</h2>
        <p className="mt-2">Statslige institutioner skal dække deres indkøbsbehov i denne rækkefølge:</p>
        <ol className="mt-2 list-decimal pl-6">
          <li>Forpligtende centralt koordinerede aftaler (Statens Indkøbsprogram)</li>
          <li>Frivillige centralt koordinerede aftaler eller frivillige SKI-aftaler</li>
          <li>Egne aftaler</li>
        </ol>
      </section>
    </>
  );
}
