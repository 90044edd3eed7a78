"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { initialActionResult, type FormAction } from "@/lib/action-result";

/**
 * A form whose fields keep what the user typed after a refused save: the form is sent from onSubmit
 * inside a transition, since a form `action` would reset uncontrolled fields to their defaults.
 * Without JavaScript the same server action runs through the form's action attribute.
 */
export function useKeptForm(action: FormAction) {
  const [result, formAction, pending] = useActionState(action, initialActionResult);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };
  return { result, formAction, pending, onSubmit };
}
