import { Link } from "@/components/Link";
import type { ReactNode } from "react";
import { DataTable, type Column } from "@/components/DataTable";
import { shareFraction, type Share } from "@/lib/compliance/figures";
import { formatMoneyOre, formatPercentOf } from "@/lib/format";

export type ShareBar = {
  key: string | number;
  /** The row's name (an agreement, an institution, a quarter). */
  label: string;
  href?: string;
  share: Share;
  /** Link to the lines behind the figure. */
  trailHref?: string;
  /** Extra cells of the table (e.g. the largest leakage), by column key. */
  extra?: Record<string, ReactNode>;
};

type ShareChartProps = {
  /** Names the chart and its table. */
  caption: string;
  /** Heading of the label column, e.g. "Aftale". */
  labelHeader: string;
  numeratorHeader: string;
  denominatorHeader: string;
  bars: readonly ShareBar[];
  extraColumns?: { key: string; header: ReactNode }[];
  emptyText?: string;
};

/**
 * A share per row as horizontal bars, and below it a table with the same numbers (share, numerator,
 * denominator): the chart is a picture of the table, so it is hidden from screen readers, and no
 * meaning is carried by colour: every bar has its percentage written beside it.
 */
export function ShareChart({ caption, labelHeader, numeratorHeader, denominatorHeader, bars, extraColumns = [], emptyText }: ShareChartProps) {
  const columns: Column<ShareBar>[] = [
    {
      key: "label",
      header: labelHeader,
      rowHeader: true,
      cell: (bar) => (bar.href ? <Link href={bar.href}>{bar.label}</Link> : bar.label),
    },
    {
      key: "share",
      header: "Andel",
      numeric: true,
      cell: (bar) => {
        const text = formatPercentOf(bar.share.numeratorOre, bar.share.denominatorOre);
        return bar.trailHref && bar.share.denominatorOre > 0n ? (
          <Link href={bar.trailHref}>
            {text}
            <span className="sr-only"> – se linjerne</span>
          </Link>
        ) : (
          text
        );
      },
    },
    { key: "numerator", header: numeratorHeader, numeric: true, cell: (bar) => formatMoneyOre(bar.share.numeratorOre, { wholeKroner: true }) },
    { key: "denominator", header: denominatorHeader, numeric: true, cell: (bar) => formatMoneyOre(bar.share.denominatorOre, { wholeKroner: true }) },
    ...extraColumns.map((column) => ({ key: column.key, header: column.header, cell: (bar: ShareBar) => bar.extra?.[column.key] ?? null })),
  ];
  return (
    <figure className="mb-10">
      <figcaption className="mb-3 text-lg font-semibold">{caption}</figcaption>
      {bars.length > 0 ? (
        <ul aria-hidden="true" className="mb-4 max-w-3xl space-y-1.5">
          {bars.map((bar) => {
            const fraction = shareFraction(bar.share);
            return (
              <li key={bar.key} className="grid grid-cols-[minmax(8rem,14rem)_1fr_4.5rem] items-center gap-3 text-xs">
                <span className="truncate" title={bar.label}>
                  {bar.label}
                </span>
                <svg viewBox="0 0 100 6" preserveAspectRatio="none" className="h-4 w-full" focusable="false">
                  <rect x="0" y="0" width="100" height="6" className="fill-gray-100" />
                  {fraction !== null ? <rect x="0" y="0" width={fraction * 100} height="6" className="fill-data-blue-700" /> : null}
                  <line x1="100" y1="0" x2="100" y2="6" className="stroke-gray-400" strokeWidth="0.4" />
                </svg>
                <span className="text-right tabular-nums">{formatPercentOf(bar.share.numeratorOre, bar.share.denominatorOre)}</span>
              </li>
            );
          })}
        </ul>
      ) : null}
      <DataTable caption={`${caption} (tabel)`} captionHidden rows={bars} rowKey={(bar) => bar.key} columns={columns} emptyText={emptyText} compact />
    </figure>
  );
}
