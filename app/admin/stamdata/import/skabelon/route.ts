import { withPermission } from "@/lib/auth/guard";
import { importTemplateWorkbook } from "@/lib/catalogue/import";
import { XLSX_CONTENT_TYPE } from "@/lib/xlsx/reader";

/** The blank master-data import workbook (catalogue.manage only). */
export const GET = withPermission<unknown>("catalogue.manage", async () => {
  const workbook = await importTemplateWorkbook();
  return new Response(new Uint8Array(workbook), {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": 'attachment; filename="stamdata-skabelon.xlsx"',
      "Cache-Control": "no-store",
    },
  });
}, { limit: { rate: "files" } });
