import { NextResponse } from "next/server";
import { withPermission } from "@/lib/auth/guard";
import { parseListParams } from "@/lib/reconciliation/params";
import { reconciledQuarters, reconciliationExportRows, ROW_FILTER_LABEL } from "@/lib/reconciliation/queries";
import { reconciliationSheet } from "@/lib/reconciliation/sheets";
import { primeAsyncIterable, xlsxResponse } from "@/lib/xlsx/writer";

export const dynamic = "force-dynamic";

/** The reconciliation rows of a quarter as xlsx, in the user's scope (ADMIN all; a supplier its own; a ministry its institutions). */
export const GET = withPermission("reconciliation.view", async (request, _context: unknown, user) => {
  const raw = Object.fromEntries(new URL(request.url).searchParams);
  const params = parseListParams(raw, await reconciledQuarters());
  if (params.quarter === null || raw.kvartal !== params.quarter) {
    return NextResponse.json({ error: "Angiv et kvartal, der er afstemt, fx kvartal=2026Q3." }, { status: 400 });
  }
  const rows = await primeAsyncIterable(reconciliationExportRows(user, params.quarter, params.filter));
  return xlsxResponse(`afstemning-${params.quarter}.xlsx`, reconciliationSheet(params.quarter, `Afstemning: ${ROW_FILTER_LABEL[params.filter]}`), rows);
}, { limit: { rate: "files", heavy: true }, audit: "export" });
