import { NextResponse } from "next/server";
import { withPermission } from "@/lib/auth/guard";
import { storedReport } from "@/lib/compliance/report";
import { parseId } from "@/lib/parse-id";
import { xlsxHeaders } from "@/lib/xlsx/writer";

export const dynamic = "force-dynamic";

/** A report as it was sent: the stored xlsx file, to its ministry's users and the agency. */
export const GET = withPermission("compliance.view", async (_request, context: { params: Promise<{ id: string }> }, user) => {
  const id = parseId((await context.params).id);
  if (id === null) return NextResponse.json({ error: "Rapporten findes ikke." }, { status: 404 });
  const found = await storedReport(user, id);
  if (found.status === "missing") return NextResponse.json({ error: "Rapporten findes ikke." }, { status: 404 });
  return new Response(new Uint8Array(found.value.content), { status: 200, headers: xlsxHeaders(found.value.fileName) });
}, { limit: { rate: "files" }, audit: "export" });
