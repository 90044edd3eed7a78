import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { UserError } from "@/lib/action-result";
import { audit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/types";
import { type Db, inTransaction, prisma } from "@/lib/db/client";

/**
 * API keys for other systems (an e-commerce system has no browser session). A key acts as a BUYER
 * of the institution it was issued for, so the permission table and the row scopes decide what it
 * may do, exactly as for a logged-in buyer. Only the SHA-256 hash of a key is stored: the key itself
 * is shown once, when it is created. Sent as `Authorization: Bearer <key>`; lib/auth/guard.ts
 * (withPermission with `apiKeys: true`) is the one place that accepts it.
 */
export const API_KEY_PREFIX = "sip_";
const KEY_PATTERN = /^sip_[A-Za-z0-9_-]{43}$/;
/** Characters of the key kept for display ("sip_" and 8 more): enough to recognise, not to use. */
const DISPLAY_LENGTH = 12;
/**
 * lastUsedAt is written at most once a minute per key, not on every request, and each write is
 * audited ("apikey.use", with the call's method and endpoint): the audit log shows every minute a
 * key was used without a row per call (a busy e-commerce system makes thousands a day).
 */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** A new random key (256 bits), its hash and its display prefix. */
export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, DISPLAY_LENGTH) };
}

/** The key in an `Authorization: Bearer <key>` header, or null when there is none of that form. */
export function bearerToken(header: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match ? match[1]! : null;
}

/**
 * Records a key's use at most once a minute (conditional, so that of two processes taking the same
 * minute's first call one records it), audited as "apikey.use".
 */
async function recordUse(
  key: { id: number; createdById: number; keyPrefix: string; lastUsedAt: Date | null },
  table: "apiKey" | "supplierApiKey",
  call: { method: string; endpoint: string },
  db: Db | undefined,
  now: Date,
): Promise<void> {
  if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() <= LAST_USED_RESOLUTION_MS) return;
  await inTransaction(db, async (tx) => {
    const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    const where = { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }] };
    const { count } =
      table === "apiKey"
        ? await tx.apiKey.updateMany({ where, data: { lastUsedAt: now } })
        : await tx.supplierApiKey.updateMany({ where, data: { lastUsedAt: now } });
    if (count === 1) {
      await audit(tx, {
        actorId: key.createdById,
        action: "apikey.use",
        entity: table === "apiKey" ? "ApiKey" : "SupplierApiKey",
        entityId: key.id,
        after: { ...call, keyPrefix: key.keyPrefix },
      });
    }
  });
}

/**
 * The caller an Authorization header stands for, or null for a missing, malformed, unknown or
 * revoked key: a key issued to an institution acts as a BUYER of it; a key issued to a supplier
 * company (SupplierApiKey, lib/sales-report/api-keys.ts) acts as a SUPPLIER user of it. The user id
 * is the key's creator (the person responsible for it), so anything the key does is traceable to
 * a person. The permission table and the row scopes then decide, as for a logged-in user.
 */
export async function authenticateApiKey(
  header: string | null,
  call: { method: string; endpoint: string },
  db?: Db,
  now = new Date(),
): Promise<CurrentUser | null> {
  const key = bearerToken(header);
  if (!key || !KEY_PATTERN.test(key)) return null;
  const keyHash = hashApiKey(key);
  const apiKey = await (db ?? prisma).apiKey.findUnique({
    where: { keyHash },
    include: { institution: { select: { id: true, name: true, ministryId: true, ministry: { select: { name: true } } } } },
  });
  if (apiKey) {
    if (apiKey.revokedAt !== null) return null;
    await recordUse(apiKey, "apiKey", call, db, now);
    return {
      id: apiKey.createdById,
      name: `API-nøgle «${apiKey.name}» (${apiKey.keyPrefix}…)`,
      email: "",
      role: "BUYER",
      institutionId: apiKey.institution.id,
      institutionName: apiKey.institution.name,
      ministryId: apiKey.institution.ministryId,
      supplierId: null,
      supplierName: null,
      ministryName: apiKey.institution.ministry.name,
      apiKeyId: apiKey.id,
    };
  }
  const supplierKey = await (db ?? prisma).supplierApiKey.findUnique({ where: { keyHash }, include: { supplier: { select: { id: true, name: true } } } });
  if (!supplierKey || supplierKey.revokedAt !== null) return null;
  await recordUse(supplierKey, "supplierApiKey", call, db, now);
  return {
    id: supplierKey.createdById,
    name: `API-nøgle «${supplierKey.name}» (${supplierKey.keyPrefix}…)`,
    email: "",
    role: "SUPPLIER",
    institutionId: null,
    institutionName: null,
    ministryId: null,
    ministryName: null,
    supplierId: supplierKey.supplier.id,
    supplierName: supplierKey.supplier.name,
    apiKeyId: supplierKey.id,
  };
}

/**
 * Creates a key for an institution and returns it: the only time the key itself is available.
 * The creator must be the agency (ADMIN) or a buyer of that institution; the creation is audited.
 */
export async function createApiKey(
  actor: Pick<CurrentUser, "id" | "role" | "institutionId">,
  input: { name: string; institutionId: number },
  db?: Db,
): Promise<{ key: string; id: number; prefix: string }> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new UserError("Giv nøglen et navn på 1-100 tegn, fx navnet på e-handelssystemet.", "name");
  if (actor.role !== "ADMIN" && !(actor.role === "BUYER" && actor.institutionId === input.institutionId)) {
    throw new UserError("Du kan ikke oprette API-nøgler for denne institution.");
  }
  return inTransaction(db, async (tx) => {
    const institution = await tx.institution.findUnique({ where: { id: input.institutionId }, select: { id: true } });
    if (!institution) throw new UserError("Institutionen findes ikke.", "institutionId");
    const { key, hash, prefix } = generateApiKey();
    const created = await tx.apiKey.create({
      data: { name, keyHash: hash, keyPrefix: prefix, institutionId: institution.id, createdById: actor.id },
      select: { id: true },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "apikey.create",
      entity: "ApiKey",
      entityId: created.id,
      after: { name, keyPrefix: prefix, institutionId: institution.id },
    });
    return { key, id: created.id, prefix };
  });
}

/** Revokes a key at once (its next request is refused); audited. Revoking twice changes nothing. */
export async function revokeApiKey(actor: Pick<CurrentUser, "id" | "role" | "institutionId">, id: number, db?: Db): Promise<void> {
  await inTransaction(db, async (tx) => {
    const apiKey = await tx.apiKey.findUnique({ where: { id } });
    if (!apiKey) throw new UserError("API-nøglen findes ikke.");
    if (actor.role !== "ADMIN" && !(actor.role === "BUYER" && actor.institutionId === apiKey.institutionId)) {
      throw new UserError("Du kan ikke tilbagekalde denne API-nøgle.");
    }
    if (apiKey.revokedAt) return;
    const revokedAt = new Date();
    await tx.apiKey.update({ where: { id }, data: { revokedAt } });
    await audit(tx, {
      actorId: actor.id,
      action: "apikey.revoke",
      entity: "ApiKey",
      entityId: id,
      before: { revokedAt: null },
      after: { revokedAt: revokedAt.toISOString() },
    });
  });
}
