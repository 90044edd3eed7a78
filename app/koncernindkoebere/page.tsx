import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { PageHeader } from "@/components/PageHeader";
import { Select } from "@/components/Select";
import { TextInput } from "@/components/TextInput";
import { groupBuyerDirectory, groupBuyersByCvr, type MinistryGroupBuyers } from "@/lib/enrolment/group-buyers";

export const metadata: Metadata = { title: "Find din koncernindkøber" };
export const dynamic = "force-dynamic";

function Contacts({ ministry }: { ministry: MinistryGroupBuyers }) {
  if (ministry.groupBuyers.length === 0) {
    return <p>{ministry.name} har ingen koncernindkøber registreret i portalen. Kontakt Statens Indkøb.</p>;
  }
  return (
    <ul className="space-y-4">
      {ministry.groupBuyers.map((person) => (
        <li key={person.id}>
          <p className="font-semibold">{person.name}</p>
          {person.title ? <p>{person.title}</p> : null}
          {person.contactEmail ? (
            <p>
              E-mail: <a href={`mailto:${person.contactEmail}`}>{person.contactEmail}</a>
            </p>
          ) : null}
          {person.phone ? (
            <p>
              Telefon: <a href={`tel:${person.phone.replace(/\s+/g, "")}`}>{person.phone}</a>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * Public: a voluntary customer needs its group buyer's contact details to join the next phase,
 * before it has a log-in (the rules pages link here). Find by ministry area or by the own CVR.
 */
export default async function GroupBuyersPage({ searchParams }: PageProps<"/koncernindkoebere">) {
  const query = await searchParams;
  const cvr = typeof query.cvr === "string" ? query.cvr.slice(0, 20) : "";
  const ministryCode = typeof query.ministerium === "string" ? query.ministerium : "";
  const directory = await groupBuyerDirectory();
  const lookup = cvr ? await groupBuyersByCvr(cvr) : null;
  const chosen = ministryCode ? directory.find((m) => m.code === ministryCode) : undefined;
  const cvrError = lookup?.status === "invalid" ? "Skriv et gyldigt CVR-nummer: 8 cifre med korrekt kontrolciffer." : undefined;
  return (
    <>
      <PageHeader
        title="Find din koncernindkøber"
        lead="Hvert ministerområde har en koncernindkøber. Det er koncernindkøberen, I kontakter for at blive part i næste udbudsrunde, og som godkender frivillige kunders tilmeldinger."
      />
      <div className="grid gap-10 md:grid-cols-2">
        <form method="get" className="space-y-4" aria-labelledby="by-cvr">
          <h2 id="by-cvr" className="text-2xl">
            Søg på jeres CVR-nummer
          </h2>
          <TextInput id="cvr" name="cvr" label="CVR-nummer" width="short" inputMode="numeric" defaultValue={cvr} error={cvrError} />
          <Button type="submit">Find koncernindkøber</Button>
        </form>
        <form method="get" className="space-y-4" aria-labelledby="by-ministry">
          <h2 id="by-ministry" className="text-2xl">
            Vælg ministerområde
          </h2>
          <Select
            id="ministerium"
            name="ministerium"
            label="Ministerområde"
            placeholder="Vælg ministerområde"
            defaultValue={ministryCode}
            options={directory.map((m) => ({ value: m.code, label: m.name }))}
            width="long"
          />
          <Button type="submit">Vis koncernindkøber</Button>
        </form>
      </div>

      <section aria-live="polite" className="mt-10 max-w-text">
        {lookup?.status === "unknown" ? (
          <Alert variant="warning" heading={`CVR-nummer ${lookup.cvr} er ikke registreret i portalen`}>
            <p>Vælg i stedet jeres ministerområde, eller kontakt Statens Indkøb.</p>
          </Alert>
        ) : null}
        {lookup?.status === "found" ? (
          <>
            <h2>
              {lookup.institution.name} hører under {lookup.ministry.name}
            </h2>
            <div className="mt-4">
              <Contacts ministry={lookup.ministry} />
            </div>
          </>
        ) : null}
        {!lookup && chosen ? (
          <>
            <h2>{chosen.name}</h2>
            <div className="mt-4">
              <Contacts ministry={chosen} />
            </div>
          </>
        ) : null}
      </section>

      <h2 className="mt-12">Alle koncernindkøbere</h2>
      <dl className="mt-4 grid max-w-4xl gap-x-6 gap-y-4 md:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        {directory.map((ministry) => (
          <div key={ministry.id} className="contents">
            <dt className="font-semibold">{ministry.name}</dt>
            <dd>
              {ministry.groupBuyers.length === 0
                ? "Ingen registreret"
                : ministry.groupBuyers.map((person) => (
                    <span key={person.id} className="block">
                      {person.name}
                      {person.contactEmail ? (
                        <>
                          , <a href={`mailto:${person.contactEmail}`}>{person.contactEmail}</a>
                        </>
                      ) : null}
                      {person.phone ? `, ${person.phone}` : ""}
                    </span>
                  ))}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-10">
        <Link href="/regler/frivillige-kunder">Læs reglerne for frivillige kunder</Link>
      </p>
    </>
  );
}
