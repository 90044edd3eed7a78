import type { ReactNode } from "react";
import { cx } from "./cx";
import { Icon } from "./Icon";

export type AlertVariant = "info" | "success" | "warning" | "error";

const STYLES: Record<AlertVariant, { box: string; stripe: string; icon: string; label: string }> = {
  info: { box: "bg-info-light", stripe: "bg-info", icon: "text-info", label: "Information" },
  success: { box: "bg-success-light", stripe: "bg-success", icon: "text-success", label: "Gennemført" },
  warning: { box: "bg-warning-light", stripe: "bg-warning", icon: "text-ink", label: "Advarsel" },
  error: { box: "bg-error-light", stripe: "bg-error", icon: "text-error", label: "Fejl" },
};

type AlertProps = {
  variant?: AlertVariant;
  /** Short bold first line (DKFDS alert-heading; a paragraph, not a heading element). */
  heading?: ReactNode;
  children?: ReactNode;
  /**
   * Live-region role. Default: "alert" for errors (announced at once), "status" for the rest
   * (announced politely). Use "none" for a permanent notice that is not news.
   */
  role?: "alert" | "status" | "none";
  id?: string;
  className?: string;
};

/** DKFDS message box (besked): info, success, warning or error. */
export function Alert({ variant = "info", heading, children, role, id, className }: AlertProps) {
  const style = STYLES[variant];
  const liveRole = role ?? (variant === "error" ? "alert" : "status");
  return (
    <div
      id={id}
      role={liveRole === "none" ? undefined : liveRole}
      aria-atomic={liveRole === "none" ? undefined : true}
      className={cx("relative overflow-hidden rounded-md py-4 pr-4 pl-13 text-ink", style.box, className)}
    >
      <span aria-hidden="true" className={cx("absolute inset-y-0 left-0 w-1", style.stripe)} />
      <span className={cx("absolute top-4 left-5", style.icon)}>
        <Icon name={variant} title={style.label} className="size-6" />
      </span>
      {heading ? <p className="font-semibold">{heading}</p> : null}
      {children ? <div className={cx("max-w-text", heading ? "mt-1" : undefined)}>{children}</div> : null}
    </div>
  );
}
