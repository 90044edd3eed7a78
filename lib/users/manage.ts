import "server-only";
import type { z } from "zod";
import { UserError } from "@/lib/action-result";
import { audit } from "@/lib/audit";
import { type Db, inTransaction, prisma } from "@/lib/db/client";
import type { CurrentUser } from "@/lib/auth/types";
import type { changeRoleSchema, createSupplierUserSchema, setActiveSchema } from "@/lib/users/schemas";
import { roleLabel } from "@/lib/roles-da";

/** Users as the administration page lists them (ADMIN only; the guard has checked). */
export async function listUsers() {
  return prisma.user.findMany({
    orderBy: [{ role: "asc" }, { email: "asc" }],
    include: { institution: { select: { name: true } }, ministry: { select: { name: true } }, supplier: { select: { name: true, cvr: true } } },
  });
}

/** The suppliers a supplier user may be created for, as the administration page offers them. */
export async function listSupplierChoices() {
  return prisma.supplier.findMany({ orderBy: [{ sortKey: "asc" }, { id: "asc" }], select: { cvr: true, name: true } });
}

/**
 * Creates a user of a supplier company (role SUPPLIER). The user has no password: the first log-in
 * through the state log-in (OIDC) finds the user by e-mail, as for every other user the agency adds.
 */
export async function createSupplierUser(actor: CurrentUser, input: z.infer<typeof createSupplierUserSchema>, db?: Db): Promise<string> {
  return inTransaction(db, async (tx) => {
    const supplier = await tx.supplier.findUnique({ where: { cvr: input.supplierCvr } });
    if (!supplier) throw new UserError(`Der er ingen leverandør med CVR-nummer ${input.supplierCvr}.`, "supplierCvr");
    if (await tx.user.findUnique({ where: { email: input.email } })) {
      throw new UserError(`Der findes allerede en bruger med e-mailen ${input.email}.`, "email");
    }
    const user = await tx.user.create({ data: { name: input.name, email: input.email, role: "SUPPLIER", supplierId: supplier.id } });
    await audit(tx, {
      actorId: actor.id,
      action: "user.create",
      entity: "User",
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role, supplierId: supplier.id, supplierCvr: supplier.cvr },
    });
    return `${user.name} er oprettet som leverandørbruger for ${supplier.name}.`;
  });
}

/**
 * Changes a user's role. The role takes effect at the user's next request, because roles are read
 * from the database per request. A role needs its organisation: a buyer an institution, a group
 * buyer or analyst a ministry (taken from the user's institution when the user has none).
 */
export async function changeUserRole(actor: CurrentUser, input: z.infer<typeof changeRoleSchema>, db?: Db): Promise<string> {
  if (input.userId === actor.id) throw new UserError("Du kan ikke ændre din egen rolle.", "role");
  return inTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, include: { institution: true } });
    if (!user) throw new UserError("Brugeren findes ikke.");
    if (user.role === "SUPPLIER") {
      throw new UserError("En leverandørbruger kan ikke skifte rolle. Deaktivér brugeren, og opret en ny.", "role");
    }
    if (input.role === "BUYER" && user.institutionId === null) {
      throw new UserError("En indkøber skal høre til en institution.", "role");
    }
    const ministryId = user.ministryId ?? user.institution?.ministryId ?? null;
    if ((input.role === "GROUP_BUYER" || input.role === "MINISTRY_ANALYST") && ministryId === null) {
      throw new UserError("Rollen kræver et ministerområde.", "role");
    }
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { role: input.role, ministryId: input.role === "BUYER" || input.role === "ADMIN" ? user.ministryId : ministryId },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "user.role",
      entity: "User",
      entityId: user.id,
      before: { role: user.role, ministryId: user.ministryId },
      after: { role: updated.role, ministryId: updated.ministryId },
    });
    return `${user.name} har nu rollen ${roleLabel(updated.role)}.`;
  });
}

/** Deactivating a user also ends every session of the user (sessionVersion is raised). */
export async function setUserActive(actor: CurrentUser, input: z.infer<typeof setActiveSchema>, db?: Db): Promise<string> {
  if (input.userId === actor.id) throw new UserError("Du kan ikke deaktivere dig selv.");
  return inTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw new UserError("Brugeren findes ikke.");
    await tx.user.update({
      where: { id: user.id },
      data: { active: input.active, sessionVersion: input.active ? user.sessionVersion : { increment: 1 } },
    });
    await audit(tx, {
      actorId: actor.id,
      action: input.active ? "user.activate" : "user.deactivate",
      entity: "User",
      entityId: user.id,
      before: { active: user.active },
      after: { active: input.active },
    });
    return input.active ? `${user.name} er aktiveret.` : `${user.name} er deaktiveret og logget ud overalt.`;
  });
}
