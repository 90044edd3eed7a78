import "server-only";
import type { z } from "zod";
import { UserError } from "@/lib/action-result";
import { audit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/types";
import { type Db, inTransaction, isUniqueViolation, prisma } from "@/lib/db/client";
import { danishSortKey } from "@/lib/domain/danish-sort";
import { refreshAgreementUse } from "@/lib/ceilings/refresh";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ContractType } from "@/lib/generated/prisma/enums";
import {
  agreementReferenceProblems,
  isoDay,
  supplierReferenceProblems,
  type AgreementInput,
  type FieldProblem,
  type MasterDataLookup,
  type agreementFormSchema,
  type categoryFormSchema,
  type phaseFormSchema,
  type retireAgreementSchema,
  type supplierFormSchema,
} from "@/lib/catalogue/admin-schemas";

/**
 * The agency's administration of the catalogue's master data: agreements, phases, categories and
 * suppliers. Plain functions that take the acting user (the guard has checked catalogue.manage)
 * and an optional transaction client; each change is written in one transaction together with its
 * audit entry (before and after). Expected failures are UserErrors with the field they belong to.
 */

/** A failure with one or more messages, each tied to a form field. The first is the UserError's own. */
export class MasterDataError extends UserError {
  constructor(readonly problems: readonly FieldProblem[]) {
    super(problems[0]?.message ?? "Oplysningerne kan ikke gemmes.", problems[0]?.field);
    this.name = "MasterDataError";
  }
}

export type SaveOutcome = {
  /** The saved record's id (a category's code). */
  id: string;
  message: string;
  /** False when the form held no change, so nothing was written. */
  changed: boolean;
};

