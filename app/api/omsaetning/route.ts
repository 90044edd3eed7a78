import { NextResponse } from "next/server";
import { z } from "zod";
import { UserError } from "@/lib/action-result";
import { withPermission } from "@/lib/auth/guard";
import { readBodyText } from "@/lib/security/request-body";
import { API_MAX_BODY_BYTES, apiReportSchema } from "@/lib/sales-report/schemas";
import { NotInScope, receiveApiReport } from "@/lib/sales-report/submit";

// A supplier's sales report from its own system: POST /api/omsaetning with a JSON body
// { agreement, quarter, rows: [{ customerCvr, ean?, categoryCode, amountOre, ecommerce }] } or
// { agreement, quarter, noSales: true } and `Authorization: Bearer <key>` (a key issued to the
// supplier on /omsaetning/api-noegler; it reports for its own company only). 200 with the stored
// report; 422 with every problem (row, field, reason) and nothing stored; 404 for an agreement the
// company is not on; 400/401/403/429 otherwise (README, "API: omsætning").
export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

export const POST = withPermission(
  "salesReport.submit",
  async (request, _context, user) => {
    if (!user.apiKeyId) {
      return NextResponse.json({ error: "Omsætning sendes til API'et med en API-nøgle: Authorization: Bearer <nøgle>." }, { status: 401, headers: noStore });
    }
    const text = await readBodyText(request, API_MAX_BODY_BYTES);
    if (text === null) {
      return NextResponse.json({ error: "Forespørgslen er for stor (højst 16 MB). Send en større indberetning som CSV-fil." }, { status: 413, headers: noStore });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return NextResponse.json({ error: "Forespørgslens indhold er ikke gyldig JSON." }, { status: 400, headers: noStore });
    }
    const parsed = apiReportSchema.safeParse(body);
    if (!parsed.success) {
      return NextResponse.json({ error: "Forespørgslens indhold har ikke den rette form.", details: z.flattenError(parsed.error) }, { status: 400, headers: noStore });
    }
    try {
      const result = await receiveApiReport(user, parsed.data);
      if (!result.ok) {
        return NextResponse.json({ ok: false, message: result.message, problems: result.problems, totalProblems: result.totalProblems }, { status: 422, headers: noStore });
      }
      return NextResponse.json(
        { ok: true, message: result.message, reportId: result.report.reportId, quarter: result.report.quarter, lineCount: result.lineCount, totalOre: result.totalOre.toString(), replaced: result.replaced },
        { headers: noStore },
      );
    } catch (error) {
      if (error instanceof NotInScope) return NextResponse.json({ error: "Aftalen findes ikke, eller jeres virksomhed er ikke part i den." }, { status: 404, headers: noStore });
      if (!(error instanceof UserError)) throw error;
      return NextResponse.json({ ok: false, message: error.message }, { status: 422, headers: noStore });
    }
  },
  { apiKeys: true, limit: { rate: "api", heavy: true } },
);
