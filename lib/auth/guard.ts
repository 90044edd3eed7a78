import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { z } from "zod";
import { GENERIC_ERROR, UserError, type ActionResult } from "@/lib/action-result";
import { audit } from "@/lib/audit";
import { authenticateApiKey } from "@/lib/auth/api-key";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can, type Permission } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/types";
import { prisma } from "@/lib/db/client";
import { hitRateLimit } from "@/lib/security/rate-limit";

/**
 * The one gate every page, server action and route handler goes through. Pages call
 * requirePermission; actions are built with authorizedAction; route handlers with withPermission.
 */
export async function requirePermission(permission: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/log-ind");
  if (!can(user.role, permission)) {
    // proxy.ts names the page's path for the guard; pages have no request of their own.
    await auditRefusal(user, permission, async () => (await headers()).get("x-request-path"));
    forbidden();
  }
  return user;
}

/**
 * A logged-in user (or API key) refused a permission is written to the audit log: action
 * "access.refused", the permission as entity id, the path when there is one. At most one entry a
 * minute per user and permission (counted as the burst limits are), so that a script hammering a
 * page cannot flood the log. A failure to write is logged; the refusal stands either way.
 */
async function auditRefusal(user: CurrentUser, permission: Permission, path: () => Promise<string | null>): Promise<void> {
  try {
    const { allowed } = await hitRateLimit(`refused:${user.id}:${permission}`, 1, 60);
    if (allowed) {
      await audit(prisma, {
        actorId: user.id,
        action: "access.refused",
        entity: "Permission",
        entityId: permission,
        after: { path: await path(), role: user.role },
      });
    }
  } catch (error) {
    console.error("refused access not audited:", error);
  }
}

/** A server action: checks the permission, parses the form with zod, maps errors to Danish text. */
export function authorizedAction<Schema extends z.ZodType>(
  permission: Permission,
  schema: Schema,
  perform: (input: z.infer<Schema>, user: CurrentUser) => Promise<string>,
): (previous: ActionResult, formData: FormData) => Promise<ActionResult> {
  return async (_previous, formData) => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, message: "Du er ikke logget ind. Log ind og prøv igen." };
    if (!can(user.role, permission)) {
      await auditRefusal(user, permission, async () => null);
      return { ok: false, message: "Du har ikke adgang til at gøre dette." };
    }
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return { ok: false, message: "Formularen indeholder fejl.", errors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
    }
    try {
      return { ok: true, message: await perform(parsed.data, user) };
    } catch (error) {
      if (error instanceof UserError) {
        return { ok: false, message: error.message, errors: error.field ? { [error.field]: [error.message] } : undefined };
      }
      console.error("Server action failed", error);
      return { ok: false, message: GENERIC_ERROR };
    }
  };
}

export type RouteOptions = {
  /**
   * Also accept `Authorization: Bearer <API key>` (lib/auth/api-key.ts) for machine callers; the key
   * acts as a BUYER of its institution. A request that carries an Authorization header is judged by
   * the key alone: a bad or revoked key is refused, never retried as a session.
   */
  apiKeys?: boolean;
};

/** A route handler that answers 401 without a session (or valid API key) and 403 without the permission. */
export function withPermission<Context>(
  permission: Permission,
  handle: (request: Request, context: Context, user: CurrentUser) => Promise<Response>,
  options: RouteOptions = {},
): (request: Request, context: Context) => Promise<Response> {
  return async (request, context) => {
    const authorization = options.apiKeys ? request.headers.get("authorization") : null;
    const user = authorization !== null ? await authenticateApiKey(authorization) : await getCurrentUser();
    if (!user) {
      return authorization !== null
        ? NextResponse.json(
            { error: "API-nøglen er ugyldig eller tilbagekaldt." },
            { status: 401, headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } },
          )
        : NextResponse.json(
            { error: "Log ind for at fortsætte." },
            { status: 401, headers: options.apiKeys ? { "WWW-Authenticate": "Bearer" } : undefined },
          );
    }
    if (!can(user.role, permission)) {
      await auditRefusal(user, permission, async () => new URL(request.url).pathname);
      return NextResponse.json({ error: "Ingen adgang." }, { status: 403 });
    }
    try {
      return await handle(request, context, user);
    } catch (error) {
      if (error instanceof UserError) return NextResponse.json({ error: error.message }, { status: 400 });
      console.error("Route handler failed", error);
      return NextResponse.json({ error: GENERIC_ERROR }, { status: 500 });
    }
  };
}
