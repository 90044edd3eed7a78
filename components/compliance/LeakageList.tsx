import { Link } from "@/components/Link";
import type { LeakageRow } from "@/lib/compliance/queries";
import { formatMoneyOre } from "@/lib/format";

/** The largest suppliers outside an agreement, each linking to its lines when a link is given. */
export function LeakageList({ rows, hrefFor, emptyText = "Ingen lækage." }: { rows: readonly LeakageRow[]; hrefFor?: (row: LeakageRow) => string; emptyText?: string }) {
  if (rows.length === 0) return <span className="text-ink-light">{emptyText}</span>;
  return (
    <ol className="space-y-0.5">
      {rows.map((row) => (
        <li key={`${row.supplierCvr ?? ""}|${row.supplierName}`}>
          {hrefFor ? <Link href={hrefFor(row)}>{row.supplierName}</Link> : row.supplierName}
          {row.supplierCvr ? <span className="text-ink-light"> (CVR {row.supplierCvr})</span> : <span className="text-ink-light"> (uden CVR)</span>}:{" "}
          <span className="tabular-nums">{formatMoneyOre(row.amountOre, { wholeKroner: true })}</span>
        </li>
      ))}
    </ol>
  );
}
