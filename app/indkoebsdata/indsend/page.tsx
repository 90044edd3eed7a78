import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { PurchaseDataUploadForm } from "@/components/PurchaseDataUploadForm";
import { requirePermission } from "@/lib/auth/guard";
import { listDeadlines } from "@/lib/purchase-data/deadlines";
import { FORMATS } from "@/lib/purchase-data/formats";
import { danishDay } from "@/lib/purchase-data/import";
import { copenhagenToday, quarterLabel, recentQuarters } from "@/lib/purchase-data/quarter";
import { UPLOAD_MAX_BYTES } from "@/lib/purchase-data/submit";

export const metadata: Metadata = { title: "Indsend indkøbsdata" };

export default async function SubmitPurchaseDataPage() {
  const user = await requirePermission("purchaseData.submit");
  const today = copenhagenToday();
  const deadlines = new Map((await listDeadlines()).map((d) => [d.quarter, d.deadline]));
  const quarters = recentQuarters(today, 6);
  const options = quarters.map((q) => {
    const deadline = deadlines.get(q.code);
    const note = !deadline ? "ingen frist fastsat" : today > deadline ? `fristen udløb ${danishDay(deadline)}` : `frist ${danishDay(deadline)}`;
    return { value: q.code, label: `${quarterLabel(q)} (${note})` };
  });
  // The newest quarter that has ended and whose deadline has not passed.
  const suggested = quarters.slice(1).find((q) => !deadlines.get(q.code) || today <= deadlines.get(q.code)!) ?? quarters[1]!;
  return (
    <>
      <p className="mb-4">
        <Link href="/indkoebsdata">Tilbage til indkøbsdata</Link>
      </p>
      <PageHeader
        title="Indsend indkøbsdata"
        lead={
          user.role === "GROUP_BUYER"
            ? "Indsend et kvartals indkøbsdata for institutionerne i dit ministerområde. Filen kan indeholde flere institutioner; hver får sin egen indsendelse."
            : `Indsend et kvartals indkøbsdata for ${user.institutionName ?? "din institution"}.`
        }
      />
      <section aria-labelledby="how" className="mb-10 max-w-text space-y-3">
        <h2 id="how" className="text-2xl">
          Sådan gør du
        </h2>
        <ol className="list-decimal space-y-2 pl-6">
          <li>
            <a href="/indkoebsdata/skabelon" download>
              Hent skabelonen (xlsx)
            </a>{" "}
            eller en tom CSV-fil i{" "}
            <a href="/indkoebsdata/skabelon?format=styrelsen.csv" download>
              styrelsens format
            </a>{" "}
            eller{" "}
            <a href="/indkoebsdata/skabelon?format=linjer.csv" download>
              portalens linjeformat
            </a>
            .
          </li>
          <li>Udfyld én række pr. institution, kategori og leverandør (styrelsens format) eller pr. indkøb (linjeformatet). Beløb er uden moms.</li>
          <li>Vælg kvartalet, og indsend filen inden kvartalets frist.</li>
        </ol>
        <p>
          Hele filen kontrolleres, før noget gemmes. Er der fejl i blot én række, gemmes intet, og du får en fejlrapport med række, kolonne
          og årsag. Sender du samme kvartal igen, erstatter den nye fil institutionens tidligere manuelle data for kvartalet; de tidligere
          data bevares i historikken. Institutioner, der leverer via SKS, indsender ikke manuelt.
        </p>
      </section>
      <PurchaseDataUploadForm
        endpoint="/indkoebsdata/indsend/fil"
        quarters={options}
        defaultQuarter={suggested.code}
        maxMegabytes={UPLOAD_MAX_BYTES / (1024 * 1024)}
      />
      <section aria-labelledby="formats" className="mt-12">
        <h2 id="formats" className="text-2xl">
          Filformater
        </h2>
        {FORMATS.map((format) => (
          <div key={format.code} className="mt-6">
            <h3>{format.name}</h3>
            <p className="mt-1 max-w-text">{format.description}</p>
            <DataTable
              className="mt-3"
              caption={`Kolonner i ${format.name.toLowerCase()}`}
              captionHidden
              compact
              rows={format.columns}
              rowKey={(c) => c.key}
              columns={[
                { key: "header", header: "Kolonne", rowHeader: true, cell: (c) => <code>{c.header}</code> },
                { key: "description", header: "Indhold", cell: (c) => c.description },
                { key: "example", header: "Eksempel", cell: (c) => c.example },
              ]}
            />
          </div>
        ))}
      </section>
    </>
  );
}
