import { NextResponse } from "next/server";
import { withPermission } from "@/lib/auth/guard";
import { quarterName } from "@/lib/compliance/figures";
import { complianceData } from "@/lib/compliance/queries";
import { spendSheet } from "@/lib/compliance/sheets";
import { categoryName, spendByInstitution, spendBySupplier } from "@/lib/compliance/tender";
import { parseTender, tenderQuarters } from "@/lib/compliance/tender-params";
import { xlsxResponse } from "@/lib/xlsx/writer";

export const dynamic = "force-dynamic";

/** Tender preparation's spend for one category, by supplier or by institution, as xlsx (the user's scope). */
export const GET = withPermission("compliance.view", async (request, _context: unknown, user) => {
  const params = new URL(request.url).searchParams;
  const data = await complianceData();
  const parsed = parseTender(Object.fromEntries(params), data.quarters);
  if (!parsed?.category) return NextResponse.json({ error: "Vælg en indkøbskategori." }, { status: 400 });
  const query = user.role === "ADMIN" ? parsed : { ...parsed, ministryId: null };
  const name = await categoryName(parsed.category);
  if (!name) return NextResponse.json({ error: "Kategorien findes ikke." }, { status: 404 });
  const by = params.get("pr") === "institution" ? "institution" : "supplier";
  const quarters = tenderQuarters(query, data.quarters);
  const rows = by === "supplier" ? await spendBySupplier(user, query, quarters) : await spendByInstitution(user, query, quarters);
  const period = quarters.length > 1 ? `${quarterName(quarters[0]!)} – ${quarterName(quarters.at(-1)!)}` : quarterName(query.to);
  const who = query.customers === "alle" ? "alle kunder" : "forpligtede kunder";
  const title = `Forbrug i ${query.category} ${name} pr. ${by === "supplier" ? "leverandør" : "institution"}, ${period}, ${who} (ekskl. moms)`;
  const fileName = `udbud-${query.category}-${by === "supplier" ? "leverandoerer" : "institutioner"}-${query.from}-${query.to}.xlsx`;
  return xlsxResponse(fileName, spendSheet(title, by, quarters), rows);
}, { limit: { rate: "files", heavy: true }, audit: "export" });
