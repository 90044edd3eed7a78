import { withPermission } from "@/lib/auth/guard";
import { TEMPLATE_FILES, templateFile, type TemplateKind } from "@/lib/purchase-data/template";

/** The templates: ?format=xlsx (default; documents every column of both formats), styrelsen.csv, linjer.csv. */
export const GET = withPermission<unknown>("purchaseData.view", async (request) => {
  const requested = new URL(request.url).searchParams.get("format") ?? "xlsx";
  const kind: TemplateKind = requested in TEMPLATE_FILES ? (requested as TemplateKind) : "xlsx";
  const { fileName, contentType } = TEMPLATE_FILES[kind];
  return new Response(new Uint8Array(await templateFile(kind)), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}, { limit: { rate: "files" } });
