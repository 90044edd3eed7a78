"use client";

import { useFormStatus } from "react-dom";
import type { ReactNode } from "react";
import { Button, type ButtonVariant } from "./Button";

type SubmitButtonProps = {
  children: ReactNode;
  /** Shown while the form is being sent, e.g. "Gemmer …". */
  pendingText?: ReactNode;
  variant?: ButtonVariant;
  name?: string;
  value?: string;
  className?: string;
};

/** Submit button for a form with a server action: stays focusable but inert while sending. */
export function SubmitButton({ children, pendingText = "Sender …", variant = "primary", ...rest }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <Button
      {...rest}
      type="submit"
      variant={variant}
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
    >
      {pending ? pendingText : children}
    </Button>
  );
}
