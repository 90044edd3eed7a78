"use client";

import { useActionState } from "react";
import { initialActionResult, type FormAction } from "@/lib/action-result";
import { ActionMessage } from "./ActionMessage";
import { Checkbox } from "./MasterDataForms";
import { SubmitButton } from "./SubmitButton";

/** ADMIN's "Kør nu" for one job. */
export function RunJobForm({ action, job, title }: { action: FormAction; job: string; title: string }) {
  const [result, formAction] = useActionState(action, initialActionResult);
  return (
    <form action={formAction}>
      <input type="hidden" name="job" value={job} />
      <SubmitButton variant="secondary" pendingText="Kører …">
        Kør nu<span className="sr-only"> ({title})</span>
      </SubmitButton>
      <ActionMessage result={result} />
    </form>
  );
}

/** ADMIN sends a failed e-mail again. */
export function RetryMessageForm({ action, messageId }: { action: FormAction; messageId: number }) {
  const [result, formAction] = useActionState(action, initialActionResult);
  return (
    <form action={formAction}>
      <input type="hidden" name="messageId" value={messageId} />
      <SubmitButton variant="secondary" pendingText="Sender …">
        Send igen
      </SubmitButton>
      <ActionMessage result={result} />
    </form>
  );
}

export type AlertOption = { kind: string; label: string; description: string; enabled: boolean };

/** The user's optional alerts, one checkbox each. */
export function AlertSettingsForm({ action, options }: { action: FormAction; options: readonly AlertOption[] }) {
  const [result, formAction] = useActionState(action, initialActionResult);
  return (
    <form action={formAction} className="max-w-2xl space-y-6">
      <fieldset className="space-y-4">
        <legend className="mb-2 font-semibold">Send mig beskeder om</legend>
        {options.map((option) => (
          <Checkbox key={option.kind} id={`alert-${option.kind}`} name={option.kind} label={option.label} hint={option.description} defaultChecked={option.enabled} />
        ))}
      </fieldset>
      <SubmitButton pendingText="Gemmer …">Gem indstillinger</SubmitButton>
      <ActionMessage result={result} />
    </form>
  );
}
