import "server-only";
import { audit } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import { agreementWhere, institutionWhere } from "@/lib/auth/scope";
import type { CurrentUser } from "@/lib/auth/types";
import { prisma } from "@/lib/db/client";
import { enrolmentRequired } from "@/lib/domain/agreement-status";
import type { Prisma } from "@/lib/generated/prisma/client";
import { MISSING } from "@/lib/scoped";
import { joinFacts } from "@/lib/enrolment/service";
import { skemaTemplateSpec } from "@/lib/enrolment/skema";
import { buildTemplateWorkbook } from "@/lib/xlsx/template";

/**
 * Reads for the enrolment pages, always within the asking user's scope: a buyer sees the own
 * institution's enrolments, a group buyer those of the ministry area, an admin all; a ministry
 * analyst none (the permission table has no "enrolment.view" for the role). The scope comes from
 * the user and the record, never from an id the client sent.
 */

/** Skema rows shown on an enrolment's page (all of them are in the original file). */
export const ROWS_SHOWN = 500;

function enrolmentWhere(user: CurrentUser, where: Prisma.EnrolmentWhereInput = {}): Prisma.EnrolmentWhereInput {
  if (!can(user.role, "enrolment.view")) return { id: -1 };
  return { AND: [where, { institution: institutionWhere(user) }] };
}

async function userNames(ids: readonly (number | null)[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids.filter((id): id is number => id !== null))];
  if (unique.length === 0) return new Map();
  const users = await prisma.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** What the agreement page and the enrolment form need: the institution's options on the agreement. */
export async function agreementEnrolmentContext(user: CurrentUser, agreementId: number) {
  if (user.institutionId === null || !can(user.role, "enrolment.submit")) return null;
  const facts = await joinFacts(prisma, user.institutionId, agreementId);
  if (!facts) return null;
  const latest = facts.agreement.enrolments[0] ?? null;
  const approved = facts.agreement.enrolments.find((e) => e.status === "APPROVED") ?? null;
  const pending = facts.agreement.enrolments.find((e) => e.status === "PENDING") ?? null;
  return {
    institution: facts.institution,
    agreement: facts.agreement,
    enrolmentRequired: enrolmentRequired(facts.agreement.phase?.number ?? null),
    eligibility: facts.eligibility,
    join: facts.join,
    openJoinRequest: facts.openRequest,
    latestEnrolment: latest,
    approvedEnrolment: approved,
    pendingEnrolment: pending,
  };
}

