import type { ReactNode } from "react";
import { cx } from "./cx";

/** What every form control takes besides its own HTML attributes. */
export type FieldProps = {
  /** Element id of the control; the label, hint and error ids derive from it. */
  id: string;
  label: ReactNode;
  /** Help text under the label (DKFDS form-hint). */
  hint?: ReactNode;
  /** The error message(s) for this field; the first is shown. */
  error?: string | readonly string[] | null;
  /** Marks the field "(frivilligt)", as DKFDS marks optional rather than required fields. */
  optional?: boolean;
  /** Classes for the outer group. */
  className?: string;
};

export function hintId(id: string): string {
  return `${id}-hint`;
}

export function errorId(id: string): string {
  return `${id}-error`;
}

export function errorText(error: FieldProps["error"]): string | undefined {
  if (!error) return undefined;
  return typeof error === "string" ? error : error[0];
}

/**
 * aria-describedby and aria-invalid for a control inside a FormField, so that screen readers read
 * the hint and the error with the label. Spread onto the input, select or textarea.
 */
export function fieldAria(
  id: string,
  hint: ReactNode | undefined,
  error: FieldProps["error"],
): { "aria-describedby"?: string; "aria-invalid"?: true } {
  const message = errorText(error);
  const describedBy = [hint ? hintId(id) : null, message ? errorId(id) : null].filter(Boolean).join(" ");
  return {
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(message ? { "aria-invalid": true as const } : {}),
  };
}

/**
 * Classes shared by inputs, selects and textareas: DKFDS border, 2px red when invalid, padding
 * compensated so the height never changes. `roomRight` reserves space on the right (a chevron).
 */
export function controlClassName(invalid: boolean, className?: string, roomRight = false): string {
  return cx(
    "block w-full rounded-md bg-white text-sm text-ink placeholder:italic placeholder:text-gray-500",
    "disabled:cursor-not-allowed disabled:border-gray-200 disabled:bg-transparent disabled:text-gray-500",
    invalid ? "border-2 border-error py-1.5 pl-3.5" : "border border-border-high py-[7px] pl-[15px]",
    roomRight ? "pr-10" : invalid ? "pr-3.5" : "pr-[15px]",
    className,
  );
}

type FormFieldProps = FieldProps & { children: ReactNode };

/**
 * DKFDS form group: label, hint, error message, then the control (children). The control itself must
 * carry `id` and the attributes from `fieldAria`; TextInput, TextArea and Select do this for you.
 */
export function FormField({ id, label, hint, error, optional, className, children }: FormFieldProps) {
  const message = errorText(error);
  return (
    <div className={cx(message ? "border-l-4 border-error pl-3" : undefined, className)}>
      <label htmlFor={id} className="inline-block font-semibold text-ink">
        {label}
        {optional ? <span className="font-normal"> (frivilligt)</span> : null}
      </label>
      {hint ? (
        <p id={hintId(id)} className="text-ink-light">
          {hint}
        </p>
      ) : null}
      {message ? (
        <p id={errorId(id)} className="mt-1 font-semibold text-error">
          <span className="sr-only">Fejl: </span>
          {message}
        </p>
      ) : null}
      <div className="mt-2">{children}</div>
    </div>
  );
}
