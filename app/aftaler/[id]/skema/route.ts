import { NextResponse } from "next/server";
import { withPermission } from "@/lib/auth/guard";
import { skemaTemplate } from "@/lib/enrolment/queries";
import { parseId } from "@/lib/parse-id";
import { XLSX_CONTENT_TYPE } from "@/lib/xlsx/reader";

/** The blank Skema workbook of an agreement that needs enrolment (any agreement the user may read). */
export const GET = withPermission("catalogue.view", async (_request, context: RouteContext<"/aftaler/[id]/skema">, user) => {
  const id = parseId((await context.params).id);
  const template = id === null ? null : await skemaTemplate(user, id);
  if (!template) {
    return NextResponse.json({ error: "Aftalen findes ikke eller kræver ingen tilmelding (kun aftaler fra 8.–10. fase)." }, { status: 404 });
  }
  return new Response(new Uint8Array(template.data), {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${template.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}, { limit: { rate: "files" } });