/** The enrolment list: the queue (pending) and the rest, plus join and access requests. */
export async function enrolmentOverview(user: CurrentUser) {
  const where = enrolmentWhere(user);
  const select = {
    id: true,
    status: true,
    createdAt: true,
    decidedAt: true,
    agreement: { select: { id: true, reference: true, name: true } },
    institution: { select: { id: true, name: true } },
    _count: { select: { rows: true } },
  } satisfies Prisma.EnrolmentSelect;
  const pending = await prisma.enrolment.findMany({ where: { AND: [where, { status: "PENDING" }] }, select, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const decided = await prisma.enrolment.findMany({
    where: { AND: [where, { status: { not: "PENDING" } }] },
    select,
    orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  const requestScope = can(user.role, "enrolment.view") ? { institution: institutionWhere(user) } : { id: -1 };
  const joinRequests = await prisma.joinPhaseRequest.findMany({
    where: requestScope,
    select: {
      id: true,
      status: true,
      message: true,
      response: true,
      createdAt: true,
      handledAt: true,
      phase: { select: { name: true, closed: true } },
      agreement: { select: { id: true, name: true, reference: true } },
      institution: { select: { name: true } },
    },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    take: 200,
  });
  const accessRequests = await prisma.accessRequest.findMany({
    where: requestScope,
    select: {
      id: true,
      status: true,
      purpose: true,
      response: true,
      createdAt: true,
      handledAt: true,
      enrolmentId: true,
      agreement: { select: { name: true, reference: true } },
      institution: { select: { name: true } },
    },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    take: 200,
  });
  const institution =
    user.role === "BUYER" && user.institutionId !== null
      ? await prisma.institution.findUnique({ where: { id: user.institutionId }, select: { name: true, customerType: true } })
      : null;
  return { pending, decided, joinRequests, accessRequests, institution };
}

/** One enrolment with its form, rows, file, access requests and history; scoped. */
export async function getEnrolment(user: CurrentUser, id: number) {
  const enrolment = await prisma.enrolment.findFirst({
    where: enrolmentWhere(user, { id }),
    include: {
      agreement: { select: { id: true, reference: true, name: true, phase: { select: { name: true, number: true } } } },
      institution: { select: { id: true, name: true, cvr: true, ministry: { select: { name: true } } } },
      skemaFile: { select: { id: true, fileName: true, size: true, sha256: true, createdAt: true } },
      rows: { orderBy: { rowNumber: "asc" }, take: ROWS_SHOWN },
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      accessRequests: { orderBy: [{ createdAt: "desc" }, { id: "desc" }] },
      _count: { select: { rows: true } },
    },
  });
  if (!enrolment) return MISSING;
  const auditEntries = await prisma.auditLog.findMany({
    where: {
      OR: [
        { entity: "Enrolment", entityId: String(enrolment.id) },
        ...(enrolment.accessRequests.length > 0 ? [{ entity: "AccessRequest", entityId: { in: enrolment.accessRequests.map((r) => String(r.id)) } }] : []),
      ],
    },
    orderBy: { id: "asc" },
    take: 500,
  });
  const names = await userNames([
    enrolment.createdById,
    enrolment.decidedById,
    ...enrolment.events.map((e) => e.actorId),
    ...enrolment.accessRequests.flatMap((r) => [r.requestedById, r.handledById]),
    ...auditEntries.map((a) => a.actorId),
  ]);
  return { status: "found", value: { enrolment, auditEntries, names } } as const;
}

/**
 * The original Skema file of an enrolment, for the enrolling institution, its group buyer and
 * admins only (the scope of the record, as getEnrolment); each download is audited.
 */
export async function getSkemaFile(user: CurrentUser, enrolmentId: number) {
  const enrolment = await prisma.enrolment.findFirst({
    where: enrolmentWhere(user, { id: enrolmentId }),
    select: { id: true, skemaFile: { select: { id: true, fileName: true, contentType: true, sha256: true, content: true } } },
  });
  if (!enrolment) return MISSING;
  if (!enrolment.skemaFile) return MISSING;
  await audit(prisma, {
    actorId: user.id,
    action: "enrolment.file.download",
    entity: "Enrolment",
    entityId: enrolment.id,
    after: { fileId: enrolment.skemaFile.id, sha256: enrolment.skemaFile.sha256 },
  });
  return { status: "found", value: enrolment.skemaFile } as const;
}

/** The blank Skema workbook for an agreement that needs enrolment (null for any other agreement). */
export async function skemaTemplate(user: CurrentUser, agreementId: number, created = new Date()) {
  const agreement = await prisma.agreement.findFirst({
    where: agreementWhere(user, { id: agreementId, kind: { not: "OWN" } }),
    select: { reference: true, name: true, phase: { select: { number: true } }, categories: { select: { category: { select: { code: true, name: true } } }, orderBy: { categoryCode: "asc" } } },
  });
  if (!agreement || !enrolmentRequired(agreement.phase?.number ?? null)) return null;
  const data = await buildTemplateWorkbook(skemaTemplateSpec({ ...agreement, categories: agreement.categories.map((c) => c.category) }), created);
  const fileName = `Skema-${agreement.reference.replace(/[^A-Za-z0-9.-]+/g, "-")}.xlsx`;
  return { fileName, data };
}

export type NextStep = { href: string; label: string; primary?: boolean; download?: boolean };
export type NextSteps = { steps: NextStep[]; note: string | null };

/** The enrolment actions the agreement page offers the user's institution (none for other roles). */
export async function agreementNextSteps(user: CurrentUser, agreementId: number): Promise<NextSteps | null> {
  const context = await agreementEnrolmentContext(user, agreementId);
  if (!context || context.institution.customerType !== "VOLUNTARY") return null;
  const steps: NextStep[] = [];
  let note: string | null = null;
  if (context.eligibility.ok) {
    steps.push({ href: `/aftaler/${agreementId}/tilmelding`, label: "Tilmeld jer aftalen (Bilag 7 og Skema)", primary: true });
    steps.push({ href: `/aftaler/${agreementId}/skema`, label: "Hent Skema (xlsx)", download: true });
  } else if (context.pendingEnrolment) {
    steps.push({ href: `/tilmeldinger/${context.pendingEnrolment.id}`, label: "Se jeres tilmelding" });
  } else if (context.approvedEnrolment) {
    steps.push({ href: `/tilmeldinger/${context.approvedEnrolment.id}`, label: "Se tilmeldingen og anmod om adgang til et køb" });
  }
  if (context.openJoinRequest) {
    note = "I har en åben anmodning om at blive part i næste fase. Koncernindkøberen behandler den.";
    steps.push({ href: "/tilmeldinger", label: "Se jeres anmodninger" });
  } else if (context.join.ok) {
    steps.push({ href: `/aftaler/${agreementId}/naeste-fase`, label: `Anmod om at blive part i ${context.join.phase.name}`, primary: !context.eligibility.ok });
  }
  if (steps.length === 0) return null;
  return { steps, note };
}
