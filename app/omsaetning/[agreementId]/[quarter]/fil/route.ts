import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { UserError } from "@/lib/action-result";
import { withPermission } from "@/lib/auth/guard";
import { parseId } from "@/lib/parse-id";
import { sameOrigin, spoolUpload } from "@/lib/purchase-data/upload";
import { NotInScope, SALES_UPLOAD_MAX_BYTES, scopedAgreement, submitSalesFile } from "@/lib/sales-report/submit";

// The upload of a sales report (CSV or xlsx) for the agreement and quarter in the path: the file is
// the request body (components/PurchaseDataUploadForm.tsx); the answer is the form's result, with
// the error report (row, column, reason) when the file is refused. Another company's agreement: 404.
export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

export const POST = withPermission(
  "salesReport.submit",
  async (request, context: RouteContext<"/omsaetning/[agreementId]/[quarter]/fil">, user) => {
    if (!sameOrigin(request) || !request.headers.has("x-file-name")) {
      return NextResponse.json({ ok: false, message: "Ingen adgang." }, { status: 403, headers: noStore });
    }
    const params = await context.params;
    const agreementId = parseId(params.agreementId);
    if (agreementId === null) return NextResponse.json({ ok: false, message: "Aftalen findes ikke." }, { status: 404, headers: noStore });
    let upload: Awaited<ReturnType<typeof spoolUpload>> | null = null;
    try {
      await scopedAgreement(user, { id: agreementId });
      try {
        upload = await spoolUpload(request, SALES_UPLOAD_MAX_BYTES);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        return NextResponse.json({ ok: false, message: error.message, errors: { file: [error.message] } }, { status: 400, headers: noStore });
      }
      const result = await submitSalesFile(user, { agreementId, quarter: params.quarter, file: upload });
      if (!result.ok) {
        return NextResponse.json({ ok: false, message: result.message, problems: result.problems, totalProblems: result.totalProblems }, { status: 422, headers: noStore });
      }
      revalidatePath(`/omsaetning/${agreementId}/${params.quarter}`);
      return NextResponse.json({ ok: true, message: result.message }, { headers: noStore });
    } catch (error) {
      if (error instanceof NotInScope) return NextResponse.json({ ok: false, message: "Aftalen findes ikke." }, { status: 404, headers: noStore });
      if (!(error instanceof UserError)) throw error;
      return NextResponse.json(
        { ok: false, message: error.message, errors: error.field ? { [error.field]: [error.message] } : undefined },
        { status: 422, headers: noStore },
      );
    } finally {
      await upload?.cleanup();
    }
  },
  { limit: { rate: "files", heavy: true } },
);
