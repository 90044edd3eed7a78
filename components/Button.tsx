import { Link } from "@/components/Link";
import type { ButtonHTMLAttributes, ComponentProps } from "react";
import { cx } from "./cx";

export type ButtonVariant = "primary" | "secondary" | "tertiary" | "warning";

const BASE =
  "inline-flex min-h-10 max-w-full items-center justify-center gap-2 rounded-md border-2 border-solid px-3.5 py-1.5 " +
  "text-center text-sm font-semibold no-underline hover:underline cursor-pointer " +
  "disabled:cursor-not-allowed disabled:opacity-25 disabled:no-underline " +
  "aria-disabled:cursor-not-allowed aria-disabled:opacity-25 aria-disabled:no-underline";

const VARIANTS: Record<ButtonVariant, string> = {
  primary:
    "border-primary bg-primary text-white visited:text-white hover:border-primary-dark hover:bg-primary-dark " +
    "hover:text-white active:border-gray-900 active:bg-gray-900",
  secondary:
    "border-primary bg-white text-ink visited:text-ink hover:border-gray-600 hover:bg-gray-100 hover:text-ink " +
    "active:border-gray-600 active:bg-gray-200",
  tertiary:
    "border-gray-100 bg-gray-100 text-ink visited:text-ink hover:text-ink active:border-gray-200 active:bg-gray-200",
  warning:
    "border-error bg-error text-white visited:text-white hover:text-white active:border-gray-900 active:bg-gray-900",
};

/** The DKFDS button classes, for elements that must look like a button. */
export function buttonClassName(variant: ButtonVariant = "primary", className?: string): string {
  return cx(BASE, VARIANTS[variant], className);
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant };

/**
 * A DKFDS button. `type` is passed through as given (the HTML default inside a form is "submit");
 * write `type="button"` for buttons that must not submit.
 */
export function Button({ variant = "primary", className, ...props }: ButtonProps) {
  return <button {...props} className={buttonClassName(variant, className)} />;
}

type ButtonLinkProps = ComponentProps<typeof Link> & { variant?: ButtonVariant };

/** A link that looks like a button (navigation, not an action). */
export function ButtonLink({ variant = "primary", className, ...props }: ButtonLinkProps) {
  return <Link {...props} className={buttonClassName(variant, className)} />;
}
