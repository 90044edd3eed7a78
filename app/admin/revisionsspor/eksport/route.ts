import { auditFilterSchema, auditRows } from "@/lib/audit-search";
import { withPermission } from "@/lib/auth/guard";
import { formatDateTime } from "@/lib/format";
import { primeAsyncIterable, xlsxResponse } from "@/lib/xlsx/writer";

export const dynamic = "force-dynamic";

export const GET = withPermission("audit.view", async (request: Request) => {
  const filter = auditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = await primeAsyncIterable(auditRows(filter));
  return xlsxResponse(
    "revisionsspor.xlsx",
    {
      sheetName: "Revisionsspor",
      title: "Revisionsspor – Statens Indkøbsprogram",
      columns: [
        { header: "Id", type: "text", width: 10, value: (e) => String(e.id) },
        { header: "Tidspunkt", type: "text", width: 26, value: (e) => formatDateTime(e.createdAt) },
        { header: "Bruger-id", type: "number", width: 10, value: (e) => e.actorId },
        { header: "Handling", type: "text", width: 24, value: (e) => e.action },
        { header: "Objekt", type: "text", width: 18, value: (e) => e.entity },
        { header: "Objekt-id", type: "text", width: 12, value: (e) => e.entityId },
        { header: "Før", type: "text", width: 50, value: (e) => (e.before === null ? "" : JSON.stringify(e.before)) },
        { header: "Efter", type: "text", width: 50, value: (e) => (e.after === null ? "" : JSON.stringify(e.after)) },
      ],
    },
    rows,
  );
}, { limit: { rate: "files", heavy: true }, audit: "export" });
