"use client";

import { useEffect, useId, useRef, type MouseEvent } from "react";
import { cx } from "./cx";
import { Icon } from "./Icon";
import type { ErrorSummaryItem } from "./form-errors";

type ErrorSummaryProps = {
  /** One line per field error, in the order the fields appear (see errorSummaryItems). */
  items: readonly ErrorSummaryItem[];
  /** DKFDS's default heading is "Der er problemer". */
  heading?: string;
  /** Move focus to the summary when it appears or changes (default true), as DKFDS does. */
  focusOnMount?: boolean;
  className?: string;
};

/**
 * DKFDS error summary (fejlopsummering): put it at the top of the form's page. Each line links to
 * its field; following a link scrolls the field's label into view and focuses the field.
 */
export function ErrorSummary({ items, heading = "Der er problemer", focusOnMount = true, className }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();

  useEffect(() => {
    if (focusOnMount && items.length > 0) ref.current?.focus();
  }, [items, focusOnMount]);

  if (items.length === 0) return null;

  function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
    const field = document.getElementById(fieldId);
    if (!field) return;
    event.preventDefault();
    const label = document.querySelector(`label[for="${CSS.escape(fieldId)}"]`) ?? field.closest("fieldset")?.querySelector("legend");
    (label ?? field).scrollIntoView();
    field.focus({ preventScroll: true });
  }

  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={headingId}
      className={cx("relative mb-8 overflow-hidden rounded-md bg-error-light py-4 pr-4 pl-13 text-ink", className)}
    >
      <span aria-hidden="true" className="absolute inset-y-0 left-0 w-1 bg-error" />
      <span className="absolute top-4 left-5 text-error">
        <Icon name="error" className="size-6" />
      </span>
      <p id={headingId} className="font-semibold">
        {heading}
      </p>
      <ul className="mt-1 space-y-1">
        {items.map((item) => (
          <li key={`${item.fieldId}:${item.message}`}>
            <a
              href={`#${item.fieldId}`}
              onClick={(event) => focusField(event, item.fieldId)}
              className="text-ink visited:text-ink hover:text-ink"
            >
              {item.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
