import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { MasterDataImportForm } from "@/components/MasterDataImportForm";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { IMPORT_SHEETS } from "@/lib/catalogue/import-rules";
import { XLSX_MAX_BYTES } from "@/lib/xlsx/reader";
import { importMasterDataForm } from "../actions";

export const metadata: Metadata = { title: "Import af stamdata" };

export default async function MasterDataImportPage() {
  await requirePermission("catalogue.manage");
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/stamdata">Tilbage til stamdata</Link>
      </p>
      <PageHeader
        title="Import af stamdata"
        lead="Opret og opdatér mange indkøbskategorier, leverandører og aftaler på én gang fra et regneark."
      />
      <section aria-labelledby="how" className="mb-10 max-w-text space-y-3">
        <h2 id="how" className="text-2xl">
          Sådan gør du
        </h2>
        <ol className="list-decimal space-y-2 pl-6">
          <li>
            <a href="/admin/stamdata/import/skabelon" download>
              Hent skabelonen (xlsx)
            </a>
            . Arket «Vejledning» beskriver hver kolonne.
          </li>
          <li>
            Udfyld et eller flere af arkene {IMPORT_SHEETS.map((s) => `«${s.name}»`).join(", ")}. Behold arkenes navne og
            overskrifterne i række 1.
          </li>
          <li>
            Importér filen. Findes en kategori (kode), leverandør (CVR-nummer) eller aftale (reference) i forvejen, bliver
            den opdateret; ellers bliver den oprettet.
          </li>
        </ol>
        <p>
          Hele filen kontrolleres, før noget gemmes. Er der fejl i blot én række, gemmes intet, og du får en liste over
          fejlene med ark, række og kolonne. Alle ændringer skrives i revisionssporet.
        </p>
      </section>
      <MasterDataImportForm action={importMasterDataForm} maxMegabytes={XLSX_MAX_BYTES / (1024 * 1024)} />
    </>
  );
}
