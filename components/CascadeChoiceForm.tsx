"use client";

import { Link } from "@/components/Link";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import type { DecisionActionResult } from "@/lib/cascade/choice";
import { JUSTIFICATION_MIN_LENGTH } from "@/lib/cascade/labels";
import { Alert } from "./Alert";
import { Button } from "./Button";
import { ErrorSummary } from "./ErrorSummary";
import { errorId, errorText } from "./FormField";
import { TextArea } from "./TextInput";
import { cx } from "./cx";
import { errorSummaryItems, firstError } from "./form-errors";

type Action = (previous: DecisionActionResult, formData: FormData) => Promise<DecisionActionResult>;

export type ChoiceOption = {
  /** An agreement id, or "own" for own procurement. */
  value: string;
  label: string;
  hint: string;
};

type CascadeChoiceFormProps = {
  action: Action;
  /** The need, sent again so that the server evaluates it anew (never trusted as a decision). */
  need: { category: string; amount: string; date: string; institution: string };
  /** Fingerprint of the explanation shown: the server refuses a choice made on a changed one. */
  shown: string;
  options: readonly ChoiceOption[];
  /** The option preselected: the recommendation, or own procurement when there is none. */
  recommended: string;
  /** Several usable agreements in the winning tier: a justification is needed for any choice. */
  severalUsable: boolean;
};

const NEED_FIELDS = ["category", "amount", "date", "institution"];
const initial: DecisionActionResult = { ok: false };

/**
 * The buyer's decision on a need: one of the usable agreements or own procurement, and a written
 * justification where the agency's rules ask for one. The server says whether it is needed; the
 * hint here only follows the choice. Fields keep what was typed after a refusal (the form is sent
 * in a transition rather than through a form action, which would reset them).
 */
export function CascadeChoiceForm({ action, need, shown, options, recommended, severalUsable }: CascadeChoiceFormProps) {
  const [result, formAction, pending] = useActionState(action, initial);
  const [selected, setSelected] = useState(recommended);
  const needsJustification = selected !== recommended || severalUsable;

  if (result.ok && result.decisionId) {
    return (
      <Alert variant="success" heading={result.message}>
        <p>
          <Link href={`/indkoebsbehov/${result.decisionId}`}>Se den gemte beslutning</Link> eller{" "}
          <Link href="/indkoebsbehov">se alle beslutninger</Link>.
        </p>
      </Alert>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };
  const items = errorSummaryItems(result.errors, ["choice", "justification"], { choice: `choice-${options[0]?.value ?? "own"}` }).filter(
    (item) => !NEED_FIELDS.includes(item.fieldId),
  );
  const needErrors = NEED_FIELDS.flatMap((name) => result.errors?.[name] ?? []);
  const choiceError = errorText(firstError(result.errors, "choice"));

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="max-w-3xl space-y-6">
      {items.length > 0 ? <ErrorSummary items={items} /> : null}
      {result.message && !result.ok && items.length === 0 ? (
        <Alert variant="error">
          <p>{result.message}</p>
          {needErrors.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {needErrors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <input type="hidden" name="category" value={need.category} />
      <input type="hidden" name="amount" value={need.amount} />
      <input type="hidden" name="date" value={need.date} />
      <input type="hidden" name="institution" value={need.institution} />
      <input type="hidden" name="shown" value={shown} />

      <fieldset
        aria-describedby={choiceError ? errorId("choice") : undefined}
        className={cx(choiceError ? "border-l-4 border-error pl-3" : undefined)}
      >
        <legend className="font-semibold text-ink">Hvilken aftale vil du bruge?</legend>
        {choiceError ? (
          <p id={errorId("choice")} className="mt-1 font-semibold text-error">
            <span className="sr-only">Fejl: </span>
            {choiceError}
          </p>
        ) : null}
        <div className="mt-3 space-y-3">
          {options.map((option) => (
            <div key={option.value} className="flex items-start gap-3">
              <input
                id={`choice-${option.value}`}
                type="radio"
                name="choice"
                value={option.value}
                checked={selected === option.value}
                onChange={() => setSelected(option.value)}
                aria-describedby={`choice-${option.value}-hint`}
                className="mt-0.5 size-5 shrink-0 accent-primary"
              />
              <label htmlFor={`choice-${option.value}`}>
                {option.label}
                <span id={`choice-${option.value}-hint`} className="block text-ink-light">
                  {option.hint}
                </span>
              </label>
            </div>
          ))}
        </div>
      </fieldset>

      <TextArea
        id="justification"
        name="justification"
        label="Begrundelse"
        optional={!needsJustification}
        hint={
          needsJustification
            ? selected !== recommended
              ? `Du har valgt noget andet end anbefalingen. Skriv mindst ${JUSTIFICATION_MIN_LENGTH} tegn om, hvorfor.`
              : `Der er flere anvendelige aftaler på samme trin. Skriv mindst ${JUSTIFICATION_MIN_LENGTH} tegn om, hvorfor den valgte passer bedst til behovet.`
            : "Du følger anbefalingen, så en begrundelse er ikke nødvendig."
        }
        error={firstError(result.errors, "justification")}
      />

      <Button type="submit" aria-disabled={pending || undefined} onClick={(event) => pending && event.preventDefault()}>
        {pending ? "Gemmer …" : "Gem beslutning"}
      </Button>
    </form>
  );
}
