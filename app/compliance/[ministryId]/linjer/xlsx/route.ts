import { NextResponse } from "next/server";
import { withPermission } from "@/lib/auth/guard";
import { complianceData } from "@/lib/compliance/queries";
import { findMinistryInScope } from "@/lib/organisation/queries";
import { trailFileName, trailHeading, trailLines, trailSheetTitle } from "@/lib/compliance/trail";
import { parseTrail } from "@/lib/compliance/trail-params";
import { trailSheet } from "@/lib/compliance/sheets";
import { parseId } from "@/lib/parse-id";
import { primeAsyncIterable, xlsxResponse } from "@/lib/xlsx/writer";

export const dynamic = "force-dynamic";

/** The lines behind a figure as xlsx: the same filter as the trail page, in the user's scope. */
export const GET = withPermission("compliance.view", async (request, context: { params: Promise<{ ministryId: string }> }, user) => {
  const id = parseId((await context.params).ministryId);
  if (id === null) return NextResponse.json({ error: "Ministeriet findes ikke." }, { status: 404 });
  const ministry = await findMinistryInScope(user, id);
  if (ministry.status === "missing") return NextResponse.json({ error: "Ministeriet findes ikke." }, { status: 404 });
  const parsed = parseTrail(id, Object.fromEntries(new URL(request.url).searchParams));
  const data = await complianceData();
  if (!parsed || !data.quarters.includes(parsed.filter.quarter)) {
    return NextResponse.json({ error: "Angiv kvartal (og evt. aftale) som på siden med linjerne." }, { status: 400 });
  }
  const { filter } = parsed;
  const title = await trailHeading(user, filter, ministry.value.name);
  if (title === null) return NextResponse.json({ error: "Aftalen eller institutionen findes ikke." }, { status: 404 });
  const rows = await primeAsyncIterable(trailLines(user, filter));
  return xlsxResponse(trailFileName(filter), trailSheet(trailSheetTitle(title, filter), filter.figure === "aftale"), rows);
}, { limit: { rate: "files", heavy: true }, audit: "export" });
