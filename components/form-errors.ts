/** A field's error messages as server actions return them (see lib/action-result.ts). */
export type FieldErrors = Record<string, string[] | undefined>;

/** One line of an error summary: the message and the id of the field it links to. */
export type ErrorSummaryItem = { fieldId: string; message: string };

/** The first message for a field, or undefined. */
export function firstError(errors: FieldErrors | undefined, name: string): string | undefined {
  return errors?.[name]?.[0];
}

/**
 * The summary lines for a form, one per field in `fieldOrder` (the order the fields appear on the
 * page), then any remaining fields. `fieldIds` maps a field name to its element id when they differ.
 */
export function errorSummaryItems(
  errors: FieldErrors | undefined,
  fieldOrder: readonly string[] = [],
  fieldIds: Readonly<Record<string, string>> = {},
): ErrorSummaryItem[] {
  if (!errors) return [];
  const names = [...fieldOrder, ...Object.keys(errors).filter((name) => !fieldOrder.includes(name))];
  return names.flatMap((name) => {
    const message = firstError(errors, name);
    return message ? [{ fieldId: fieldIds[name] ?? name, message }] : [];
  });
}
