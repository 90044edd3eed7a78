import { NextResponse } from "next/server";
import { z } from "zod";
import { withPermission } from "@/lib/auth/guard";
import type { CurrentUser } from "@/lib/auth/types";
import { decisionJson } from "@/lib/cascade/api";
import { CascadeInputError, evaluateNeed } from "@/lib/cascade/decisions";
import { apiNeedInputSchema } from "@/lib/cascade/schemas";
import { readBodyText } from "@/lib/security/request-body";

// The cascade for other systems (e.g. an e-commerce system before an order): the same decision the
// page "Nyt indkøbsbehov" shows, as JSON. A logged-in session or `Authorization: Bearer <API key>`
// (the key acts as a buyer of its institution). Documented in the README ("API: kaskaden").
export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };
// A need is a few short fields; anything much larger is not one (and is not read into memory).
const MAX_QUERY_BYTES = 64 * 1024;

async function answer(user: CurrentUser, raw: unknown): Promise<Response> {
  const parsed = apiNeedInputSchema().safeParse(raw);
  if (!parsed.success) {
    return NextResponse.json(
      { error: "Forespørgslen indeholder fejl.", errors: z.flattenError(parsed.error).fieldErrors },
      { status: 400, headers: noStore },
    );
  }
  try {
    const evaluation = await evaluateNeed(user, parsed.data);
    return NextResponse.json(decisionJson(evaluation.explanation), { headers: noStore });
  } catch (error) {
    if (!(error instanceof CascadeInputError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.errors).map(([field, messages]) => [field === "institution" ? "institutionId" : field, messages]));
    return NextResponse.json(
      { error: error.forbidden ? "Ingen adgang til institutionen." : "Forespørgslen indeholder fejl.", errors },
      { status: error.forbidden ? 403 : 400, headers: noStore },
    );
  }
}

export const GET = withPermission<unknown>(
  "cascade.use",
  async (request, _context, user) => answer(user, Object.fromEntries(new URL(request.url).searchParams)),
  { apiKeys: true, limit: { rate: "api" } },
);

export const POST = withPermission<unknown>(
  "cascade.use",
  async (request, _context, user) => {
    const text = await readBodyText(request, MAX_QUERY_BYTES);
    if (text === null) return NextResponse.json({ error: "Forespørgslen er for stor." }, { status: 413, headers: noStore });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      return NextResponse.json(
        { error: "Send forespørgslen som et JSON-objekt, fx {\"category\": \"1920\", \"amountOre\": 12500000}." },
        { status: 400, headers: noStore },
      );
    }
    return answer(user, body);
  },
  { apiKeys: true, limit: { rate: "api" } },
);
