import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { z } from "zod";
import { UserError } from "@/lib/action-result";
import { withPermission } from "@/lib/auth/guard";
import { uploadQuerySchema } from "@/lib/purchase-data/schemas";
import { submitPurchaseData, UPLOAD_MAX_BYTES } from "@/lib/purchase-data/submit";
import { sameOrigin, spoolUpload } from "@/lib/purchase-data/upload";

// The upload of the page "Indsend indkøbsdata": the file is the request body (see
// components/PurchaseDataUploadForm.tsx); the answer is the form's result, with the error report.
export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

export const POST = withPermission<unknown>("purchaseData.submit", async (request, _context, user) => {
  // Only the portal's own page: a cross-site form can neither set X-File-Name nor pass the origin check.
  if (!sameOrigin(request) || !request.headers.has("x-file-name")) {
    return NextResponse.json({ ok: false, message: "Ingen adgang." }, { status: 403, headers: noStore });
  }
  const parsed = uploadQuerySchema.safeParse({ quarter: new URL(request.url).searchParams.get("kvartal") ?? "" });
  if (!parsed.success) {
    return NextResponse.json(
      { ok: false, message: "Formularen indeholder fejl.", errors: z.flattenError(parsed.error).fieldErrors },
      { status: 400, headers: noStore },
    );
  }
  let upload: Awaited<ReturnType<typeof spoolUpload>> | null = null;
  try {
    upload = await spoolUpload(request, UPLOAD_MAX_BYTES);
    const result = await submitPurchaseData(user, { quarter: parsed.data.quarter, file: upload });
    if (!result.ok) {
      return NextResponse.json(
        { ok: false, message: result.message, problems: result.problems, totalProblems: result.totalProblems },
        { status: 422, headers: noStore },
      );
    }
    revalidatePath("/indkoebsdata");
    return NextResponse.json({ ok: true, message: result.message }, { headers: noStore });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return NextResponse.json(
      { ok: false, message: error.message, errors: error.field ? { [error.field]: [error.message] } : undefined },
      { status: 422, headers: noStore },
    );
  } finally {
    await upload?.cleanup();
  }
}, { limit: { rate: "files", heavy: true } });
