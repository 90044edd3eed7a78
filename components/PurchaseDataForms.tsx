"use client";

import { ActionMessage } from "./ActionMessage";
import { startTransition, useActionState, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "./Button";
import { initialActionResult, type ActionResult, type FormAction } from "@/lib/action-result";
import { Select, type SelectOption } from "./Select";
import { SubmitButton } from "./SubmitButton";
import { TextArea, TextInput } from "./TextInput";

/**
 * Submits without React's automatic form reset, which would leave controlled fields showing their
 * first option while the state keeps the chosen one; the entered values stay after a refusal.
 */
export function submitWithoutReset(dispatch: (data: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
}

/** A submit button that shows the pending text while the action runs. */
export function PendingButton({ pending, pendingText, children, variant = "primary" }: { pending: boolean; pendingText: ReactNode; children: ReactNode; variant?: "primary" | "secondary" }) {
  return (
    <Button type="submit" variant={variant} aria-disabled={pending || undefined} onClick={(event) => pending && event.preventDefault()}>
      {pending ? pendingText : children}
    </Button>
  );
}

/** Sets a quarter's deadline (ADMIN). */
export function DeadlineForm({
  action,
  quarters,
  hint = "Sidste dag for manuel indsendelse og for forbehold. Skal ligge efter kvartalets sidste dag.",
}: {
  action: FormAction;
  quarters: readonly SelectOption[];
  hint?: string;
}) {
  const [result, formAction, pending] = useActionState(action, initialActionResult);
  // Controlled, so that a refused entry stays in the form (React resets uncontrolled fields).
  const [quarter, setQuarter] = useState(quarters[0]?.value ?? "");
  const [deadline, setDeadline] = useState("");
  return (
    <form onSubmit={submitWithoutReset(formAction)} className="max-w-2xl space-y-6">
      <Select
        id="deadline-quarter"
        name="quarter"
        label="Kvartal"
        options={quarters}
        value={quarter}
        onChange={(event) => setQuarter(event.target.value)}
        error={result.errors?.quarter}
      />
      <TextInput
        id="deadline-date"
        name="deadline"
        type="date"
        width="short"
        value={deadline}
        onChange={(event) => setDeadline(event.target.value)}
        label="Frist"
        hint={hint}
        error={result.errors?.deadline}
      />
      <PendingButton pending={pending} pendingText="Gemmer …">
        Gem frist
      </PendingButton>
      <ActionMessage result={result} />
    </form>
  );
}

/** Deletes one quarter's deadline. */
export function DeleteDeadlineForm({ action, quarter }: { action: FormAction; quarter: string }) {
  const [result, formAction] = useActionState(action, initialActionResult);
  return (
    <form action={formAction}>
      <input type="hidden" name="quarter" value={quarter} />
      <SubmitButton variant="secondary" pendingText="Sletter …">
        Slet
      </SubmitButton>
      <ActionMessage result={result} />
    </form>
  );
}

/** Records the ministry's reservation against a quarter's SKS data. */
export function ReservationForm({ action, quarters }: { action: FormAction; quarters: readonly SelectOption[] }) {
  const [quarter, setQuarter] = useState(quarters[0]?.value ?? "");
  const [text, setText] = useState("");
  const [result, formAction, pending] = useActionState(async (previous: ActionResult, formData: FormData) => {
    const next = await action(previous, formData);
    if (next.ok) setText("");
    return next;
  }, initialActionResult);
  return (
    <form onSubmit={submitWithoutReset(formAction)} className="max-w-2xl space-y-6">
      <Select
        id="reservation-quarter"
        name="quarter"
        label="Kvartal"
        options={quarters}
        value={quarter}
        onChange={(event) => setQuarter(event.target.value)}
        error={result.errors?.quarter}
      />
      <TextArea
        id="reservation-text"
        name="text"
        value={text}
        onChange={(event) => setText(event.target.value)}
        label="Forbeholdets indhold"
        hint="Hvad er der forbehold for, og hvorfor? Fx fejlkonteringer, der rettes i et senere kvartal."
        error={result.errors?.text}
      />
      <PendingButton pending={pending} pendingText="Gemmer …">
        Tag forbehold
      </PendingButton>
      <ActionMessage result={result} />
    </form>
  );
}

export function WithdrawReservationForm({ action, reservationId }: { action: FormAction; reservationId: number }) {
  const [result, formAction] = useActionState(action, initialActionResult);
  return (
    <form action={formAction}>
      <input type="hidden" name="reservationId" value={reservationId} />
      <SubmitButton variant="secondary" pendingText="Trækker tilbage …">
        Træk tilbage
      </SubmitButton>
      <ActionMessage result={result} />
    </form>
  );
}
