import { publicRoute } from "@/lib/auth/guard";
import { findPublishedList } from "@/lib/catalogue/exports";

// Public on purpose: the agency publishes these lists on its open page, so no log-in is needed.
// Every download is written from the database at request time (the date of extraction is in the file),
// so it is limited per client address like the other exports.
export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

export const GET = publicRoute({ rate: "files", heavy: true }, async (_request: Request, context: { params: Promise<{ list: string }> }) => {
  const { list: fileName } = await context.params;
  const list = findPublishedList(fileName);
  if (!list) {
    return Response.json(
      { error: "Listen findes ikke. Se de lister, der kan hentes, på /lister." },
      { status: 404, headers: noStore },
    );
  }
  try {
    return await list.response();
  } catch (error) {
    console.error(`Export ${list.fileName} failed to start`, error);
    return Response.json(
      { error: "Listen kan ikke hentes lige nu. Prøv igen om lidt." },
      { status: 503, headers: { ...noStore, "Retry-After": "60" } },
    );
  }
});
