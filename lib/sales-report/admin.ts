import "server-only";
import type { z } from "zod";
import { UserError } from "@/lib/action-result";
import { audit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/types";
import { type Db, inTransaction, prisma } from "@/lib/db/client";
import { danishDay } from "@/lib/purchase-data/import";
import { quarterFromCode, quarterLabel } from "@/lib/purchase-data/quarter";
import { defaultSupplierDeadline } from "./deadline-rules";
import type { deleteSupplierDeadlineSchema, removeReopeningSchema, reopenSchema, supplierDeadlineSchema } from "./schemas";

/** ADMIN's changes to the suppliers' deadlines and reopenings (/admin/leverandorfrister); each audited. */

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

export async function listSupplierDeadlines(db: Db = prisma) {
  const rows = await db.supplierDeadline.findMany({ orderBy: { quarter: "desc" } });
  return rows.map((r) => ({ quarter: r.quarter, deadline: iso(r.deadline) }));
}

export async function listReopenings(db: Db = prisma) {
  const rows = await db.salesReportReopening.findMany({
    orderBy: [{ quarter: "desc" }, { id: "desc" }],
    include: { supplier: { select: { name: true } }, reopenedBy: { select: { name: true } } },
    take: 500,
  });
  return rows.map((r) => ({ id: r.id, quarter: r.quarter, until: iso(r.until), reason: r.reason, supplierName: r.supplier.name, reopenedBy: r.reopenedBy.name }));
}

export async function setSupplierDeadline(actor: CurrentUser, input: z.infer<typeof supplierDeadlineSchema>, db?: Db): Promise<string> {
  const quarter = quarterFromCode(input.quarter)!;
  if (input.deadline <= quarter.end) throw new UserError(`Fristen skal ligge efter kvartalets sidste dag (${danishDay(quarter.end)}).`, "deadline");
  return inTransaction(db, async (tx) => {
    const before = await tx.supplierDeadline.findUnique({ where: { quarter: quarter.code } });
    await tx.supplierDeadline.upsert({ where: { quarter: quarter.code }, create: { quarter: quarter.code, deadline: day(input.deadline) }, update: { deadline: day(input.deadline) } });
    await audit(tx, {
      actorId: actor.id,
      action: "supplierDeadline.set",
      entity: "SupplierDeadline",
      entityId: quarter.code,
      before: before ? { deadline: iso(before.deadline) } : { deadline: null, default: defaultSupplierDeadline(quarter) },
      after: { deadline: input.deadline },
    });
    return `Leverandørernes frist for ${quarterLabel(quarter)} er ${danishDay(input.deadline)}.`;
  });
}

export async function deleteSupplierDeadline(actor: CurrentUser, input: z.infer<typeof deleteSupplierDeadlineSchema>, db?: Db): Promise<string> {
  const quarter = quarterFromCode(input.quarter)!;
  return inTransaction(db, async (tx) => {
    const before = await tx.supplierDeadline.findUnique({ where: { quarter: quarter.code } });
    if (!before) throw new UserError("Kvartalet har ingen fastsat frist.");
    await tx.supplierDeadline.delete({ where: { quarter: quarter.code } });
    await audit(tx, { actorId: actor.id, action: "supplierDeadline.delete", entity: "SupplierDeadline", entityId: quarter.code, before: { deadline: iso(before.deadline) } });
    return `Fristen for ${quarterLabel(quarter)} er slettet; standardfristen ${danishDay(defaultSupplierDeadline(quarter))} gælder.`;
  });
}

/** Reopens a quarter for one supplier until a day (replacing an earlier reopening of the same quarter). */
export async function reopenQuarter(actor: CurrentUser, input: z.infer<typeof reopenSchema>, db?: Db): Promise<string> {
  const quarter = quarterFromCode(input.quarter)!;
  if (input.until <= quarter.end) throw new UserError(`Genåbningen skal vare til en dag efter kvartalets sidste dag (${danishDay(quarter.end)}).`, "until");
  return inTransaction(db, async (tx) => {
    const supplier = await tx.supplier.findUnique({ where: { id: input.supplierId }, select: { id: true, name: true } });
    if (!supplier) throw new UserError("Leverandøren findes ikke.", "supplierId");
    const key = { supplierId_quarter: { supplierId: supplier.id, quarter: quarter.code } };
    const before = await tx.salesReportReopening.findUnique({ where: key });
    const saved = await tx.salesReportReopening.upsert({
      where: key,
      create: { supplierId: supplier.id, quarter: quarter.code, until: day(input.until), reason: input.reason, reopenedById: actor.id },
      update: { until: day(input.until), reason: input.reason, reopenedById: actor.id },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "salesReport.reopen",
      entity: "SalesReportReopening",
      entityId: saved.id,
      before: before ? { until: iso(before.until), reason: before.reason } : undefined,
      after: { supplierId: supplier.id, quarter: quarter.code, until: input.until, reason: input.reason },
    });
    return `${quarterLabel(quarter)} er genåbnet for ${supplier.name} til og med ${danishDay(input.until)}.`;
  });
}

export async function removeReopening(actor: CurrentUser, input: z.infer<typeof removeReopeningSchema>, db?: Db): Promise<string> {
  return inTransaction(db, async (tx) => {
    const before = await tx.salesReportReopening.findUnique({ where: { id: input.reopeningId } });
    if (!before) throw new UserError("Genåbningen findes ikke.");
    await tx.salesReportReopening.delete({ where: { id: before.id } });
    await audit(tx, {
      actorId: actor.id,
      action: "salesReport.reopen.delete",
      entity: "SalesReportReopening",
      entityId: before.id,
      before: { supplierId: before.supplierId, quarter: before.quarter, until: iso(before.until), reason: before.reason },
    });
    return "Genåbningen er slettet.";
  });
}
