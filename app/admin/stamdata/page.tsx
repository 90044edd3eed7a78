import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { PageHeader } from "@/components/PageHeader";
import { SummaryCard } from "@/components/SummaryCard";
import { requirePermission } from "@/lib/auth/guard";
import { masterDataCounts } from "@/lib/catalogue/admin";
import { formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Stamdata" };

export default async function MasterDataPage() {
  await requirePermission("catalogue.manage");
  const counts = await masterDataCounts();
  return (
    <>
      <PageHeader
        title="Stamdata"
        lead="Aftaler, faser, indkøbskategorier og leverandører, som portalen og indkøbskaskaden bygger på. Alle ændringer skrives i revisionssporet."
      />
      <div className="grid gap-6 md:grid-cols-2 lg:grid-cols-4">
        <SummaryCard
          title="Aftaler"
          value={formatNumber(counts.agreements)}
          description={`${formatNumber(counts.retired)} udgåede`}
          href="/admin/stamdata/aftaler"
          linkText="Se og ret aftaler"
        />
        <SummaryCard
          title="Faser (udbudsrunder)"
          value={formatNumber(counts.phases)}
          description={`${formatNumber(counts.openPhases)} ikke afsluttede`}
          href="/admin/stamdata/faser"
          linkText="Se og ret faser"
        />
        <SummaryCard title="Indkøbskategorier" value={formatNumber(counts.categories)} href="/admin/stamdata/kategorier" linkText="Se og ret kategorier" />
        <SummaryCard title="Leverandører" value={formatNumber(counts.suppliers)} href="/admin/stamdata/leverandoerer" linkText="Se og ret leverandører" />
      </div>
      <section aria-labelledby="import" className="mt-12 max-w-text">
        <h2 id="import">Import fra regneark</h2>
        <p className="mt-2">
          Mange kategorier, leverandører og aftaler på én gang: hent skabelonen, udfyld den, og importér den. Hele filen
          kontrolleres først, og er der fejl i blot én række, gemmes intet.
        </p>
        <p className="mt-4">
          <Link href="/admin/stamdata/import">Importér stamdata</Link>
        </p>
      </section>
      <section aria-labelledby="thresholds" className="mt-12 max-w-text">
        <h2 id="thresholds">EU&apos;s tærskelværdier</h2>
        <p className="mt-2">
          Tærskelværdierne pr. periode, myndighedstype og kontrakttype, som kaskaden sammenligner eget indkøb med. En
          institutions myndighedstype rettes på institutionens side, en kategoris kontrakttype på kategorien.
        </p>
        <p className="mt-4">
          <Link href="/admin/stamdata/taerskelvaerdier">Se og ret tærskelværdierne</Link>
        </p>
      </section>
      <section aria-labelledby="ceilings" className="mt-12 max-w-text">
        <h2 id="ceilings">Aftalernes maksimale værdi</h2>
        <p className="mt-2">
          Forbruget på hver aftale mod dens maksimale værdi, med prognose og advarsler. Når den maksimale værdi er nået, har aftalen ikke
          længere virkning, og kaskaden anbefaler den ikke.
        </p>
        <p className="mt-4">
          <Link href="/admin/aftaleforbrug">Se aftalernes forbrug</Link>
        </p>
      </section>
    </>
  );
}
