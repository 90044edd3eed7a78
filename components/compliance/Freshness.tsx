import { Alert } from "@/components/Alert";
import { quarterName } from "@/lib/compliance/figures";
import type { DataState } from "@/lib/compliance/queries";
import { formatDateTime } from "@/lib/format";

/** When the quarter's figures were computed, and a notice when they are being recomputed. */
export function Freshness({ data, quarter }: { data: DataState; quarter: string }) {
  const at = data.refreshedAt.get(quarter);
  return (
    <>
      {data.busy.includes(quarter) ? (
        <Alert variant="warning" className="mb-6">
          Tallene for {quarterName(quarter)} bliver genberegnet lige nu, fordi der er kommet nye data. De viste tal er fra
          {at ? ` ${formatDateTime(at)}` : " før"}; genindlæs siden om lidt.
        </Alert>
      ) : null}
      <p className="mb-6 text-xs text-ink-light">
        Beløb er ekskl. moms. Kun institutioner, der var forpligtede kunder på købstidspunktet, tæller med.
        {at ? ` Tallene er beregnet ${formatDateTime(at)}.` : ""}
      </p>
    </>
  );
}
