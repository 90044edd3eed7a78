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
import { requestClientAddress } from "@/lib/security/client-address";
import { badKeysRefused, countBadKey, runLimited, tooManyResponse, withWorkLease, type RouteLimit } from "@/lib/security/limits";
import { REQUEST_PATH_HEADER } from "@/lib/security/headers";

/**
 * The one gate every page, server action and route handler goes through. Pages call
 * requirePermission; actions are built with authorizedAction; route handlers with withPermission.
 */
export async function requirePermission(permission: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/log-ind");
  if (!can(user.role, permission)) {
    // The portal's server names the page's path for the guard (secureRequest); pages have no request of their own.
    await auditRefusal(user, permission, async () => (await headers()).get(REQUEST_PATH_HEADER));
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

export type ActionOptions = {
  /** An upload: holds one of the user's heavy slots while it runs (lib/security/limits.ts). */
  heavy?: true;
};

/** A server action: checks the permission, parses the form with zod, maps errors to Danish text. */
export function authorizedAction<Schema extends z.ZodType>(
  permission: Permission,
  schema: Schema,
  perform: (input: z.infer<Schema>, user: CurrentUser) => Promise<string>,
  options: ActionOptions = {},
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
      const run = async (): Promise<ActionResult> => ({ ok: true, message: await perform(parsed.data, user) });
      return options.heavy ? await withWorkLease(limitHolder(user), (message): ActionResult => ({ ok: false, message }), run) : await run();
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
   * acts as a BUYER of its institution, or a supplier's key as a SUPPLIER user of its company. A request that carries an Authorization header is judged by
   * the key alone: a bad or revoked key is refused, never retried as a session.
   */
  apiKeys?: boolean;
  /** The route's rate limit and whether it is heavy (lib/security/limits.ts); required, so no route forgets it. */
  limit: RouteLimit;
  /** "export": each download served is audited with who, the path and its query (the filter). */
  audit?: "export";
};

/** Whose limits a request counts against: the API key's own (institution and supplier keys are numbered apart), else the user's. */
function limitHolder(user: CurrentUser): string {
  if (!user.apiKeyId) return `user:${user.id}`;
  return user.role === "SUPPLIER" ? `supplierkey:${user.apiKeyId}` : `apikey:${user.apiKeyId}`;
}

/** Records an export of personal or spend data: who, which file (the path) and which filter (the query). */
async function auditExport(user: CurrentUser, request: Request): Promise<void> {
  const url = new URL(request.url);
  await audit(prisma, {
    actorId: user.id,
    action: "export.download",
    entity: "Export",
    entityId: url.pathname,
    after: { query: Object.fromEntries(url.searchParams), ...(user.apiKeyId ? { apiKeyId: user.apiKeyId } : {}) },
  });
}

/**
 * A route handler that answers 401 without a session (or valid API key), 403 without the permission
 * and 429 beyond its limit. An address that sent too many unknown API keys gets 429 before its key is
 * even looked at.
 */
export function withPermission<Context>(
  permission: Permission,
  handle: (request: Request, context: Context, user: CurrentUser) => Promise<Response>,
  options: RouteOptions,
): (request: Request, context: Context) => Promise<Response> {
  return async (request, context) => {
    try {
      const authorization = options.apiKeys ? request.headers.get("authorization") : null;
      const address = requestClientAddress(request.headers);
      if (authorization !== null) {
        const wait = await badKeysRefused(address);
        if (wait !== null) return tooManyResponse(wait);
      }
      const user =
        authorization !== null
          ? await authenticateApiKey(authorization, { method: request.method, endpoint: new URL(request.url).pathname })
          : await getCurrentUser();
      if (!user) {
        if (authorization !== null) {
          await countBadKey(address);
          return NextResponse.json(
            { error: "API-nøglen er ugyldig eller tilbagekaldt." },
            { status: 401, headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } },
          );
        }
        return NextResponse.json(
          { error: "Log ind for at fortsætte." },
          { status: 401, headers: options.apiKeys ? { "WWW-Authenticate": "Bearer" } : undefined },
        );
      }
      if (!can(user.role, permission)) {
        await auditRefusal(user, permission, async () => new URL(request.url).pathname);
        return NextResponse.json({ error: "Ingen adgang." }, { status: 403 });
      }
      return await runLimited(options.limit, limitHolder(user), async () => {
        const response = await handle(request, context, user);
        if (options.audit === "export" && response.ok) await auditExport(user, request);
        return response;
      });
    } catch (error) {
      if (error instanceof UserError) return NextResponse.json({ error: error.message }, { status: 400 });
      console.error("Route handler failed", error);
      return NextResponse.json({ error: GENERIC_ERROR }, { status: 500 });
    }
  };
}

/** A route open to anyone (the published lists): the same limits, counted per client address. */
export function publicRoute<Context>(
  limit: RouteLimit,
  handle: (request: Request, context: Context) => Promise<Response>,
): (request: Request, context: Context) => Promise<Response> {
  return async (request, context) => {
    try {
      return await runLimited(limit, `ip:${requestClientAddress(request.headers)}`, () => handle(request, context));
    } catch (error) {
      console.error("Public route failed", error);
      return NextResponse.json({ error: GENERIC_ERROR }, { status: 500 });
    }
  };
}
