import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { cx } from "./cx";
import { FormField, controlClassName, errorText, fieldAria, type FieldProps } from "./FormField";

/** DKFDS input widths: `default` is DKFDS's 320px, `short` suits CVR numbers, amounts and dates. */
export type FieldWidth = "short" | "default" | "long" | "full";

export const FIELD_WIDTHS: Record<FieldWidth, string> = {
  short: "max-w-48",
  default: "max-w-80",
  long: "max-w-2xl",
  full: "max-w-none",
};

type TextInputProps = FieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className"> & {
    width?: FieldWidth;
    /** Unit after the field, e.g. "kr." (DKFDS form-input suffix). */
    suffix?: ReactNode;
  };

/** A labelled text input with hint and error message (DKFDS form-input). */
export function TextInput({
  id,
  label,
  hint,
  error,
  optional,
  className,
  width = "default",
  suffix,
  type = "text",
  ...inputProps
}: TextInputProps) {
  const invalid = Boolean(errorText(error));
  const aria = fieldAria(id, hint, error);
  // The unit is read after the label, hint and error: "Beløb, kr.".
  const describedBy = suffix
    ? [aria["aria-describedby"], `${id}-suffix`].filter(Boolean).join(" ")
    : aria["aria-describedby"];
  const input = (
    <input
      {...inputProps}
      id={id}
      type={type}
      {...aria}
      aria-describedby={describedBy}
      className={controlClassName(invalid, suffix ? "min-w-0 rounded-r-none" : FIELD_WIDTHS[width])}
    />
  );
  return (
    <FormField id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      {suffix ? (
        <div className={cx("flex", FIELD_WIDTHS[width])}>
          {input}
          <span
            id={`${id}-suffix`}
            className="flex shrink-0 items-center rounded-r-md border border-l-0 border-border-high bg-gray-100 px-2 whitespace-nowrap"
          >
            {suffix}
          </span>
        </div>
      ) : (
        input
      )}
    </FormField>
  );
}

type TextAreaProps = FieldProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "className"> & { width?: FieldWidth };

/** A labelled multi-line text field (DKFDS textarea), e.g. for a written justification. */
export function TextArea({
  id,
  label,
  hint,
  error,
  optional,
  className,
  width = "long",
  rows = 5,
  ...textareaProps
}: TextAreaProps) {
  const invalid = Boolean(errorText(error));
  return (
    <FormField id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      <textarea
        {...textareaProps}
        id={id}
        rows={rows}
        {...fieldAria(id, hint, error)}
        className={controlClassName(invalid, FIELD_WIDTHS[width])}
      />
    </FormField>
  );
}
