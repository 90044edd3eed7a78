import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { z } from "zod";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { CascadeChoiceForm, type ChoiceOption } from "@/components/CascadeChoiceForm";
import { CascadeExplanation } from "@/components/CascadeExplanation";
import { ErrorSummary } from "@/components/ErrorSummary";
import { PageHeader } from "@/components/PageHeader";
import { Select } from "@/components/Select";
import { TextInput } from "@/components/TextInput";
import { errorSummaryItems, firstError } from "@/components/form-errors";
import { requirePermission } from "@/lib/auth/guard";
import { usableCandidates } from "@/lib/cascade/choice";
import { CascadeInputError, evaluateNeed, type Evaluation } from "@/lib/cascade/decisions";
import { OWN_PROCUREMENT_CHOICE, OWN_PROCUREMENT_LABEL } from "@/lib/cascade/labels";
import { needFormOptions } from "@/lib/cascade/options";
import { needInputSchema, todayIso } from "@/lib/cascade/schemas";
import { formatDate, formatMoneyOre } from "@/lib/format";
import { CUSTOMER_TYPE_LABELS } from "@/lib/organisation/labels";
import { recordCascadeDecision } from "../actions";

export const metadata: Metadata = { title: "Nyt indkøbsbehov" };

const FIELDS = ["institution", "category", "amount", "date"] as const;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export default async function NewNeedPage({ searchParams }: PageProps<"/indkoebsbehov/ny">) {
  const user = await requirePermission("cascade.use");
  const raw = await searchParams;
  const options = await needFormOptions(user);
  const submitted = FIELDS.some((name) => raw[name] !== undefined);
  let errors: Record<string, string[] | undefined> = {};
  let evaluation: Evaluation | null = null;
  if (submitted) {
    const parsed = needInputSchema().safeParse(raw);
    if (!parsed.success) {
      errors = z.flattenError(parsed.error).fieldErrors;
    } else {
      try {
        evaluation = await evaluateNeed(user, parsed.data);
      } catch (error) {
        if (!(error instanceof CascadeInputError)) throw error;
        errors = error.errors;
      }
    }
  }
  const groupBuyer = options.institutions !== null;
  // A buyer has no institution field: an institution refused in the address is said at the top.
  const institutionError = groupBuyer ? undefined : firstError(errors, "institution");
  const summary = errorSummaryItems(groupBuyer ? errors : { ...errors, institution: undefined }, FIELDS);

  return (
    <>
      <PageHeader
        title="Nyt indkøbsbehov"
        lead="Angiv indkøbskategori, anslået beløb og dato. Portalen går kaskaden igennem – forpligtende aftaler, frivillige aftaler og egne aftaler – og viser, hvilken aftale behovet skal dækkes af, og hvorfor."
      />
      {summary.length > 0 ? <ErrorSummary items={summary} /> : null}
      {institutionError ? (
        <Alert variant="error" className="mb-6">
          {institutionError}
        </Alert>
      ) : null}

      <form method="get" action="/indkoebsbehov/ny" noValidate className="mb-10 grid max-w-3xl gap-6" aria-label="Indkøbsbehov">
        {groupBuyer ? (
          <Select
            id="institution"
            name="institution"
            label="Institution"
            hint="Koncernindkøbere kan vurdere indkøb for institutionerne i ministerområdet."
            placeholder="Vælg institution"
            width="long"
            defaultValue={first(raw.institution)}
            options={options.institutions!.map((institution) => ({ value: String(institution.id), label: institution.name }))}
            error={firstError(errors, "institution")}
          />
        ) : null}
        <TextInput
          id="category"
          name="category"
          label="Indkøbskategori"
          hint="Skriv kode eller navn, fx 1920 eller kontorartikler, og vælg kategorien på listen."
          list="category-options"
          autoComplete="off"
          width="long"
          defaultValue={first(raw.category)}
          error={firstError(errors, "category")}
        />
        <datalist id="category-options">
          {options.categories.map((category) => (
            <option key={category.code} value={`${category.code} ${category.name}`} />
          ))}
        </datalist>
        <TextInput
          id="amount"
          name="amount"
          label="Anslået beløb ekskl. moms"
          hint="I kroner, fx 125.000 eller 1.234,50."
          inputMode="decimal"
          autoComplete="off"
          width="short"
          suffix="kr."
          defaultValue={first(raw.amount)}
          error={firstError(errors, "amount")}
        />
        <TextInput
          id="date"
          name="date"
          type="date"
          label="Dato for behovet"
          hint="Som udgangspunkt i dag. Højst 5 år fra i dag."
          width="short"
          defaultValue={first(raw.date) || todayIso()}
          error={firstError(errors, "date")}
        />
        <div className="flex items-end gap-4">
          <Button type="submit">Vurdér behovet</Button>
          <Link href="/indkoebsbehov/ny">Nulstil</Link>
        </div>
      </form>

      {evaluation ? <Result evaluation={evaluation} /> : null}
    </>
  );
}

function Result({ evaluation }: { evaluation: Evaluation }) {
  const { decision, institution, category } = evaluation;
  const choices: ChoiceOption[] = [
    ...usableCandidates(decision).map((candidate) => ({
      value: String(candidate.agreementId),
      label: `${candidate.name} (${candidate.reference})`,
      hint:
        candidate.agreementId === decision.recommended?.agreementId
          ? `Trin ${candidate.tier} – anbefalet`
          : candidate.tier === decision.winningTier
            ? `Trin ${candidate.tier} – samme trin som anbefalingen`
            : `Trin ${candidate.tier} – afviger fra kaskaden`,
    })),
    {
      value: OWN_PROCUREMENT_CHOICE,
      label: OWN_PROCUREMENT_LABEL,
      hint:
        decision.outcome === "OWN_PROCUREMENT"
          ? "Anbefalet: ingen aftale kan dække behovet."
          : "Afviger fra kaskaden: der er en aftale, der kan dække behovet.",
    },
  ];
  return (
    <section aria-labelledby="result-heading">
      <h2 id="result-heading">Kaskadens vurdering</h2>
      <p className="mt-2 mb-6 max-w-text">
        {institution.name} ({CUSTOMER_TYPE_LABELS[institution.customerType].toLowerCase()}) · {category.code} {category.name} ·{" "}
        {formatMoneyOre(evaluation.amountOre)} ekskl. moms · {formatDate(evaluation.date)}
      </p>
      <CascadeExplanation explanation={evaluation.explanation} headingLevel={3} />

      <h2 className="mt-12 mb-4">Din beslutning</h2>
      <CascadeChoiceForm
        key={evaluation.fingerprint}
        action={recordCascadeDecision}
        need={{
          category: category.code,
          amount: formatMoneyOre(evaluation.amountOre, { unit: false }),
          date: evaluation.date,
          institution: String(institution.id),
        }}
        shown={evaluation.fingerprint}
        options={choices}
        recommended={decision.recommended ? String(decision.recommended.agreementId) : OWN_PROCUREMENT_CHOICE}
        severalUsable={decision.usableInWinningTier.length > 1}
      />
    </section>
  );
}
