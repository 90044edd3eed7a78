import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { Alert } from "@/components/Alert";
import { Button, buttonClassName } from "@/components/Button";
import { DataTable, type Column } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { Select } from "@/components/Select";
import { ComplianceNav } from "@/components/compliance/ComplianceNav";
import { ministryNav } from "@/components/compliance/ministryNav";
import { requirePermission } from "@/lib/auth/guard";
import { quarterName, quarterShortName } from "@/lib/compliance/figures";
import { complianceData, visibleMinistries } from "@/lib/compliance/queries";
import type { SpendRow } from "@/lib/compliance/sheets";
import { categoryName, categorySpend, spendByInstitution, spendBySupplier } from "@/lib/compliance/tender";
import { parseTender, tenderQuarters, tenderQuery } from "@/lib/compliance/tender-params";
import { formatMoneyOre, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Udbudsforberedelse" };

const SHOWN = 50;

export default async function TenderPage({ searchParams }: PageProps<"/compliance/udbud">) {
  const user = await requirePermission("compliance.view");
  const data = await complianceData();
  const query = parseTender(await searchParams, data.quarters);
  const agency = user.role === "ADMIN";
  const nav = agency ? (
    <ComplianceNav
      items={[
        { href: "/compliance", label: "Ministerierne" },
        { href: "/compliance/udbud", label: "Udbudsforberedelse", current: true },
        { href: "/compliance/rapporter", label: "Rapporter" },
      ]}
    />
  ) : user.ministryId !== null ? (
    <ComplianceNav items={ministryNav(user.ministryId, null, "udbud")} />
  ) : null;
  const header = (
    <PageHeader
      title="Udbudsforberedelse"
      lead="Forbruget pr. indkøbskategori fordelt på leverandører og institutioner over kvartalerne: grundlaget for at forberede nye centralt koordinerede aftaler. Beløb ekskl. moms."
    />
  );
  if (!query) {
    return (
      <>
        {header}
        {nav}
        <Alert>Der er endnu ingen indkøbsdata.</Alert>
      </>
    );
  }
  const ministries = agency ? await visibleMinistries(user) : [];
  const effective = agency ? query : { ...query, ministryId: null };
  const quarters = tenderQuarters(effective, data.quarters);
  const [categories, bySupplier, byInstitution, name] = await Promise.all([
    categorySpend(user, effective, quarters),
    spendBySupplier(user, effective, quarters),
    spendByInstitution(user, effective, quarters),
    effective.category ? categoryName(effective.category) : null,
  ]);
  const money = (ore: bigint) => formatMoneyOre(ore, { wholeKroner: true });
  const quarterColumns = <Row extends { byQuarter: Map<string, bigint> }>(): Column<Row>[] =>
    quarters.map((q) => ({ key: q, header: quarterShortName(q), numeric: true, cell: (row: Row) => money(row.byQuarter.get(q) ?? 0n) }));
  const spendColumns = (first: string, detail: string): Column<SpendRow>[] => [
    { key: "name", header: first, rowHeader: true, cell: (r) => r.name },
    { key: "cvr", header: "CVR", cell: (r) => r.cvr ?? "uden CVR" },
    { key: "detail", header: detail, cell: (r) => r.detail ?? "–" },
    ...quarterColumns<SpendRow>(),
    { key: "total", header: "I alt", numeric: true, cell: (r) => money(r.totalOre) },
  ];
  const total = (rows: SpendRow[]) => rows.reduce((sum, r) => sum + r.totalOre, 0n);
  return (
    <>
      {header}
      {nav}
      <form method="get" action="/compliance/udbud" className="mb-8 grid gap-4 md:grid-cols-3">
        <Select
          id="kategori"
          name="kategori"
          label="Indkøbskategori"
          width="full"
          placeholder="Vælg kategori"
          defaultValue={effective.category ?? ""}
          options={categories.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
        />
        <Select id="fra" name="fra" label="Fra kvartal" width="full" defaultValue={effective.from} options={data.quarters.map((q) => ({ value: q, label: quarterName(q) }))} />
        <Select id="til" name="til" label="Til kvartal" width="full" defaultValue={effective.to} options={data.quarters.map((q) => ({ value: q, label: quarterName(q) }))} />
        <Select
          id="kunder"
          name="kunder"
          label="Kunder"
          width="full"
          defaultValue={effective.customers}
          options={[
            { value: "forpligtede", label: "Forpligtede kunder (som compliance)" },
            { value: "alle", label: "Alle kunder, også frivillige" },
          ]}
        />
        {agency ? (
          <Select
            id="ministerium"
            name="ministerium"
            label="Ministerområde"
            width="full"
            placeholder="Hele staten"
            defaultValue={effective.ministryId ? String(effective.ministryId) : ""}
            options={ministries.map((m) => ({ value: String(m.id), label: m.name }))}
          />
        ) : null}
        <div className="flex items-end">
          <Button type="submit">Vis</Button>
        </div>
      </form>
      <p className="mb-6 text-xs text-ink-light">
        {quarters.length > 1 ? `${quarterName(quarters[0]!)} – ${quarterName(quarters.at(-1)!)}` : quarterName(effective.to)}; højst 8 kvartaler ad
        gangen. En linjes kategori er linjens egen eller leverandørens.
      </p>

      {!effective.category || !name ? (
        <>
          <h2 className="mb-4">Kategorier</h2>
          <DataTable
            caption="Forbrug pr. indkøbskategori"
            captionHidden
            compact
            rows={categories}
            rowKey={(c) => c.code}
            emptyText="Intet forbrug i perioden."
            columns={[
              {
                key: "name",
                header: "Kategori",
                rowHeader: true,
                cell: (c) => <Link href={`/compliance/udbud${tenderQuery({ ...effective, category: c.code })}`}>{`${c.code} ${c.name}`}</Link>,
              },
              { key: "mandatory", header: "Forpligtende aftaler", cell: (c) => (c.hasMandatoryAgreements ? "Ja" : "Nej") },
              { key: "suppliers", header: "Leverandører (højst i et kvartal)", numeric: true, cell: (c) => formatNumber(c.suppliers) },
              ...quarterColumns<(typeof categories)[number]>(),
              { key: "total", header: "I alt", numeric: true, cell: (c) => money(c.totalOre) },
            ]}
          />
        </>
      ) : (
        <>
          <h2 className="mb-2">
            {effective.category} {name}
          </h2>
          <p className="mb-6">
            <Link href={`/compliance/udbud${tenderQuery({ ...effective, category: null })}`}>Alle kategorier</Link>
          </p>
          <section className="mb-10">
            <h3 className="mb-2">Pr. leverandør</h3>
            <p className="mb-4">
              {formatNumber(bySupplier.length)} leverandører, i alt {money(total(bySupplier))}{" "}
              <a className={buttonClassName("secondary", "ml-2")} href={`/compliance/udbud/xlsx${tenderQuery(effective, { pr: "leverandoer" })}`} download>
                Hent pr. leverandør (xlsx)
              </a>
            </p>
            <DataTable
              caption={`Forbrug i ${effective.category} ${name} pr. leverandør`}
              captionHidden
              compact
              rows={bySupplier.slice(0, SHOWN)}
              rowKey={(r) => r.key}
              emptyText="Intet forbrug i kategorien i perioden."
              columns={spendColumns("Leverandør", "På forpligtende aftale")}
            />
            {bySupplier.length > SHOWN ? <p className="mt-2">De {SHOWN} største er vist; regnearket har alle.</p> : null}
          </section>
          <section className="mb-10">
            <h3 className="mb-2">Pr. institution</h3>
            <p className="mb-4">
              {formatNumber(byInstitution.length)} institutioner.{" "}
              <a className={buttonClassName("secondary", "ml-2")} href={`/compliance/udbud/xlsx${tenderQuery(effective, { pr: "institution" })}`} download>
                Hent pr. institution (xlsx)
              </a>
            </p>
            <DataTable
              caption={`Forbrug i ${effective.category} ${name} pr. institution`}
              captionHidden
              compact
              rows={byInstitution.slice(0, SHOWN)}
              rowKey={(r) => r.key}
              emptyText="Intet forbrug i kategorien i perioden."
              columns={spendColumns("Institution", "Ministerområde")}
            />
            {byInstitution.length > SHOWN ? <p className="mt-2">De {SHOWN} største er vist; regnearket har alle.</p> : null}
          </section>
        </>
      )}
    </>
  );
}
