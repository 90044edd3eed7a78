import { NextResponse } from "next/server";
import { withPermission } from "@/lib/auth/guard";
import { firstParam, pickQuarter } from "@/lib/compliance/figures";
import { complianceData } from "@/lib/compliance/queries";
import { findMinistryInScope } from "@/lib/organisation/queries";
import { reportData, reportFileName } from "@/lib/compliance/report";
import { buildReportRows } from "@/lib/compliance/report-rows";
import { reportSheet } from "@/lib/compliance/sheets";
import { parseId } from "@/lib/parse-id";
import { xlsxResponse } from "@/lib/xlsx/writer";

export const dynamic = "force-dynamic";

/** A ministry's quarterly compliance report as xlsx, computed now (the user's scope). */
export const GET = withPermission("compliance.view", async (request, context: { params: Promise<{ ministryId: string }> }, user) => {
  const id = parseId((await context.params).ministryId);
  if (id === null) return NextResponse.json({ error: "Ministeriet findes ikke." }, { status: 404 });
  const ministry = await findMinistryInScope(user, id);
  if (ministry.status === "missing") return NextResponse.json({ error: "Ministeriet findes ikke." }, { status: 404 });
  const data = await complianceData();
  const quarter = pickQuarter(firstParam(new URL(request.url).searchParams.get("kvartal") ?? undefined), data.quarters);
  if (!quarter) return NextResponse.json({ error: "Der er ingen indkøbsdata." }, { status: 404 });
  const report = await reportData(user, ministry.value, quarter);
  return xlsxResponse(reportFileName(ministry.value.name, quarter), reportSheet(ministry.value.name, quarter), buildReportRows(report));
}, { limit: { rate: "files", heavy: true }, audit: "export" });
