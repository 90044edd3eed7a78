import type { Metadata } from "next";
import { PageHeader } from "@/components/PageHeader";
import { PUBLISHED_LISTS } from "@/lib/catalogue/exports";

export const metadata: Metadata = { title: "Lister til download" };

export default function PublishedListsPage() {
  return (
    <>
      <PageHeader
        title="Lister til download"
        lead="Statens Indkøb offentliggør disse lister over Statens Indkøbsprogram. De dannes direkte fra portalens data, når du henter dem, og kan frit hentes uden log-ind."
      />
      <ul className="max-w-text space-y-6">
        {PUBLISHED_LISTS.map((list) => (
          <li key={list.fileName}>
            {/* A plain link: the route answers with a file, not a page. */}
            <a href={`/lister/${list.fileName}`} download={list.fileName} className="font-semibold">
              {list.title} <span className="font-normal">(Excel, {list.fileName})</span>
            </a>
            <p className="mt-1">{list.description}</p>
          </li>
        ))}
      </ul>
      <p className="mt-10 max-w-text">
        Hvert regneark har en overskrift, datoen for udtrækket og en fastfrosset kolonneoverskrift med filter. Datoer og
        tal er rigtige datoer og tal i Excel; CVR-numre står som tekst.
      </p>
    </>
  );
}
