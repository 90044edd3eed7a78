import { NextResponse } from "next/server";
import { withPermission } from "@/lib/auth/guard";
import { getSkemaFile } from "@/lib/enrolment/queries";
import { parseId } from "@/lib/parse-id";

/**
 * The original Skema file of an enrolment: for the enrolling institution, its group buyer and
 * admins (the permission "enrolment.view", then the record's scope in getSkemaFile). Every
 * download is audited. Served as an attachment, never rendered.
 */
export const GET = withPermission("enrolment.view", async (_request, context: RouteContext<"/tilmeldinger/[id]/skema">, user) => {
  const id = parseId((await context.params).id);
  if (id === null) return NextResponse.json({ error: "Tilmeldingen findes ikke." }, { status: 404 });
  const result = await getSkemaFile(user, id);
  if (result.status === "missing") return NextResponse.json({ error: "Filen findes ikke." }, { status: 404 });
  const file = result.value;
  const asciiName = file.fileName.replace(/[^A-Za-z0-9._-]+/g, "_");
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Content-SHA256": file.sha256,
    },
  });
}, { limit: { rate: "files" } });
