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
  // Padding, borders and alignment come from .data-table in app/globals.css, once per table.
  const cellClass = (column: Column<Row>) => cx(column.numeric && "numeric", column.className) || undefined;

  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className={cx("max-w-full overflow-x-auto", className)}>
      <table
        className={cx(
          "data-table w-full border-separate border-spacing-0 rounded-none border border-border-high text-sm text-ink",
          compact && "data-table-compact",
          footer && "data-table-footed",
        )}
      >
        <caption id={captionId} className={captionHidden ? "sr-only" : "pb-2 text-left text-lg font-semibold"}>
          {caption}
        </caption>
        <thead className="bg-gray-100">
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={cellClass(column)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="empty">
                {emptyText}
              </td>
            </tr>
          ) : (
            rows.map((row, index) => (
              <tr key={rowKey(row, index)}>
                {columns.map((column) =>
                  column.rowHeader ? (
                    <th key={column.key} scope="row" className={cellClass(column)}>
                      {column.cell(row, index)}
                    </th>
                  ) : (
                    <td key={column.key} className={cellClass(column)}>
                      {column.cell(row, index)}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
        {footer ? (
          <tfoot className="bg-gray-100 font-semibold">
            <tr>
              {columns.map((column, index) =>
                index === 0 ? (
                  <th key={column.key} scope="row" className={column.numeric ? "numeric" : undefined}>
                    {footer[column.key] ?? "I alt"}
                  </th>
                ) : (
                  <td key={column.key} className={column.numeric ? "numeric" : undefined}>
                    {footer[column.key]}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
