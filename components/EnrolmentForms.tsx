"use client";

import { useActionState, useState, type FormEvent, type ReactNode } from "react";
import { initialActionResult, type ActionResult, type FormAction } from "@/lib/action-result";
import type { EnrolmentActionResult } from "@/lib/enrolment/schemas";
import { Alert } from "./Alert";
import { Button } from "./Button";
import { DataTable } from "./DataTable";
import { ErrorSummary } from "./ErrorSummary";
import { Checkbox, FileInput } from "./MasterDataForms";
import { Select } from "./Select";
import { SubmitButton } from "./SubmitButton";
import { TextArea, TextInput } from "./TextInput";
import { errorSummaryItems, firstError } from "./form-errors";
import { useKeptForm } from "./use-kept-form";


type EnrolmentAction = (previous: EnrolmentActionResult, formData: FormData) => Promise<EnrolmentActionResult>;

function Pending({ pending, children, pendingText }: { pending: boolean; children: ReactNode; pendingText: string }) {
  return (
    <Button type="submit" aria-disabled={pending || undefined} onClick={(event) => pending && event.preventDefault()}>
      {pending ? pendingText : children}
    </Button>
  );
}

function ResultMessage({ result }: { result: ActionResult }) {
  if (!result.message) return null;
  return (
    <Alert variant={result.ok ? "success" : "error"} className="mt-4">
      <p>{result.message}</p>
    </Alert>
  );
}

// ---------------------------------------------------------------------------------------------
// Bilag 7 and the Skema upload
// ---------------------------------------------------------------------------------------------

export type Bilag7Defaults = {
  agreementId: number;
  institutionName: string;
  cvr: string;
  ean: string;
  eanOptions: { value: string; label: string }[];
  address: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  today: string;
};

const BILAG7_ORDER = ["cvr", "ean", "address", "contactName", "contactEmail", "contactPhone", "signatoryName", "signedOn", "acceptsNoObligation", "file"];

