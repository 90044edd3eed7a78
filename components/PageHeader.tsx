import type { ReactNode } from "react";
import { cx } from "./cx";

type PageHeaderProps = {
  /** The page's one h1. */
  title: ReactNode;
  /** DKFDS lead paragraph (manchet) under the heading. */
  lead?: ReactNode;
  /** Extra content under the lead, e.g. buttons or key facts. */
  children?: ReactNode;
  className?: string;
};

/** The top of a page: h1, optional lead text and optional actions. */
export function PageHeader({ title, lead, children, className }: PageHeaderProps) {
  return (
    <div className={cx("mb-8", className)}>
      <h1>{title}</h1>
      {lead ? <p className="mt-4 max-w-text text-lg text-ink">{lead}</p> : null}
      {children ? <div className="mt-6">{children}</div> : null}
    </div>
  );
}
