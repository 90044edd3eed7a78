import type { ReactNode, SelectHTMLAttributes } from "react";
import { cx } from "./cx";
import { FormField, controlClassName, errorText, fieldAria, type FieldProps } from "./FormField";
import { FIELD_WIDTHS, type FieldWidth } from "./TextInput";

export type SelectOption = { value: string; label: string; disabled?: boolean };

type SelectProps = FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className" | "children" | "multiple"> & {
    options?: readonly SelectOption[];
    /** A first, empty choice such as "Vælg kategori" (value ""). */
    placeholder?: string;
    width?: FieldWidth;
    /** Extra <option>/<optgroup> elements after `options`. */
    children?: ReactNode;
  };

/** A labelled dropdown (DKFDS form-select) with hint and error message. */
export function Select({
  id,
  label,
  hint,
  error,
  optional,
  className,
  options = [],
  placeholder,
  width = "default",
  children,
  ...selectProps
}: SelectProps) {
  const invalid = Boolean(errorText(error));
  return (
    <FormField id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      <select
        {...selectProps}
        id={id}
        {...fieldAria(id, hint, error)}
        className={controlClassName(invalid, cx("select-chevron h-10 appearance-none", FIELD_WIDTHS[width]), true)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
        {children}
      </select>
    </FormField>
  );
}
