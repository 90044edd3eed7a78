import { useId, type ReactNode } from "react";
import { cx } from "./cx";

export type Column<Row> = {
  /** Unique per table; also the key of this column's cell in `footer`. */
  key: string;
  header: ReactNode;
  cell: (row: Row, index: number) => ReactNode;
  /** Right-aligned with tabular figures: amounts, counts, percentages. */
  numeric?: boolean;
  /** This column names the row: rendered as <th scope="row">. */
  rowHeader?: boolean;
  /** Extra classes for this column's cells. */
  className?: string;
};

type DataTableProps<Row> = {
  /** Every table has a caption: it names the table for screen readers and the scroll region. */
  caption: ReactNode;
  /** Keep the caption for screen readers only, when a visible heading right above says the same. */
  captionHidden?: boolean;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string | number;
  /** Shown in place of rows when there are none. */
  emptyText?: ReactNode;
  /** One summary row (e.g. totals) in <tfoot>, by column key. */
  footer?: Partial<Record<string, ReactNode>>;
  /** DKFDS table--compact: less vertical padding, for long lists. */
  compact?: boolean;
  className?: string;
};

/**
 * DKFDS table: caption, column headers with scope, numeric columns right-aligned. Wide tables scroll
 * horizontally inside a labelled, keyboard-focusable region instead of widening the page.
 */
export function DataTable<Row>({
  caption,
  captionHidden = false,
  columns,
  rows,
  rowKey,
  emptyText = "Der er ingen data at vise.",
  footer,
  compact = false,
  className,
}: DataTableProps<Row>) {
  const captionId = useId();
  const cellPadding = compact ? "px-4 py-2" : "px-4 py-4";
  const align = (column: Column<Row>) => (column.numeric ? "text-right tabular-nums" : "text-left");

  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className={cx("max-w-full overflow-x-auto", className)}>
      <table className="w-full border-separate border-spacing-0 rounded-none border border-border-high text-sm text-ink">
        <caption id={captionId} className={captionHidden ? "sr-only" : "pb-2 text-left text-lg font-semibold"}>
          {caption}
        </caption>
        <thead className="bg-gray-100">
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={cx(
                  cellPadding,
                  "border-b border-border-low align-bottom font-semibold not-last:border-r",
                  align(column),
                  column.className,
                )}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className={cx(cellPadding, "text-ink-light")}>
                {emptyText}
              </td>
            </tr>
          ) : (
            rows.map((row, index) => (
              <tr key={rowKey(row, index)}>
                {columns.map((column) => {
                  const classes = cx(
                    cellPadding,
                    "border-border-low align-top not-last:border-r",
                    index < rows.length - 1 || footer ? "border-b" : undefined,
                    align(column),
                    column.rowHeader ? "font-semibold" : undefined,
                    column.className,
                  );
                  return column.rowHeader ? (
                    <th key={column.key} scope="row" className={classes}>
                      {column.cell(row, index)}
                    </th>
                  ) : (
                    <td key={column.key} className={classes}>
                      {column.cell(row, index)}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
        {footer ? (
          <tfoot className="bg-gray-100 font-semibold">
            <tr>
              {columns.map((column, index) => {
                const classes = cx(cellPadding, "border-t border-border-low border-t-border-high not-last:border-r", align(column));
                return index === 0 ? (
                  <th key={column.key} scope="row" className={cx(classes, "font-semibold")}>
                    {footer[column.key] ?? "I alt"}
                  </th>
                ) : (
                  <td key={column.key} className={classes}>
                    {footer[column.key]}
                  </td>
                );
              })}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
