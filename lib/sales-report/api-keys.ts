import "server-only";
import { UserError } from "@/lib/action-result";
import { audit } from "@/lib/audit";
import { generateApiKey } from "@/lib/auth/api-key";
import type { CurrentUser } from "@/lib/auth/types";
import { type Db, inTransaction, prisma } from "@/lib/db/client";

/**
 * API keys issued to a supplier company for its own systems (POST /api/omsaetning). Hashing and the
 * key's form are lib/auth/api-key.ts's, which also authenticates them: a supplier's key acts as a
 * SUPPLIER user of its company, so it reports for that company only. A supplier's users issue and
 * revoke their company's keys; ADMIN may revoke any. The key is shown once; only the hash is stored.
 */

export type SupplierKeyRow = {
  id: number;
  name: string;
  keyPrefix: string;
  supplierName: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The keys a user may see: the own company's (SUPPLIER), every supplier's (ADMIN). */
export async function listSupplierApiKeys(actor: CurrentUser, db: Db = prisma): Promise<SupplierKeyRow[]> {
  if (actor.role !== "ADMIN" && actor.supplierId === null) return [];
  const keys = await db.supplierApiKey.findMany({
    where: actor.role === "ADMIN" ? {} : { supplierId: actor.supplierId! },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    include: { supplier: { select: { name: true } }, createdBy: { select: { name: true } } },
    take: 500,
  });
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    keyPrefix: k.keyPrefix,
    supplierName: k.supplier.name,
    createdBy: k.createdBy.name,
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
  }));
}

/** Issues a key to the actor's own company; returns it (the only time it is available). Audited. */
export async function createSupplierApiKey(actor: CurrentUser, input: { name: string }, db?: Db): Promise<{ key: string; id: number; prefix: string }> {
  if (actor.role !== "SUPPLIER" || actor.supplierId === null || actor.apiKeyId) {
    throw new UserError("Kun leverandørens egne brugere kan oprette API-nøgler til virksomheden.");
  }
  const supplierId = actor.supplierId;
  return inTransaction(db, async (tx) => {
    const { key, hash, prefix } = generateApiKey();
    const created = await tx.supplierApiKey.create({
      data: { name: input.name, keyHash: hash, keyPrefix: prefix, supplierId, createdById: actor.id },
      select: { id: true },
    });
    await audit(tx, { actorId: actor.id, action: "apikey.create", entity: "SupplierApiKey", entityId: created.id, after: { name: input.name, keyPrefix: prefix, supplierId } });
    return { key, id: created.id, prefix };
  });
}

/** Revokes a key at once (own company's for a SUPPLIER, any for ADMIN); audited. Another company's key answers as not found. */
export async function revokeSupplierApiKey(actor: CurrentUser, id: number, db?: Db): Promise<string> {
  return inTransaction(db, async (tx) => {
    const key = await tx.supplierApiKey.findFirst({
      where: actor.role === "ADMIN" ? { id } : { id, supplierId: actor.supplierId ?? -1 },
    });
    if (!key || (actor.role !== "ADMIN" && actor.role !== "SUPPLIER")) throw new UserError("API-nøglen findes ikke.");
    if (key.revokedAt) return `Nøglen «${key.name}» var allerede tilbagekaldt.`;
    const revokedAt = new Date();
    await tx.supplierApiKey.update({ where: { id }, data: { revokedAt } });
    await audit(tx, {
      actorId: actor.id,
      action: "apikey.revoke",
      entity: "SupplierApiKey",
      entityId: id,
      before: { revokedAt: null },
      after: { revokedAt: revokedAt.toISOString(), supplierId: key.supplierId },
    });
    return `Nøglen «${key.name}» (${key.keyPrefix}…) er tilbagekaldt. Den virker ikke længere.`;
  });
}
