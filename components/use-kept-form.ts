"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { initialActionResult, type ActionResult } from "@/lib/action-result";

/**
 * A form whose fields keep what the user typed (and the chosen file) after a refused save: the form
 * is sent from onSubmit inside a transition, since a form `action` would reset uncontrolled fields
 * to their defaults. Without JavaScript the same server action runs through the form's action
 * attribute. The pressed button's name and value (e.g. decision=GRANT) go with the form data.
 */
export function useKeptForm<Result extends ActionResult>(action: (previous: Result, formData: FormData) => Promise<Result>) {
  const [result, formAction, pending] = useActionState<Result, FormData>(action, initialActionResult as Awaited<Result>);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(formData));
  };
  return { result, formAction, pending, onSubmit };
}
