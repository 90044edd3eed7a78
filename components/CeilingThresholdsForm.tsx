"use client";

import type { FormAction } from "@/lib/action-result";
import { ActionMessage } from "./ActionMessage";
import { PendingButton } from "./PurchaseDataForms";
import { TextInput } from "./TextInput";
import { useKeptForm } from "./use-kept-form";

/** The agency's two warning thresholds for agreement ceilings, in percent of the maximum value. */
export function CeilingThresholdsForm({ action, firstPercent, secondPercent }: { action: FormAction; firstPercent: number; secondPercent: number }) {
  const { result, formAction, pending, onSubmit } = useKeptForm(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="max-w-2xl space-y-6">
      <TextInput
        id="firstPercent"
        name="firstPercent"
        label="Første advarsel ved (procent af maksimal værdi)"
        width="short"
        inputMode="numeric"
        defaultValue={String(firstPercent)}
        error={result.errors?.firstPercent}
      />
      <TextInput
        id="secondPercent"
        name="secondPercent"
        label="Anden advarsel ved (procent af maksimal værdi)"
        hint="Højere end første advarsel, højst 100."
        width="short"
        inputMode="numeric"
        defaultValue={String(secondPercent)}
        error={result.errors?.secondPercent}
      />
      <PendingButton pending={pending} pendingText="Gemmer …">
        Gem tærskler
      </PendingButton>
      <ActionMessage result={result} />
    </form>
  );
}
