/** What every server action returns, for the form to show beside its fields (useActionState). */
export type ActionResult = {
  ok: boolean;
  message?: string;
  errors?: Record<string, string[]>;
};

export const initialActionResult: ActionResult = { ok: false };

/**
 * An expected failure with a Danish message for the user, optionally tied to a form field.
 * Anything else thrown is logged and shown as a generic message.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "UserError";
  }
}

export const GENERIC_ERROR = "Der opstod en fejl. Prøv igen, eller kontakt Statens Indkøb, hvis fejlen gentager sig.";

/** A server action as a form calls it through useActionState. */
export type FormAction = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;
