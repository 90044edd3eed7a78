"use client";

import { useActionState, useState } from "react";
import { initialActionResult, type FormAction } from "@/lib/action-result";
import { ActionMessage } from "./ActionMessage";
import { PendingButton, submitWithoutReset } from "./PurchaseDataForms";
import { Select, type SelectOption } from "./Select";
import { SubmitButton } from "./SubmitButton";
import { TextArea, TextInput } from "./TextInput";

/** "No sales under the agreement this quarter" (a supplier's user). */
export function NoSalesForm({ action, agreementId, quarter }: { action: FormAction; agreementId: number; quarter: string }) {
  const [result, formAction] = useActionState(action, initialActionResult);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="agreementId" value={agreementId} />
      <input type="hidden" name="quarter" value={quarter} />
      <SubmitButton variant="secondary" pendingText="Gemmer …">
        Ingen omsætning i kvartalet
      </SubmitButton>
      <ActionMessage result={result} />
    </form>
  );
}

/** Issues an API key to the own company; the answer shows the key once. */
export function CreateSupplierKeyForm({ action }: { action: FormAction }) {
  const [name, setName] = useState("");
  const [result, formAction, pending] = useActionState(action, initialActionResult);
  return (
    <form onSubmit={submitWithoutReset(formAction)} className="max-w-2xl space-y-6">
      <TextInput
        id="key-name"
        name="name"
        label="Nøglens navn"
        hint="Fx navnet på det system, der skal bruge nøglen."
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={result.errors?.name}
      />
      <PendingButton pending={pending} pendingText="Opretter …">
        Opret API-nøgle
      </PendingButton>
      <ActionMessage result={result} className="break-all" />
    </form>
  );
}

export function RevokeSupplierKeyForm({ action, keyId }: { action: FormAction; keyId: number }) {
  const [result, formAction] = useActionState(action, initialActionResult);
  return (
    <form action={formAction}>
      <input type="hidden" name="keyId" value={keyId} />
      <SubmitButton variant="secondary" pendingText="Tilbagekalder …">
        Tilbagekald
      </SubmitButton>
      <ActionMessage result={result} />
    </form>
  );
}

/** ADMIN reopens a quarter for one supplier until a day. */
export function ReopenForm({ action, suppliers, quarters }: { action: FormAction; suppliers: readonly SelectOption[]; quarters: readonly SelectOption[] }) {
  const [result, formAction, pending] = useActionState(action, initialActionResult);
  const [supplierId, setSupplierId] = useState(suppliers[0]?.value ?? "");
  const [quarter, setQuarter] = useState(quarters[0]?.value ?? "");
  const [until, setUntil] = useState("");
  const [reason, setReason] = useState("");
  return (
    <form onSubmit={submitWithoutReset(formAction)} className="max-w-2xl space-y-6">
      <Select id="reopen-supplier" name="supplierId" label="Leverandør" options={suppliers} value={supplierId} onChange={(e) => setSupplierId(e.target.value)} error={result.errors?.supplierId} />
      <Select id="reopen-quarter" name="quarter" label="Kvartal" options={quarters} value={quarter} onChange={(e) => setQuarter(e.target.value)} error={result.errors?.quarter} />
      <TextInput id="reopen-until" name="until" type="date" width="short" label="Åben til og med" value={until} onChange={(e) => setUntil(e.target.value)} error={result.errors?.until} />
      <TextArea id="reopen-reason" name="reason" label="Begrundelse" value={reason} onChange={(e) => setReason(e.target.value)} error={result.errors?.reason} />
      <PendingButton pending={pending} pendingText="Gemmer …">
        Genåbn kvartalet
      </PendingButton>
      <ActionMessage result={result} />
    </form>
  );
}

export function RemoveReopeningForm({ action, reopeningId }: { action: FormAction; reopeningId: number }) {
  const [result, formAction] = useActionState(action, initialActionResult);
  return (
    <form action={formAction}>
      <input type="hidden" name="reopeningId" value={reopeningId} />
      <SubmitButton variant="secondary" pendingText="Sletter …">
        Slet
      </SubmitButton>
      <ActionMessage result={result} />
    </form>
  );
}