/** Runs a create whose uniqueness was checked, turning a concurrent duplicate into the same message. */
async function uniquely<T>(work: () => Promise<T>, field: string, message: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(message, field);
    throw error;
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---------------------------------------------------------------------------------------------
// Audit snapshots: what before/after record for each entity
// ---------------------------------------------------------------------------------------------

export function supplierSnapshot(supplier: { cvr: string; name: string; categoryCode: string | null }) {
  return { cvr: supplier.cvr, name: supplier.name, categoryCode: supplier.categoryCode };
}

export function categorySnapshot(category: { code: string; name: string; hasMandatoryAgreements: boolean; contractType: ContractType }) {
  return {
    code: category.code,
    name: category.name,
    hasMandatoryAgreements: category.hasMandatoryAgreements,
    contractType: category.contractType,
  };
}

export function phaseSnapshot(phase: { number: number; name: string; tenderYear: number; effectiveDate: Date; closed: boolean }) {
  return {
    number: phase.number,
    name: phase.name,
    tenderYear: phase.tenderYear,
    effectiveDate: isoDay(phase.effectiveDate),
    closed: phase.closed,
  };
}

export const agreementInclude = {
  phase: { select: { number: true, name: true, closed: true } },
  ownerInstitution: { select: { id: true, cvr: true, name: true } },
  categories: { select: { categoryCode: true }, orderBy: { categoryCode: "asc" } },
  suppliers: { select: { supplier: { select: { id: true, cvr: true, name: true } } } },
} as const satisfies Prisma.AgreementInclude;

export type AgreementWithLinks = Prisma.AgreementGetPayload<{ include: typeof agreementInclude }>;

export function agreementSnapshot(agreement: AgreementWithLinks) {
  return {
    reference: agreement.reference,
    name: agreement.name,
    description: agreement.description,
    kind: agreement.kind,
    phaseNumber: agreement.phase?.number ?? null,
    validFrom: isoDay(agreement.validFrom),
    validTo: isoDay(agreement.validTo),
    ownerCvr: agreement.ownerInstitution?.cvr ?? null,
    ecommerce: agreement.ecommerce,
    retiredAt: agreement.retiredAt?.toISOString() ?? null,
    categoryCodes: agreement.categories.map((c) => c.categoryCode).sort(),
    supplierCvrs: agreement.suppliers.map((s) => s.supplier.cvr).sort(),
    estimatedValueOre: agreement.estimatedValueOre?.toString() ?? null,
    maximumValueOre: agreement.maximumValueOre?.toString() ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Suppliers
// ---------------------------------------------------------------------------------------------

export async function saveSupplier(
  actor: CurrentUser,
  input: z.infer<typeof supplierFormSchema>,
  db?: Db,
): Promise<SaveOutcome> {
  return inTransaction(db, async (tx) => {
    const category = input.categoryCode ? await tx.category.findUnique({ where: { code: input.categoryCode } }) : null;
    const problems = supplierReferenceProblems(input, { ...NOTHING_EXISTS, categoryExists: () => category !== null });
    if (problems.length > 0) throw new MasterDataError(problems);
    const data = { name: input.name, sortKey: danishSortKey(input.name), categoryCode: input.categoryCode };

    if (input.id === null) {
      const existing = await tx.supplier.findUnique({ where: { cvr: input.cvr } });
      const duplicate = `Der findes allerede en leverandør med CVR-nummer ${input.cvr}${existing ? `: ${existing.name}` : ""}.`;
      if (existing) throw new UserError(duplicate, "cvr");
      const created = await uniquely(() => tx.supplier.create({ data: { cvr: input.cvr, ...data } }), "cvr", duplicate);
      await audit(tx, { actorId: actor.id, action: "supplier.create", entity: "Supplier", entityId: created.id, after: supplierSnapshot(created) });
      return { id: String(created.id), message: `Leverandøren ${created.name} (CVR ${created.cvr}) er oprettet.`, changed: true };
    }

    const existing = await tx.supplier.findUnique({ where: { id: input.id } });
    if (!existing) throw new UserError("Leverandøren findes ikke længere.");
    if (existing.cvr !== input.cvr) {
      throw new UserError(
        `CVR-nummeret kan ikke ændres (indkøbsdata knyttes til leverandøren gennem det). Opret en ny leverandør med CVR-nummer ${input.cvr} i stedet.`,
        "cvr",
      );
    }
    const before = supplierSnapshot(existing);
    const after = supplierSnapshot({ ...existing, ...data });
    if (sameJson(before, after)) return { id: String(existing.id), message: "Der var ingen ændringer at gemme.", changed: false };
    await tx.supplier.update({ where: { id: existing.id }, data });
    await audit(tx, { actorId: actor.id, action: "supplier.update", entity: "Supplier", entityId: existing.id, before, after });
    return { id: String(existing.id), message: `Leverandøren ${input.name} er gemt.`, changed: true };
  });
}

// ---------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------

export async function saveCategory(
  actor: CurrentUser,
  input: z.infer<typeof categoryFormSchema>,
  db?: Db,
): Promise<SaveOutcome> {
  return inTransaction(db, async (tx) => {
    const data = { name: input.name, hasMandatoryAgreements: input.hasMandatoryAgreements, contractType: input.contractType };
    if (input.editing === null) {
      const existing = await tx.category.findUnique({ where: { code: input.code } });
      const duplicate = `Kategorikoden ${input.code} findes allerede${existing ? ` (${existing.name})` : ""}.`;
      if (existing) throw new UserError(duplicate, "code");
      const created = await uniquely(() => tx.category.create({ data: { code: input.code, ...data } }), "code", duplicate);
      await audit(tx, { actorId: actor.id, action: "category.create", entity: "Category", entityId: created.code, after: categorySnapshot(created) });
      return { id: created.code, message: `Kategorien ${created.code} ${created.name} er oprettet.`, changed: true };
    }

    const existing = await tx.category.findUnique({ where: { code: input.editing } });
    if (!existing) throw new UserError("Kategorien findes ikke længere.");
    if (existing.code !== input.code) {
      throw new UserError(
        "Kategorikoden kan ikke ændres, da aftaler, leverandører og indkøbsdata henviser til den. Opret en ny kategori i stedet.",
        "code",
      );
    }
    const before = categorySnapshot(existing);
    const after = categorySnapshot({ ...existing, ...data });
    if (sameJson(before, after)) return { id: existing.code, message: "Der var ingen ændringer at gemme.", changed: false };
    await tx.category.update({ where: { code: existing.code }, data });
    await audit(tx, { actorId: actor.id, action: "category.update", entity: "Category", entityId: existing.code, before, after });
    return { id: existing.code, message: `Kategorien ${existing.code} ${input.name} er gemt.`, changed: true };
  });
}

// ---------------------------------------------------------------------------------------------
// Phases
// ---------------------------------------------------------------------------------------------

/**
 * Phases are numbered tender rounds; the number decides whether enrolment applies (phases 8-10), so
 * it cannot change once created. A phase may be closed (finished: nobody can become party to it
 * any more) but a closed phase is never reopened: the way in is the next phase.
 */
export async function savePhase(actor: CurrentUser, input: z.infer<typeof phaseFormSchema>, db?: Db): Promise<SaveOutcome> {
  return inTransaction(db, async (tx) => {
    const data = {
      name: input.name || `${input.number}. fase`,
      tenderYear: input.tenderYear!,
      effectiveDate: input.effectiveDate,
      closed: input.closed,
    };
    if (input.id === null) {
      const number = input.number!;
      const duplicate = `Der findes allerede en fase med nummer ${number}.`;
      if (await tx.phase.findUnique({ where: { number } })) throw new UserError(duplicate, "number");
      const created = await uniquely(() => tx.phase.create({ data: { number, ...data } }), "number", duplicate);
      await audit(tx, { actorId: actor.id, action: "phase.create", entity: "Phase", entityId: created.id, after: phaseSnapshot(created) });
      return { id: String(created.id), message: `${created.name} er oprettet.`, changed: true };
    }

    const existing = await tx.phase.findUnique({ where: { id: input.id } });
    if (!existing) throw new UserError("Fasen findes ikke længere.");
    if (existing.number !== input.number) {
      throw new UserError("Fasens nummer kan ikke ændres, da reglerne om tilmelding afhænger af det. Opret en ny fase i stedet.", "number");
    }
    if (existing.closed && !input.closed) {
      throw new UserError(
        `${existing.name} er en afsluttet udbudsrunde og kan ikke genåbnes: ingen kan blive part på en afsluttet udbudsrunde. Opret den næste fase i stedet.`,
        "closed",
      );
    }
    const before = phaseSnapshot(existing);
    const after = phaseSnapshot({ ...existing, ...data });
    if (sameJson(before, after)) return { id: String(existing.id), message: "Der var ingen ændringer at gemme.", changed: false };
    await tx.phase.update({ where: { id: existing.id }, data });
    await audit(tx, {
      actorId: actor.id,
      action: !existing.closed && data.closed ? "phase.close" : "phase.update",
      entity: "Phase",
      entityId: existing.id,
      before,
      after,
    });
    return {
      id: String(existing.id),
      message: !existing.closed && data.closed ? `${data.name} er afsluttet.` : `${data.name} er gemt.`,
      changed: true,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Agreements
// ---------------------------------------------------------------------------------------------

const NOTHING_EXISTS: MasterDataLookup = {
  phaseExists: () => false,
  institutionExists: () => false,
  categoryExists: () => false,
  supplierExists: () => false,
};

/** The ids the agreement's references point to, or the problems when some do not exist. */
async function resolveAgreementReferences(tx: Db, input: AgreementInput) {
  // One after the other: a transaction is one connection.
  const phase = input.phaseNumber === null ? null : await tx.phase.findUnique({ where: { number: input.phaseNumber } });
  const owner = input.ownerCvr === null ? null : await tx.institution.findUnique({ where: { cvr: input.ownerCvr } });
  const categories = await tx.category.findMany({ where: { code: { in: input.categoryCodes } }, select: { code: true } });
  const suppliers = input.supplierCvrs.length
    ? await tx.supplier.findMany({ where: { cvr: { in: input.supplierCvrs } }, select: { id: true, cvr: true } })
    : [];
  const categoryCodes = new Set(categories.map((c) => c.code));
  const supplierIds = new Map(suppliers.map((s) => [s.cvr, s.id]));
  const problems = agreementReferenceProblems(input, {
    phaseExists: () => phase !== null,
    institutionExists: () => owner !== null,
    categoryExists: (code) => categoryCodes.has(code),
    supplierExists: (cvr) => supplierIds.has(cvr),
  });
  if (problems.length > 0) throw new MasterDataError(problems);
  return { phaseId: phase?.id ?? null, ownerInstitutionId: owner?.id ?? null, supplierIds: [...supplierIds.values()] };
}

function agreementData(input: AgreementInput, refs: { phaseId: number | null; ownerInstitutionId: number | null }) {
  // searchText is kept by database triggers: never written here.
  return {
    reference: input.reference,
    name: input.name,
    sortKey: danishSortKey(input.name),
    description: input.description,
    kind: input.kind,
    phaseId: refs.phaseId,
    validFrom: input.validFrom,
    validTo: input.validTo,
    ownerInstitutionId: refs.ownerInstitutionId,
    ecommerce: input.ecommerce,
    estimatedValueOre: input.estimatedValueOre,
    maximumValueOre: input.maximumValueOre,
  };
}

function duplicateReference(reference: string, name?: string): string {
  return `Der findes allerede en aftale med referencen ${reference}${name ? ` (${name})` : ""}.`;
}

/** Creates an agreement with its categories and suppliers; returns it as the audit log saw it. */
export async function createAgreementRecord(tx: Db, actor: CurrentUser, input: AgreementInput): Promise<AgreementWithLinks> {
  const refs = await resolveAgreementReferences(tx, input);
  const created = await uniquely(
    () =>
      tx.agreement.create({
        data: {
          ...agreementData(input, refs),
          categories: { create: input.categoryCodes.map((categoryCode) => ({ categoryCode })) },
          suppliers: { create: refs.supplierIds.map((supplierId) => ({ supplierId })) },
        },
        include: agreementInclude,
      }),
    "reference",
    duplicateReference(input.reference),
  );
  await audit(tx, { actorId: actor.id, action: "agreement.create", entity: "Agreement", entityId: created.id, after: agreementSnapshot(created) });
  return created;
}

/** Updates an agreement and its links; false when nothing changed (then nothing is written). */
export async function updateAgreementRecord(
  tx: Db,
  actor: CurrentUser,
  existing: AgreementWithLinks,
  input: AgreementInput,
): Promise<boolean> {
  const refs = await resolveAgreementReferences(tx, input);
  const before = agreementSnapshot(existing);
  const after = {
    ...before,
    reference: input.reference,
    name: input.name,
    description: input.description,
    kind: input.kind,
    phaseNumber: input.phaseNumber,
    validFrom: isoDay(input.validFrom),
    validTo: isoDay(input.validTo),
    ownerCvr: input.ownerCvr,
    ecommerce: input.ecommerce,
    categoryCodes: input.categoryCodes,
    supplierCvrs: input.supplierCvrs,
    estimatedValueOre: input.estimatedValueOre?.toString() ?? null,
    maximumValueOre: input.maximumValueOre?.toString() ?? null,
  };
  if (sameJson(before, after)) return false;

  await uniquely(
    () => tx.agreement.update({ where: { id: existing.id }, data: agreementData(input, refs) }),
    "reference",
    duplicateReference(input.reference),
  );
  const oldCodes = new Set(before.categoryCodes);
  await tx.agreementCategory.deleteMany({ where: { agreementId: existing.id, categoryCode: { notIn: input.categoryCodes } } });
  const addedCodes = input.categoryCodes.filter((code) => !oldCodes.has(code));
  if (addedCodes.length > 0) {
    await tx.agreementCategory.createMany({ data: addedCodes.map((categoryCode) => ({ agreementId: existing.id, categoryCode })) });
  }
  const oldSupplierIds = new Set(existing.suppliers.map((s) => s.supplier.id));
  await tx.agreementSupplier.deleteMany({ where: { agreementId: existing.id, supplierId: { notIn: refs.supplierIds } } });
  const addedSuppliers = refs.supplierIds.filter((id) => !oldSupplierIds.has(id));
  if (addedSuppliers.length > 0) {
    await tx.agreementSupplier.createMany({ data: addedSuppliers.map((supplierId) => ({ agreementId: existing.id, supplierId })) });
  }
  await audit(tx, { actorId: actor.id, action: "agreement.update", entity: "Agreement", entityId: existing.id, before, after });
  return true;
}

export async function saveAgreement(
  actor: CurrentUser,
  input: z.infer<typeof agreementFormSchema>,
  db?: Db,
): Promise<SaveOutcome> {
  return inTransaction(db, async (tx) => {
    const sameReference = await tx.agreement.findUnique({ where: { reference: input.reference }, select: { id: true, name: true } });
    if (sameReference && sameReference.id !== input.id) {
      throw new UserError(duplicateReference(input.reference, sameReference.name), "reference");
    }
    if (input.id === null) {
      const created = await createAgreementRecord(tx, actor, input);
      await refreshAgreementUse(tx, { agreementIds: [created.id] });
      return { id: String(created.id), message: `Aftalen ${created.reference} ${created.name} er oprettet.`, changed: true };
    }
    const existing = await tx.agreement.findUnique({ where: { id: input.id }, include: agreementInclude });
    if (!existing) throw new UserError("Aftalen findes ikke længere.");
    const changed = await updateAgreementRecord(tx, actor, existing, input);
    // Categories, suppliers, validity or the maximum may have changed: the use and its warnings follow.
    if (changed) await refreshAgreementUse(tx, { agreementIds: [existing.id] });
    return {
      id: String(existing.id),
      message: changed ? `Aftalen ${input.reference} ${input.name} er gemt.` : "Der var ingen ændringer at gemme.",
      changed,
    };
  });
}

/**
 * Retires an agreement: it stays in the database (parties, enrolments, decisions and purchase data
 * refer to it) but is marked retired from now on.
 */
export async function retireAgreement(
  actor: CurrentUser,
  input: Pick<z.infer<typeof retireAgreementSchema>, "id">,
  db?: Db,
): Promise<SaveOutcome> {
  return inTransaction(db, async (tx) => {
    const existing = await tx.agreement.findUnique({ where: { id: input.id } });
    if (!existing) throw new UserError("Aftalen findes ikke længere.");
    if (existing.retiredAt) throw new UserError(`Aftalen ${existing.reference} er allerede udgået.`);
    const retired = await tx.agreement.update({ where: { id: existing.id }, data: { retiredAt: new Date() } });
    await audit(tx, {
      actorId: actor.id,
      action: "agreement.retire",
      entity: "Agreement",
      entityId: existing.id,
      before: { retiredAt: null },
      after: { retiredAt: retired.retiredAt!.toISOString() },
    });
    return { id: String(existing.id), message: `Aftalen ${existing.reference} ${existing.name} er udgået.`, changed: true };
  });
}

// ---------------------------------------------------------------------------------------------
// Reads for the administration pages (ADMIN only; the pages have checked catalogue.manage)
// ---------------------------------------------------------------------------------------------

export const ADMIN_PAGE_SIZE = 50;

export type ListQuery = { q: string; page: number };

function pageOf(page: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  return { page: current, pages, total, skip: (current - 1) * ADMIN_PAGE_SIZE };
}

export async function masterDataCounts() {
  const [agreements, retired, phases, openPhases, categories, suppliers] = await Promise.all([
    prisma.agreement.count({ where: { retiredAt: null } }),
    prisma.agreement.count({ where: { retiredAt: { not: null } } }),
    prisma.phase.count(),
    prisma.phase.count({ where: { closed: false } }),
    prisma.category.count(),
    prisma.supplier.count(),
  ]);
  return { agreements, retired, phases, openPhases, categories, suppliers };
}

export async function listAgreementsForAdmin(query: ListQuery & { retired: boolean }) {
  const q = query.q.trim();
  const where: Prisma.AgreementWhereInput = {
    retiredAt: query.retired ? { not: null } : null,
    ...(q
      ? { OR: [{ reference: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] }
      : {}),
  };
  const paging = pageOf(query.page, await prisma.agreement.count({ where }));
  const rows = await prisma.agreement.findMany({
    where,
    orderBy: [{ sortKey: "asc" }, { reference: "asc" }],
    skip: paging.skip,
    take: ADMIN_PAGE_SIZE,
    include: { phase: { select: { number: true } }, ownerInstitution: { select: { name: true } } },
  });
  return { rows, ...paging };
}

export async function getAgreementForAdmin(id: number) {
  return prisma.agreement.findUnique({ where: { id }, include: agreementInclude });
}

export async function listPhasesForAdmin() {
  return prisma.phase.findMany({ orderBy: { number: "asc" }, include: { _count: { select: { agreements: true } } } });
}

export async function getPhaseForAdmin(id: number) {
  return prisma.phase.findUnique({ where: { id } });
}

export async function listCategoriesForAdmin() {
  return prisma.category.findMany({
    orderBy: { code: "asc" },
    include: { _count: { select: { agreements: true, suppliers: true } } },
  });
}

export async function getCategoryForAdmin(code: string) {
  return prisma.category.findUnique({ where: { code } });
}

export async function listSuppliersForAdmin(query: ListQuery) {
  const q = query.q.trim();
  const digits = q.replace(/^dk-?/i, "").replace(/\s+/g, "");
  const where: Prisma.SupplierWhereInput = q
    ? {
        OR: [
          { name: { contains: q, mode: "insensitive" } },
          ...(/^\d+$/.test(digits) ? [{ cvr: { startsWith: digits } }] : []),
        ],
      }
    : {};
  const paging = pageOf(query.page, await prisma.supplier.count({ where }));
  const rows = await prisma.supplier.findMany({
    where,
    orderBy: [{ sortKey: "asc" }, { cvr: "asc" }],
    skip: paging.skip,
    take: ADMIN_PAGE_SIZE,
    include: { category: { select: { name: true } }, _count: { select: { agreements: true } } },
  });
  return { rows, ...paging };
}

export async function getSupplierForAdmin(id: number) {
  return prisma.supplier.findUnique({ where: { id } });
}

/** The choices of the agreement form: phases, categories and institutions (owners of own agreements). */
export async function agreementFormOptions() {
  const [phases, categories, institutions] = await Promise.all([
    prisma.phase.findMany({ orderBy: { number: "asc" }, select: { number: true, name: true, closed: true } }),
    prisma.category.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true } }),
    prisma.institution.findMany({ orderBy: [{ sortKey: "asc" }, { name: "asc" }], select: { cvr: true, name: true } }),
  ]);
  return { phases, categories, institutions };
}

export async function categoryOptions() {
  return prisma.category.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true } });
}
