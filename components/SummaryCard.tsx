import { Link } from "@/components/Link";
import type { ReactNode } from "react";
import { cx } from "./cx";

type SummaryCardProps = {
  /** What the figure is, e.g. "Compliance, 4. kvartal 2016". */
  title: ReactNode;
  /** The key figure, already formatted (see lib/format.ts). */
  value: ReactNode;
  /** Context beside the figure, e.g. numerator and denominator. */
  description?: ReactNode;
  /** Optional link to the details. */
  href?: string;
  linkText?: ReactNode;
  /** Heading level of the title within the page outline (default 2). */
  headingLevel?: 2 | 3 | 4;
  className?: string;
};

/** A DKFDS-style card showing one key figure with its context. */
export function SummaryCard({
  title,
  value,
  description,
  href,
  linkText = "Se detaljer",
  headingLevel = 2,
  className,
}: SummaryCardProps) {
  const Heading = `h${headingLevel}` as const;
  // A figure is shown large; a name (e.g. an institution) would not fit and is shown smaller.
  const long = typeof value === "string" && value.length > 12;
  return (
    <div className={cx("flex flex-col rounded-md border border-border-low bg-white p-6", className)}>
      <Heading className="text-sm leading-6 font-semibold text-gray-600">{title}</Heading>
      <p
        className={cx(
          "mt-2 font-bold break-words text-ink tabular-nums",
          long ? "text-3xl leading-8" : "text-5xl leading-tight",
        )}
      >
        {value}
      </p>
      {description ? <div className="mt-2 text-ink-light">{description}</div> : null}
      {href ? (
        <p className="mt-auto pt-4">
          <Link href={href}>{linkText}</Link>
        </p>
      ) : null}
    </div>
  );
}