export function EnrolmentForm({ action, defaults, maxMegabytes }: { action: EnrolmentAction; defaults: Bilag7Defaults; maxMegabytes: number }) {
  const { result, formAction, pending, onSubmit: send } = useKeptForm(action);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    // A file over the limit is stopped here, before it is sent (the server checks again).
    const input = event.currentTarget.elements.namedItem("file");
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
    if (file && file.size > maxMegabytes * 1024 * 1024) {
      event.preventDefault();
      setTooLarge(
        `Filen er for stor (${(file.size / (1024 * 1024)).toLocaleString("da-DK", { maximumFractionDigits: 1 })} MB). Den må højst være ${maxMegabytes} MB.`,
      );
      return;
    }
    setTooLarge(null);
    send(event);
  };
  const errors = tooLarge ? { file: [tooLarge] } : result.errors;
  const items = errorSummaryItems(errors, BILAG7_ORDER);
  const problems = tooLarge ? [] : (result.problems ?? []);
  return (
    <>
      <form action={formAction} onSubmit={onSubmit} noValidate encType="multipart/form-data" className="max-w-2xl space-y-6">
        {items.length > 0 ? <ErrorSummary items={items} /> : null}
        {result.message && !result.ok && items.length === 0 && problems.length === 0 ? (
          <Alert variant="error">
            <p>{result.message}</p>
          </Alert>
        ) : null}
        <input type="hidden" name="agreementId" value={defaults.agreementId} />
        <fieldset className="space-y-6">
          <legend className="mb-4 text-2xl font-semibold">Bilag 7: tilmelding</legend>
          <TextInput id="institution" label="Institution" width="long" value={defaults.institutionName} readOnly hint="Jeres egen institution." />
          <TextInput
            id="cvr"
            name="cvr"
            label="CVR-nummer"
            width="short"
            inputMode="numeric"
            autoComplete="off"
            defaultValue={defaults.cvr}
            hint="Institutionens CVR-nummer, 8 cifre."
            error={firstError(errors, "cvr")}
          />
          {defaults.eanOptions.length > 0 ? (
            <Select
              id="ean"
              name="ean"
              label="EAN-lokationsnummer"
              hint="Det EAN-lokationsnummer, fakturaer for aftalen sendes til."
              options={defaults.eanOptions}
              defaultValue={defaults.ean}
              width="long"
              error={firstError(errors, "ean")}
            />
          ) : (
            <TextInput
              id="ean"
              name="ean"
              label="EAN-lokationsnummer"
              width="default"
              inputMode="numeric"
              autoComplete="off"
              hint="13 cifre. Det EAN-lokationsnummer, fakturaer for aftalen sendes til."
              defaultValue={defaults.ean}
              error={firstError(errors, "ean")}
            />
          )}
          <TextInput id="address" name="address" label="Adresse" width="long" autoComplete="street-address" defaultValue={defaults.address} error={firstError(errors, "address")} />
          <TextInput id="contactName" name="contactName" label="Kontaktperson" width="long" autoComplete="name" defaultValue={defaults.contactName} error={firstError(errors, "contactName")} />
          <TextInput
            id="contactEmail"
            name="contactEmail"
            type="email"
            label="E-mail"
            width="long"
            autoComplete="email"
            defaultValue={defaults.contactEmail}
            error={firstError(errors, "contactEmail")}
          />
          <TextInput id="contactPhone" name="contactPhone" type="tel" label="Telefon" width="default" autoComplete="tel" defaultValue={defaults.contactPhone} error={firstError(errors, "contactPhone")} />
          <TextInput
            id="signatoryName"
            name="signatoryName"
            label="Underskriver"
            width="long"
            hint="Navn og titel på den, der tilmelder institutionen, fx indkøbschefen."
            error={firstError(errors, "signatoryName")}
          />
          <TextInput id="signedOn" name="signedOn" type="date" label="Dato" width="short" defaultValue={defaults.today} max={defaults.today} error={firstError(errors, "signedOn")} />
          <Checkbox
            id="acceptsNoObligation"
            name="acceptsNoObligation"
            label="Vi er indforstået med, at tilmeldingen ikke forpligter os til at købe ind på aftalen."
            error={firstError(errors, "acceptsNoObligation")}
          />
        </fieldset>
        <FileInput
          id="file"
          name="file"
          label="Udfyldt Skema (xlsx)"
          hint={`Brug aftalens skabelon. Filen må højst være ${maxMegabytes} MB og må ikke indeholde makroer, formler eller skjulte ark.`}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          error={problems.length === 0 ? firstError(errors, "file") : undefined}
        />
        <Pending pending={pending} pendingText="Kontrollerer og indsender …">
          Indsend tilmelding
        </Pending>
      </form>
      {problems.length > 0 ? (
        <section aria-labelledby="skema-problems" className="mt-8">
          <Alert variant="error" heading="Tilmeldingen er ikke indsendt">
            <p>{result.message}</p>
          </Alert>
          <h2 id="skema-problems" className="mt-8">
            Fejl i skemaet
          </h2>
          {result.totalProblems && result.totalProblems > problems.length ? (
            <p className="mt-2">
              Viser de første {problems.length} af {result.totalProblems.toLocaleString("da-DK")} fejl.
            </p>
          ) : null}
          <DataTable
            className="mt-4"
            caption="Fejl i skemaet: ark, række, kolonne og årsag"
            captionHidden
            compact
            rows={problems}
            rowKey={(_problem, index) => index}
            columns={[
              { key: "sheet", header: "Ark", cell: (p) => p.sheet },
              { key: "row", header: "Række", numeric: true, cell: (p) => p.row ?? "–" },
              { key: "column", header: "Kolonne", cell: (p) => p.column ?? "–" },
              { key: "message", header: "Fejl", cell: (p) => p.message },
            ]}
          />
        </section>
      ) : null}
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// The group buyer's decision, and the customer's withdrawal
// ---------------------------------------------------------------------------------------------

export function DecisionForm({ action, enrolmentId }: { action: FormAction; enrolmentId: number }) {
  const { result, formAction, pending, onSubmit } = useKeptForm(action);
  const [decision, setDecision] = useState<"APPROVE" | "REJECT">("APPROVE");
  const items = errorSummaryItems(result.errors, ["decision", "reason"]);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="max-w-2xl space-y-6">
      {items.length > 0 ? <ErrorSummary items={items} /> : null}
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <fieldset>
        <legend className="font-semibold">Afgørelse</legend>
        <div className="mt-2 space-y-2">
          {(
            [
              ["APPROVE", "Godkend: institutionen bliver part på aftalen og får en bekræftelse"],
              ["REJECT", "Afvis med en begrundelse"],
            ] as const
          ).map(([value, label]) => (
            <div key={value} className="flex items-center gap-3">
              <input
                id={`decision-${value}`}
                type="radio"
                name="decision"
                value={value}
                checked={decision === value}
                onChange={() => setDecision(value)}
                className="size-5 accent-primary"
              />
              <label htmlFor={`decision-${value}`}>{label}</label>
            </div>
          ))}
        </div>
      </fieldset>
      {decision === "REJECT" ? (
        <TextArea id="reason" name="reason" label="Begrundelse" hint="Begrundelsen sendes til kunden." rows={4} error={firstError(result.errors, "reason")} />
      ) : null}
      <Pending pending={pending} pendingText="Gemmer …">
        {decision === "APPROVE" ? "Godkend tilmelding" : "Afvis tilmelding"}
      </Pending>
      {items.length === 0 ? <ResultMessage result={result} /> : null}
    </form>
  );
}

