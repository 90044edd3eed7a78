"use client";

import { useActionState, useState } from "react";
import { ActionMessage } from "./ActionMessage";
import { PendingButton, submitWithoutReset } from "./PurchaseDataForms";
import { TextInput } from "./TextInput";
import { initialActionResult, type FormAction } from "@/lib/action-result";

/** Sets the reconciliation's tolerance (ADMIN): a percentage and an amount, both to be exceeded. */
export function ToleranceForm({ action, percent, kroner }: { action: FormAction; percent: string; kroner: string }) {
  const [result, formAction, pending] = useActionState(action, initialActionResult);
  const [percentText, setPercent] = useState(percent);
  const [kronerText, setKroner] = useState(kroner);
  return (
    <form onSubmit={submitWithoutReset(formAction)} className="max-w-2xl space-y-6">
      <TextInput
        id="tolerance-percent"
        name="percent"
        width="short"
        inputMode="decimal"
        value={percentText}
        onChange={(event) => setPercent(event.target.value)}
        label="Procentsats"
        hint="I procent af kundens indkøbsdata, fx 5 eller 2,5."
        error={result.errors?.percent}
      />
      <TextInput
        id="tolerance-kroner"
        name="kroner"
        width="short"
        inputMode="decimal"
        value={kronerText}
        onChange={(event) => setKroner(event.target.value)}
        label="Beløb i kroner"
        hint="Ekskl. moms, fx 10.000."
        error={result.errors?.kroner}
      />
      <PendingButton pending={pending} pendingText="Gemmer …">
        Gem tolerance
      </PendingButton>
      <ActionMessage result={result} />
    </form>
  );
}
