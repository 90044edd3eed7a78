"use client";

import type { ReactNode } from "react";
import type { ActionResult, FormAction } from "@/lib/action-result";
import { AUTHORITY_TYPE_LABELS, AUTHORITY_TYPES, CONTRACT_TYPE_LABELS, CONTRACT_TYPES } from "@/lib/cascade/eu-threshold";
import { formatMoneyOre } from "@/lib/format";
import type { AuthorityType, ContractType } from "@/lib/generated/prisma/enums";
import { Alert } from "./Alert";
import { Button } from "./Button";
import { ErrorSummary } from "./ErrorSummary";
import { FormField, errorId, errorText, fieldAria } from "./FormField";
import { Select, type SelectOption } from "./Select";
import { TextArea, TextInput } from "./TextInput";
import { cx } from "./cx";
import { errorSummaryItems, firstError } from "./form-errors";
import { useKeptForm } from "./use-kept-form";


/** The agency's master-data forms (agreements, phases, categories, suppliers); fields keep what was typed (useKeptForm). */

function FormFrame({
  action,
  order,
  submitText,
  children,
}: {
  action: FormAction;
  /** Field names in page order, for the error summary. */
  order: readonly string[];
  submitText: string;
  children: (errors: ActionResult["errors"]) => ReactNode;
}) {
  const { result, formAction, pending, onSubmit } = useKeptForm(action);
  const items = errorSummaryItems(result.errors, order);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="max-w-2xl space-y-6">
      {items.length > 0 ? <ErrorSummary items={items} /> : null}
      {result.message && items.length === 0 ? (
        <Alert variant={result.ok ? "success" : "error"}>
          <p>{result.message}</p>
        </Alert>
      ) : null}
      {children(result.errors)}
      <Button type="submit" aria-disabled={pending || undefined} onClick={(event) => pending && event.preventDefault()}>
        {pending ? "Gemmer …" : submitText}
      </Button>
    </form>
  );
}

