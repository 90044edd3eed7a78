import "server-only";
import { z } from "zod";
import type { AuditLog, Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db/client";
import { keysetPages } from "@/lib/db/keyset-pages";

/** The audit log as ADMIN searches it: by action, entity (and id), actor e-mail and period. */
export const auditFilterSchema = z.object({
  action: z.string().trim().max(100).optional().catch(undefined),
  entity: z.string().trim().max(100).optional().catch(undefined),
  entityId: z.string().trim().max(100).optional().catch(undefined),
  actor: z.string().trim().max(200).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;
export const AUDIT_PAGE_SIZE = 50;

function where(filter: AuditFilter, actorIds: number[] | null): Prisma.AuditLogWhereInput {
  return {
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.entity ? { entity: filter.entity } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
    ...(actorIds ? { actorId: { in: actorIds } } : {}),
    ...(filter.from || filter.to
      ? {
          createdAt: {
            ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
            ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
          },
        }
      : {}),
  };
}

async function actorIdsFor(filter: AuditFilter): Promise<number[] | null> {
  if (!filter.actor) return null;
  const users = await prisma.user.findMany({ where: { email: { contains: filter.actor.toLowerCase() } }, select: { id: true } });
  return users.map((u) => u.id);
}

export async function searchAudit(filter: AuditFilter) {
  const condition = where(filter, await actorIdsFor(filter));
  const [entries, total] = await Promise.all([
    prisma.auditLog.findMany({
      where: condition,
      orderBy: { id: "desc" },
      take: AUDIT_PAGE_SIZE,
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
    }),
    prisma.auditLog.count({ where: condition }),
  ]);
  const actors = await prisma.user.findMany({
    where: { id: { in: [...new Set(entries.map((e) => e.actorId).filter((id): id is number => id !== null))] } },
    select: { id: true, email: true },
  });
  const emails = new Map(actors.map((a) => [a.id, a.email]));
  return {
    entries: entries.map((e) => ({ ...e, actorEmail: e.actorId === null ? null : (emails.get(e.actorId) ?? null) })),
    total,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
  };
}

/** Every matching entry, newest first, in pages: for the export. */
export async function* auditRows(filter: AuditFilter): AsyncGenerator<AuditLog> {
  const condition = where(filter, await actorIdsFor(filter));
  yield* keysetPages(
    (after: AuditLog | null, limit) =>
      prisma.auditLog.findMany({
        where: after ? { AND: [condition, { id: { lt: after.id } }] } : condition,
        orderBy: { id: "desc" },
        take: limit,
      }),
    2_000,
  );
}
