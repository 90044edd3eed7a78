import { NextResponse } from "next/server";
import { UserError } from "@/lib/action-result";
import { withPermission } from "@/lib/auth/guard";
import { quarterField } from "@/lib/purchase-data/schemas";
import { receiveSksBatch, UPLOAD_MAX_BYTES } from "@/lib/purchase-data/submit";
import { spoolUpload } from "@/lib/purchase-data/upload";

// The SKS feed for machines: POST /api/sks?kvartal=2026Q3&batch=<reference> with the batch as the
// body (CSV or xlsx, either format) and `Authorization: Bearer <API key>` (lib/auth/api-key.ts; the
// key acts as a buyer of its institution, which must deliver through SKS). No per-quarter approval,
// no deadline; a batch reference already received is answered without loading it again.
// 200 with the submissions, 422 with the error report (row, column, reason), 400/401/403 otherwise.
export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

export const POST = withPermission<unknown>(
  "purchaseData.feed",
  async (request, _context, user) => {
    if (!request.headers.has("authorization")) {
      return NextResponse.json({ error: "SKS-data sendes med en API-nøgle: Authorization: Bearer <nøgle>." }, { status: 401, headers: noStore });
    }
    const params = new URL(request.url).searchParams;
    const quarter = quarterField.safeParse(params.get("kvartal") ?? "");
    if (!quarter.success) {
      return NextResponse.json({ error: "Angiv kvartalet som fx ?kvartal=2026Q3." }, { status: 400, headers: noStore });
    }
    const batch = params.get("batch")?.trim() || null;
    if (batch !== null && !/^[\w.:-]{1,100}$/.test(batch)) {
      return NextResponse.json({ error: "Batch-referencen må højst have 100 tegn: bogstaver, tal, punktum, kolon, bindestreg." }, { status: 400, headers: noStore });
    }
    let upload: Awaited<ReturnType<typeof spoolUpload>> | null = null;
    try {
      upload = await spoolUpload(request, UPLOAD_MAX_BYTES);
      const result = await receiveSksBatch(user, { quarter: quarter.data, batch, file: upload });
      if (!result.ok) {
        return NextResponse.json(
          { ok: false, message: result.message, problems: result.problems, totalProblems: result.totalProblems },
          { status: 422, headers: noStore },
        );
      }
      return NextResponse.json(
        {
          ok: true,
          message: result.message,
          duplicate: result.duplicateBatch,
          lines: result.lines,
          submissions: result.submissions.map((s) => ({
            id: s.submissionId,
            institutionId: s.institutionId,
            lineCount: s.lineCount,
            totalOre: s.totalOre.toString(),
          })),
        },
        { headers: noStore },
      );
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return NextResponse.json({ ok: false, message: error.message }, { status: 422, headers: noStore });
    } finally {
      await upload?.cleanup();
    }
  },
  { apiKeys: true, limit: { rate: "api", heavy: true } },
);
