import { checkDatabase } from "@/lib/health";

// Public on purpose: a load balancer asks it. It says whether the database answers, nothing more.
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const database = await checkDatabase();
  return Response.json({ status: database.ok ? "ok" : "error", database }, { status: database.ok ? 200 : 503 });
}