export function WithdrawForm({ action, enrolmentId }: { action: FormAction; enrolmentId: number }) {
  const [result, formAction] = useActionState(action, initialActionResult);
  return (
    <form action={formAction}>
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <SubmitButton variant="secondary" pendingText="Trækker tilbage …">
        Træk tilmeldingen tilbage
      </SubmitButton>
      <ResultMessage result={result} />
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Requests: access for a concrete purchase, joining the next phase, and their decisions
// ---------------------------------------------------------------------------------------------

export function AccessRequestForm({ action, enrolmentId }: { action: FormAction; enrolmentId: number }) {
  const { result, formAction, pending, onSubmit } = useKeptForm(action);
  const items = errorSummaryItems(result.errors, ["purpose"]);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="max-w-2xl space-y-6">
      {items.length > 0 ? <ErrorSummary items={items} /> : null}
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <TextArea
        id="purpose"
        name="purpose"
        label="Det konkrete køb"
        hint="Hvad vil I købe på aftalen, og omtrent hvornår? Koncernindkøberen giver adgang (log-in) til aftalen til købet."
        rows={4}
        error={firstError(result.errors, "purpose")}
      />
      <Pending pending={pending} pendingText="Sender …">
        Anmod om adgang
      </Pending>
      {items.length === 0 ? <ResultMessage result={result} /> : null}
    </form>
  );
}

export function JoinRequestForm({ action, agreementId, phaseName }: { action: FormAction; agreementId: number; phaseName: string }) {
  const { result, formAction, pending, onSubmit } = useKeptForm(action);
  const items = errorSummaryItems(result.errors, ["message"]);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="max-w-2xl space-y-6">
      {items.length > 0 ? <ErrorSummary items={items} /> : null}
      <input type="hidden" name="agreementId" value={agreementId} />
      <TextArea
        id="message"
        name="message"
        label="Besked til koncernindkøberen"
        optional
        hint="Fx hvilke aftaler I især er interesserede i."
        rows={4}
        error={firstError(result.errors, "message")}
      />
      <Pending pending={pending} pendingText="Sender …">
        {`Anmod om at blive part i ${phaseName}`}
      </Pending>
      {items.length === 0 ? <ResultMessage result={result} /> : null}
    </form>
  );
}

/** Grant or refuse a request (access or join); `idPrefix` keeps several forms on one page apart. */
export function RequestDecisionForm({ action, requestId, idPrefix, grantText }: { action: FormAction; requestId: number; idPrefix: string; grantText: string }) {
  const { result, formAction, pending, onSubmit } = useKeptForm(action);
  const responseId = `${idPrefix}-response-${requestId}`;
  const items = errorSummaryItems(result.errors, ["response"], { response: responseId });
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-3">
      {items.length > 0 ? <ErrorSummary items={items} focusOnMount={false} /> : null}
      <input type="hidden" name="requestId" value={requestId} />
      <TextArea
        id={responseId}
        name="response"
        label="Svar til kunden"
        optional
        hint="Skal udfyldes ved afvisning."
        rows={2}
        width="full"
        error={firstError(result.errors, "response")}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="GRANT" aria-disabled={pending || undefined} onClick={(event) => pending && event.preventDefault()}>
          {grantText}
        </Button>
        <Button type="submit" name="decision" value="REFUSE" variant="secondary" aria-disabled={pending || undefined} onClick={(event) => pending && event.preventDefault()}>
          Afvis
        </Button>
      </div>
      {items.length === 0 ? <ResultMessage result={result} /> : null}
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

export function MarkReadForm({ action, messageId, all }: { action: FormAction; messageId?: number; all?: boolean }) {
  const [result, formAction] = useActionState(action, initialActionResult);
  return (
    <form action={formAction}>
      {all ? <input type="hidden" name="all" value="true" /> : <input type="hidden" name="messageId" value={messageId} />}
      <SubmitButton variant={all ? "secondary" : "tertiary"} pendingText="Gemmer …">
        {all ? "Markér alle som læst" : "Markér som læst"}
      </SubmitButton>
      {result.message && !result.ok ? <p role="alert" className="font-semibold text-error">{result.message}</p> : null}
    </form>
  );
}