/** A single checkbox with its label, hint and error (DKFDS form-checkbox). */
export function Checkbox({
  id,
  name,
  label,
  hint,
  error,
  defaultChecked,
  disabled,
}: {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | readonly string[];
  defaultChecked?: boolean;
  disabled?: boolean;
}) {
  const message = errorText(error);
  return (
    <div className={cx(message ? "border-l-4 border-error pl-3" : undefined)}>
      {message ? (
        <p id={errorId(id)} className="mb-1 font-semibold text-error">
          <span className="sr-only">Fejl: </span>
          {message}
        </p>
      ) : null}
      <div className="flex items-start gap-3">
        <input
          id={id}
          name={name}
          type="checkbox"
          defaultChecked={defaultChecked}
          disabled={disabled}
          {...fieldAria(id, hint, error)}
          className="mt-0.5 size-5 shrink-0 accent-primary"
        />
        <label htmlFor={id}>
          {label}
          {hint ? (
            <span id={`${id}-hint`} className="block text-ink-light">
              {hint}
            </span>
          ) : null}
        </label>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Suppliers
// ---------------------------------------------------------------------------------------------

export type SupplierFormValues = { id: number; cvr: string; name: string; categoryCode: string | null };

export function SupplierForm({
  action,
  supplier,
  categories,
}: {
  action: FormAction;
  supplier: SupplierFormValues | null;
  categories: readonly SelectOption[];
}) {
  return (
    <FormFrame action={action} order={["cvr", "name", "categoryCode"]} submitText={supplier ? "Gem leverandør" : "Opret leverandør"}>
      {(errors) => (
        <>
          <input type="hidden" name="id" value={supplier?.id ?? ""} />
          <TextInput
            id="cvr"
            name="cvr"
            label="CVR-nummer"
            width="short"
            inputMode="numeric"
            autoComplete="off"
            defaultValue={supplier?.cvr}
            readOnly={Boolean(supplier)}
            hint={supplier ? "CVR-nummeret kan ikke ændres." : "8 cifre. Kontrolcifferet tjekkes (modulus 11)."}
            error={firstError(errors, "cvr")}
          />
          <TextInput id="name" name="name" label="Navn" width="long" defaultValue={supplier?.name} error={firstError(errors, "name")} />
          <Select
            id="categoryCode"
            name="categoryCode"
            label="Indkøbskategori"
            optional
            hint="Bruges til indkøbslinjer fra leverandøren, der ikke selv har en kategori."
            placeholder="Ingen kategori"
            options={categories}
            defaultValue={supplier?.categoryCode ?? ""}
            width="long"
            error={firstError(errors, "categoryCode")}
          />
        </>
      )}
    </FormFrame>
  );
}

// ---------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------

export type CategoryFormValues = { code: string; name: string; hasMandatoryAgreements: boolean; contractType: ContractType };

const CONTRACT_TYPE_OPTIONS = CONTRACT_TYPES.map((type) => ({ value: type, label: CONTRACT_TYPE_LABELS[type] }));

export function CategoryForm({ action, category }: { action: FormAction; category: CategoryFormValues | null }) {
  return (
    <FormFrame
      action={action}
      order={["code", "name", "hasMandatoryAgreements", "contractType"]}
      submitText={category ? "Gem kategori" : "Opret kategori"}
    >
      {(errors) => (
        <>
          <input type="hidden" name="editing" value={category?.code ?? ""} />
          <TextInput
            id="code"
            name="code"
            label="Kategorikode"
            width="short"
            inputMode="numeric"
            defaultValue={category?.code}
            readOnly={Boolean(category)}
            hint={category ? "Koden kan ikke ændres." : "Fire cifre, fx 1920."}
            error={firstError(errors, "code")}
          />
          <TextInput
            id="name"
            name="name"
            label="Navn"
            width="long"
            hint="Højst 50 tegn, som i Statens Indkøbs skabelon for indkøbsdata."
            defaultValue={category?.name}
            error={firstError(errors, "name")}
          />
          <Checkbox
            id="hasMandatoryAgreements"
            name="hasMandatoryAgreements"
            label="Kategorien rummer forpligtende aftaler"
            defaultChecked={category?.hasMandatoryAgreements}
            error={firstError(errors, "hasMandatoryAgreements")}
          />
          <Select
            id="contractType"
            name="contractType"
            label="Kontrakttype"
            hint="Afgør, hvilken EU-tærskelværdi kaskaden sammenligner et indkøbsbehov i kategorien med."
            width="long"
            options={CONTRACT_TYPE_OPTIONS}
            defaultValue={category?.contractType ?? "SUPPLIES_SERVICES"}
            error={firstError(errors, "contractType")}
          />
        </>
      )}
    </FormFrame>
  );
}

// ---------------------------------------------------------------------------------------------
// Phases
// ---------------------------------------------------------------------------------------------

export type PhaseFormValues = { id: number; number: number; name: string; tenderYear: number; effectiveDate: string; closed: boolean };

export function PhaseForm({ action, phase }: { action: FormAction; phase: PhaseFormValues | null }) {
  return (
    <FormFrame
      action={action}
      order={["number", "name", "tenderYear", "effectiveDate", "closed"]}
      submitText={phase ? "Gem fase" : "Opret fase"}
    >
      {(errors) => (
        <>
          <input type="hidden" name="id" value={phase?.id ?? ""} />
          <TextInput
            id="number"
            name="number"
            label="Fasens nummer"
            width="short"
            inputMode="numeric"
            defaultValue={phase?.number}
            readOnly={Boolean(phase)}
            hint={phase ? "Nummeret kan ikke ændres: reglerne om tilmelding (fase 8-10) afhænger af det." : "Udbudsrundens nummer, fx 13."}
            error={firstError(errors, "number")}
          />
          <TextInput
            id="name"
            name="name"
            label="Navn"
            optional
            hint="Tomt giver fx «13. fase»."
            defaultValue={phase?.name}
            error={firstError(errors, "name")}
          />
          <TextInput
            id="tenderYear"
            name="tenderYear"
            label="Udbudsår"
            width="short"
            inputMode="numeric"
            hint="Det år, udbuddet blev holdt."
            defaultValue={phase?.tenderYear}
            error={firstError(errors, "tenderYear")}
          />
          <TextInput
            id="effectiveDate"
            name="effectiveDate"
            type="date"
            label="Ikrafttrædelse"
            width="short"
            hint="Den dag, fasens aftaler trådte i kraft."
            defaultValue={phase?.effectiveDate}
            error={firstError(errors, "effectiveDate")}
          />
          {phase?.closed ? (
            <>
              <input type="hidden" name="closed" value="on" />
              <Checkbox
                id="closed"
                name="closedShown"
                label="Udbudsrunden er afsluttet"
                hint="En afsluttet udbudsrunde kan ikke genåbnes."
                defaultChecked
                disabled
              />
            </>
          ) : (
            <Checkbox
              id="closed"
              name="closed"
              label="Udbudsrunden er afsluttet"
              hint="Ingen kan blive part på en afsluttet udbudsrunde, og den kan ikke genåbnes bagefter."
              error={firstError(errors, "closed")}
            />
          )}
        </>
      )}
    </FormFrame>
  );
}

// ---------------------------------------------------------------------------------------------
// Agreements
// ---------------------------------------------------------------------------------------------

export type AgreementFormValues = {
  id: number;
  reference: string;
  name: string;
  description: string;
  kind: string;
  phaseNumber: number | null;
  validFrom: string;
  validTo: string;
  ownerCvr: string | null;
  ecommerce: boolean;
  categoryCodes: string[];
  supplierCvrs: string[];
  /** In øre, as the audit snapshot has them; null: not registered. */
  estimatedValueOre: string | null;
  maximumValueOre: string | null;
};

/** An øre amount as the kroner text the amount fields take, e.g. "12.000.000,00". */
function kronerText(ore: string | null | undefined): string {
  return ore ? formatMoneyOre(BigInt(ore), { unit: false }) : "";
}

export type AgreementFormOptions = {
  kinds: readonly SelectOption[];
  phases: readonly SelectOption[];
  institutions: readonly SelectOption[];
  categories: readonly { code: string; name: string }[];
};

const AGREEMENT_ORDER = [
  "reference",
  "name",
  "description",
  "kind",
  "phaseNumber",
  "validFrom",
  "validTo",
  "ownerCvr",
  "categoryCodes",
  "supplierCvrs",
  "ecommerce",
  "estimatedValueOre",
  "maximumValueOre",
] as const;

export function AgreementForm({
  action,
  agreement,
  options,
  categoryPrefix,
}: {
  action: FormAction;
  agreement: AgreementFormValues | null;
  options: AgreementFormOptions;
  /** The name prefix of the category checkboxes (see admin-schemas.ts). */
  categoryPrefix: string;
}) {
  const chosen = new Set(agreement?.categoryCodes ?? []);
  return (
    <FormFrame action={action} order={AGREEMENT_ORDER} submitText={agreement ? "Gem aftale" : "Opret aftale"}>
      {(errors) => {
        const categoryError = firstError(errors, "categoryCodes");
        return (
          <>
            <input type="hidden" name="id" value={agreement?.id ?? ""} />
            <TextInput
              id="reference"
              name="reference"
              label="Reference"
              width="short"
              hint="Entydig, fx SIP 12.03."
              defaultValue={agreement?.reference}
              error={firstError(errors, "reference")}
            />
            <TextInput id="name" name="name" label="Navn" width="long" defaultValue={agreement?.name} error={firstError(errors, "name")} />
            <TextArea
              id="description"
              name="description"
              label="Beskrivelse"
              optional
              rows={4}
              defaultValue={agreement?.description}
              error={firstError(errors, "description")}
            />
            <Select
              id="kind"
              name="kind"
              label="Aftaletype"
              hint="Typen bestemmer aftalens trin i indkøbskaskaden."
              placeholder="Vælg aftaletype"
              options={options.kinds}
              defaultValue={agreement?.kind ?? ""}
              width="long"
              error={firstError(errors, "kind")}
            />
            <Select
              id="phaseNumber"
              name="phaseNumber"
              label="Fase (udbudsrunde)"
              hint="Skal vælges for centralt koordinerede aftaler. SKI-aftaler og egne aftaler har ingen fase."
              placeholder="Ingen fase"
              options={options.phases}
              defaultValue={agreement?.phaseNumber?.toString() ?? ""}
              error={firstError(errors, "phaseNumber")}
            />
            <div className="flex flex-wrap gap-6">
              <TextInput
                id="validFrom"
                name="validFrom"
                type="date"
                label="Gyldig fra"
                width="short"
                defaultValue={agreement?.validFrom}
                error={firstError(errors, "validFrom")}
              />
              <TextInput
                id="validTo"
                name="validTo"
                type="date"
                label="Gyldig til"
                hint="Sidste dag, aftalen kan bruges."
                width="short"
                defaultValue={agreement?.validTo}
                error={firstError(errors, "validTo")}
              />
            </div>
            <Select
              id="ownerCvr"
              name="ownerCvr"
              label="Ejerinstitution"
              hint="Kun for egne aftaler: den institution, der ejer aftalen."
              placeholder="Ingen ejer"
              options={options.institutions}
              defaultValue={agreement?.ownerCvr ?? ""}
              width="long"
              error={firstError(errors, "ownerCvr")}
            />
            <fieldset
              id="categoryCodes"
              tabIndex={-1}
              aria-describedby={categoryError ? errorId("categoryCodes") : undefined}
              className={cx(categoryError ? "border-l-4 border-error pl-3" : undefined)}
            >
              <legend className="font-semibold">Indkøbskategorier</legend>
              <p className="text-ink-light">Vælg mindst én.</p>
              {categoryError ? (
                <p id={errorId("categoryCodes")} className="mt-1 font-semibold text-error">
                  <span className="sr-only">Fejl: </span>
                  {categoryError}
                </p>
              ) : null}
              <div className="mt-2 grid gap-2 sm:grid-cols-2">
                {options.categories.map((category) => (
                  <div key={category.code} className="flex items-start gap-3">
                    <input
                      id={`category-${category.code}`}
                      name={`${categoryPrefix}${category.code}`}
                      type="checkbox"
                      defaultChecked={chosen.has(category.code)}
                      className="mt-0.5 size-5 shrink-0 accent-primary"
                    />
                    <label htmlFor={`category-${category.code}`}>
                      {category.code} {category.name}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
            <TextArea
              id="supplierCvrs"
              name="supplierCvrs"
              label="Leverandørernes CVR-numre"
              optional
              rows={4}
              width="default"
              hint="Ét CVR-nummer pr. linje (eller adskilt med komma). Leverandørerne skal være oprettet."
              defaultValue={agreement?.supplierCvrs.join("\n")}
              error={firstError(errors, "supplierCvrs")}
            />
            <Checkbox
              id="ecommerce"
              name="ecommerce"
              label="Aftalen kan bruges via e-handel (IndFak)"
              defaultChecked={agreement?.ecommerce}
              error={firstError(errors, "ecommerce")}
            />
            <div className="flex flex-wrap gap-6">
              <TextInput
                id="estimatedValueOre"
                name="estimatedValueOre"
                label="Anslået værdi (kr.)"
                optional
                hint="For alle kunder tilsammen, ekskl. moms."
                width="short"
                inputMode="decimal"
                defaultValue={kronerText(agreement?.estimatedValueOre)}
                error={firstError(errors, "estimatedValueOre")}
              />
              <TextInput
                id="maximumValueOre"
                name="maximumValueOre"
                label="Maksimal værdi (kr.)"
                optional
                hint="Når forbruget når den, har aftalen ikke længere virkning. Tom: maksimum ikke registreret."
                width="short"
                inputMode="decimal"
                defaultValue={kronerText(agreement?.maximumValueOre)}
                error={firstError(errors, "maximumValueOre")}
              />
            </div>
          </>
        );
      }}
    </FormFrame>
  );
}

/** Retiring needs a ticked confirmation: it cannot be undone from the portal. */
export function RetireAgreementForm({ action, id, reference }: { action: FormAction; id: number; reference: string }) {
  const { result, formAction, pending, onSubmit } = useKeptForm(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="max-w-2xl space-y-4">
      <input type="hidden" name="id" value={id} />
      <Checkbox
        id="confirm"
        name="confirm"
        label={`Ja, aftale ${reference} skal udfases`}
        hint="Aftalen bevares med sine parter, tilmeldinger og indkøbsdata, men markeres som udgået. Det kan ikke fortrydes i portalen."
        error={firstError(result.errors, "confirm")}
      />
      {result.message && !firstError(result.errors, "confirm") ? (
        <Alert variant={result.ok ? "success" : "error"}>
          <p>{result.message}</p>
        </Alert>
      ) : null}
      <Button type="submit" variant="warning" aria-disabled={pending || undefined} onClick={(event) => pending && event.preventDefault()}>
        {pending ? "Udfaser …" : "Udfas aftalen"}
      </Button>
    </form>
  );
}

/** A file field (DKFDS form-file-input) inside a FormField. */
export function FileInput({
  id,
  name,
  label,
  hint,
  error,
  accept,
}: {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | readonly string[];
  accept?: string;
}) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      <input id={id} name={name} type="file" accept={accept} {...fieldAria(id, hint, error)} className="block text-sm" />
    </FormField>
  );
}

// ---------------------------------------------------------------------------------------------
// EU thresholds
// ---------------------------------------------------------------------------------------------

/** A period's values as the form shows them: dates YYYY-MM-DD, amounts in Danish notation. */
export type EuThresholdPeriodFormValues = { validFrom: string; validTo: string; amounts: Record<string, string> };

export function EuThresholdPeriodForm({
  action,
  period,
  slots,
}: {
  action: FormAction;
  /** The period being edited; null adds one. */
  period: EuThresholdPeriodFormValues | null;
  slots: readonly { key: string; label: string }[];
}) {
  return (
    <FormFrame
      action={action}
      order={["validFrom", "validTo", ...slots.map((slot) => slot.key)]}
      submitText={period ? "Gem tærskelværdier" : "Tilføj periode"}
    >
      {(errors) => (
        <>
          <input type="hidden" name="editing" value={period?.validFrom ?? ""} />
          <TextInput
            id="validFrom"
            name="validFrom"
            type="date"
            width="short"
            label="Gælder fra"
            hint="Første dag i perioden, normalt 1. januar i et lige år."
            defaultValue={period?.validFrom}
            error={firstError(errors, "validFrom")}
          />
          <TextInput
            id="validTo"
            name="validTo"
            type="date"
            width="short"
            label="Gælder til"
            hint="Sidste dag i perioden, normalt 31. december året efter."
            defaultValue={period?.validTo}
            error={firstError(errors, "validTo")}
          />
          {slots.map((slot) => (
            <TextInput
              key={slot.key}
              id={slot.key}
              name={slot.key}
              inputMode="decimal"
              label={slot.label}
              hint="Kroner ekskl. moms, som Europa-Kommissionen har offentliggjort beløbet, fx 1.044.400."
              defaultValue={period?.amounts[slot.key]}
              error={firstError(errors, slot.key)}
            />
          ))}
        </>
      )}
    </FormFrame>
  );
}

/** ADMIN, on an institution's page: its authority type for the EU thresholds ("" = the default from its kind). */
export function InstitutionAuthorityForm({
  action,
  institutionId,
  authorityType,
  defaultLabel,
}: {
  action: FormAction;
  institutionId: number;
  authorityType: AuthorityType | null;
  /** What the default is for this institution's kind, e.g. "Statslig (central) myndighed". */
  defaultLabel: string;
}) {
  return (
    <FormFrame action={action} order={["authorityType"]} submitText="Gem myndighedstype">
      {(errors) => (
        <>
          <input type="hidden" name="institutionId" value={institutionId} />
          <Select
            id="authorityType"
            name="authorityType"
            label="Myndighedstype for EU's tærskelværdier"
            hint="Statslige myndigheder har en lavere tærskelværdi for varer og tjenesteydelser end regionale og kommunale myndigheder og offentligretlige organer."
            width="long"
            defaultValue={authorityType ?? ""}
            options={[
              { value: "", label: `Efter institutionstypen: ${defaultLabel}` },
              ...AUTHORITY_TYPES.map((type) => ({ value: type, label: AUTHORITY_TYPE_LABELS[type] })),
            ]}
            error={firstError(errors, "authorityType")}
          />
        </>
      )}
    </FormFrame>
  );
}
