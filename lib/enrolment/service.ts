import "server-only";
import { createHash } from "node:crypto";
import { UserError } from "@/lib/action-result";
import { audit } from "@/lib/audit";
import { can, type Permission } from "@/lib/auth/permissions";
import { institutionWhere } from "@/lib/auth/scope";
import type { CurrentUser } from "@/lib/auth/types";
import { type Db, inTransaction, isUniqueViolation, prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { EnrolmentStatus } from "@/lib/generated/prisma/enums";
import { formatDate, formatDateTime } from "@/lib/format";
import { deliverAfterResponse, queueMessages, type OutgoingMessage } from "@/lib/mail/outbox";
import {
  enrolmentEligibility,
  joinEligibility,
  joinTargetPhase,
  JOIN_REFUSAL_TEXT,
  REFUSAL_TEXT,
  type Eligibility,
} from "@/lib/enrolment/rules";
import type { Bilag7Fields } from "@/lib/enrolment/schemas";
import { categoryChoice, type SkemaProblem } from "@/lib/enrolment/skema";
import { readSkemaFile } from "@/lib/enrolment/skema-file";
import { XLSX_CONTENT_TYPE } from "@/lib/xlsx/reader";

/**
 * Voluntary customers' enrolment, step by step. Each step is a plain function of the acting user
 * (never of an institution id the client sent: the scope comes from the user and the record),
 * optionally inside the caller's transaction (`db`); otherwise it runs its own. Every step writes
 * an audit entry, every step on an enrolment an EnrolmentEvent, and messages go to the people
 * concerned through the outbox (lib/mail/outbox.ts), e-mailed after the commit.
 *
 * Decisions are conditional updates (`WHERE status = 'PENDING'` / `'OPEN'`) whose row count says
 * whether this decision is the one that counts: of two group buyers deciding at once, exactly one
 * wins and the other is told the enrolment was already decided.
 */

const NO_ACCESS = "Du har ikke adgang til at gøre dette.";
const NOT_FOUND = "Tilmeldingen findes ikke, eller du har ikke adgang til den.";
const REQUEST_NOT_FOUND = "Anmodningen findes ikke, eller du har ikke adgang til den.";

function requireCan(actor: CurrentUser, permission: Permission): void {
  if (!can(actor.role, permission)) throw new UserError(NO_ACCESS);
}

/** Runs `work` in the caller's transaction, or in a new one followed by outbox delivery. */
/** A change in the caller's transaction or its own; messages it queued go out after its own commit. */
async function changeThenDeliver<T>(db: Db | undefined, work: (tx: Db) => Promise<T>): Promise<T> {
  const result = await inTransaction(db, work, { timeout: 30_000 });
  if (!db) deliverAfterResponse();
  return result;
}

/** Copenhagen's today, as the UTC midnight a `@db.Date` column stores. */
function today(now = new Date()): Date {
  const iso = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Copenhagen", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  return new Date(`${iso}T00:00:00Z`);
}

async function groupBuyersOf(db: Db, ministryId: number) {
  return db.user.findMany({ where: { role: "GROUP_BUYER", active: true, ministryId }, select: { id: true, email: true }, orderBy: { id: "asc" } });
}

async function messageGroupBuyers(db: Db, ministryId: number, message: Omit<OutgoingMessage, "recipientUserId" | "toEmail">): Promise<void> {
  const recipients = await groupBuyersOf(db, ministryId);
  await queueMessages(
    db,
    recipients.map((user) => ({
      why: "Du er koncernindkøber for det ministerområde, institutionen hører under, og behandler tilmeldinger og anmodninger derfra.",
      ...message,
      recipientUserId: user.id,
      toEmail: user.email,
    })),
  );
}

async function messageUser(db: Db, userId: number, message: Omit<OutgoingMessage, "recipientUserId" | "toEmail">): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, active: true } });
  if (user?.active) {
    const why = "Beskeden handler om en tilmelding eller anmodning, som du selv har sendt.";
    await queueMessages(db, [{ why, ...message, recipientUserId: user.id, toEmail: user.email }]);
  }
}

// ---------------------------------------------------------------------------------------------
// Facts for the rules
// ---------------------------------------------------------------------------------------------

/** What the rules need about the institution and the agreement, read through `db`. */
export async function enrolmentFacts(db: Db, institutionId: number, agreementId: number) {
  const institution = await db.institution.findUnique({
    where: { id: institutionId },
    select: { id: true, name: true, cvr: true, address: true, customerType: true, ministryId: true, eanLocations: { select: { ean: true, name: true }, orderBy: { ean: "asc" } } },
  });
  const agreement = await db.agreement.findUnique({
    where: { id: agreementId },
    select: {
      id: true,
      reference: true,
      name: true,
      kind: true,
      ownerInstitutionId: true,
      retiredAt: true,
      phase: { select: { id: true, number: true, name: true, closed: true } },
      categories: { select: { category: { select: { code: true, name: true } } }, orderBy: { categoryCode: "asc" } },
      parties: { where: { institutionId }, select: { source: true } },
      enrolments: { where: { institutionId }, select: { id: true, status: true, createdAt: true }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] },
    },
  });
  if (!institution || !agreement) return null;
  const institutionFacts = {
    id: institution.id,
    customerType: institution.customerType,
    party: agreement.parties[0] ?? null,
    enrolments: agreement.enrolments,
  };
  const eligibility: Eligibility = enrolmentEligibility({ ...agreement, retired: agreement.retiredAt !== null }, institutionFacts);
  return { institution, agreement, institutionFacts, eligibility };
}

/** The phase the institution can ask to join from this agreement, and whether it may. */
export async function joinFacts(db: Db, institutionId: number, agreementId: number) {
  const facts = await enrolmentFacts(db, institutionId, agreementId);
  if (!facts) return null;
  const phases = await db.phase.findMany({ select: { id: true, number: true, name: true, closed: true }, orderBy: { number: "asc" } });
  const joined = await db.agreement.findMany({
    where: { parties: { some: { institutionId } }, phaseId: { not: null }, kind: { in: ["MANDATORY_CENTRAL", "VOLUNTARY_CENTRAL"] } },
    select: { phase: { select: { number: true } } },
    distinct: ["phaseId"],
  });
  const target = joinTargetPhase(facts.agreement.phase, phases, new Set(joined.flatMap((a) => (a.phase ? [a.phase.number] : []))));
  const eligibility = joinEligibility(facts.agreement, facts.institutionFacts, target);
  const openRequest = target
    ? await db.joinPhaseRequest.findFirst({ where: { institutionId, phaseId: target.id, status: "OPEN" }, select: { id: true, createdAt: true } })
    : null;
  return { ...facts, join: eligibility, openRequest };
}

// ---------------------------------------------------------------------------------------------
// Submitting an enrolment
// ---------------------------------------------------------------------------------------------

export type SubmitOutcome =
  | { ok: true; enrolmentId: number; message: string }
  | { ok: false; message: string; problems: SkemaProblem[]; totalProblems: number };

export type UploadedFile = { name: string; type?: string; data: Uint8Array };

/**
 * A voluntary customer's buyer submits Bilag 7 and the filled Skema for the own institution. The
 * file is checked and parsed (in a worker thread) and every row validated before anything is
 * written; while any problem remains nothing is saved. Rule refusals and a refused file throw a
 * UserError (a refused file on the field "file"); row problems come back in the outcome.
 */
export async function submitEnrolment(actor: CurrentUser, fields: Bilag7Fields, file: UploadedFile, db?: Db): Promise<SubmitOutcome> {
  requireCan(actor, "enrolment.submit");
  if (actor.institutionId === null) throw new UserError(REFUSAL_TEXT.NO_INSTITUTION);
  const institutionId = actor.institutionId;

  const facts = await enrolmentFacts(db ?? prisma, institutionId, fields.agreementId);
  if (!facts) throw new UserError("Aftalen findes ikke.");
  if (!facts.eligibility.ok) throw new UserError(REFUSAL_TEXT[facts.eligibility.reason]);
  if (fields.cvr !== facts.institution.cvr) {
    throw new UserError(`CVR-nummeret skal være ${facts.institution.name}s CVR-nummer, ${facts.institution.cvr}.`, "cvr");
  }

  const skema = await readSkemaFile(file, facts.agreement.categories.map(({ category }) => categoryChoice(category)));
  if (skema.totalProblems > 0) {
    return {
      ok: false,
      message: `Skemaet har ${skema.totalProblems === 1 ? "1 fejl" : `${skema.totalProblems.toLocaleString("da-DK")} fejl`}. Ret ${skema.totalProblems === 1 ? "den" : "dem"}, og indsend igen. Intet er gemt.`,
      problems: skema.problems,
      totalProblems: skema.totalProblems,
    };
  }

  const data = new Uint8Array(file.data);
  const sha256 = createHash("sha256").update(data).digest("hex");
  const fileName = file.name.replace(/[\\/]/g, "_").slice(-200);

  try {
    const enrolmentId = await changeThenDeliver(db, async (tx) => {
      // The rules again, inside the transaction: the facts may have changed since the file was read.
      const current = await enrolmentFacts(tx, institutionId, fields.agreementId);
      if (!current) throw new UserError("Aftalen findes ikke.");
      if (!current.eligibility.ok) throw new UserError(REFUSAL_TEXT[current.eligibility.reason]);

      const stored = await tx.storedFile.create({
        data: { fileName, contentType: XLSX_CONTENT_TYPE, size: data.length, sha256, content: data, uploadedById: actor.id },
        select: { id: true },
      });
      const enrolment = await tx.enrolment.create({
        data: {
          agreementId: fields.agreementId,
          institutionId,
          status: "PENDING",
          cvr: fields.cvr,
          ean: fields.ean,
          address: fields.address,
          contactName: fields.contactName,
          contactEmail: fields.contactEmail,
          contactPhone: fields.contactPhone,
          signatoryName: fields.signatoryName,
          signedOn: new Date(`${fields.signedOn}T00:00:00Z`),
          acceptsNoObligation: true,
          skemaFileId: stored.id,
          createdById: actor.id,
        },
        select: { id: true },
      });
      for (let i = 0; i < skema.rows.length; i += 1000) {
        await tx.enrolmentRow.createMany({
          data: skema.rows.slice(i, i + 1000).map((row, index) => ({ enrolmentId: enrolment.id, rowNumber: i + index + 1, data: row.data })),
        });
      }
      await tx.enrolmentEvent.create({
        data: {
          enrolmentId: enrolment.id,
          actorId: actor.id,
          fromStatus: null,
          toStatus: "PENDING",
          note: `Tilmelding indsendt med Bilag 7 og Skema (${skema.rows.length === 1 ? "1 række" : `${skema.rows.length} rækker`}, filen «${fileName}»).`,
        },
      });
      await audit(tx, {
        actorId: actor.id,
        action: "enrolment.submit",
        entity: "Enrolment",
        entityId: enrolment.id,
        after: {
          agreementId: fields.agreementId,
          institutionId,
          status: "PENDING",
          rows: skema.rows.length,
          file: { id: stored.id, name: fileName, size: data.length, sha256 },
        },
      });
      await messageGroupBuyers(tx, current.institution.ministryId, {
        subject: `Ny tilmelding til ${current.agreement.name} fra ${current.institution.name}`,
        body: `${current.institution.name} har tilmeldt sig ${current.agreement.name} (${current.agreement.reference}) med Bilag 7 og Skema (${skema.rows.length} rækker). Tilmeldingen afventer din godkendelse.`,
        link: `/tilmeldinger/${enrolment.id}`,
      });
      return enrolment.id;
    });
    return {
      ok: true,
      enrolmentId,
      message: `Tilmeldingen til ${facts.agreement.name} er indsendt med ${skema.rows.length === 1 ? "1 række" : `${skema.rows.length} rækker`}. Koncernindkøberen behandler den, og I får besked, når den er afgjort.`,
    };
  } catch (error) {
    // The partial unique index "Enrolment_one_pending_key": another pending enrolment won the race.
    if (isUniqueViolation(error)) throw new UserError(REFUSAL_TEXT.PENDING_EXISTS);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Deciding, withdrawing
// ---------------------------------------------------------------------------------------------

const STATUS_WORD: Record<EnrolmentStatus, string> = {
  PENDING: "afventer",
  APPROVED: "godkendt",
  REJECTED: "afvist",
  WITHDRAWN: "trukket tilbage",
};

async function alreadyDecided(tx: Db, enrolmentId: number): Promise<UserError> {
  const enrolment = await tx.enrolment.findUnique({ where: { id: enrolmentId }, select: { status: true, decidedAt: true, decidedById: true } });
  if (!enrolment) return new UserError(NOT_FOUND);
  const by = enrolment.decidedById ? await tx.user.findUnique({ where: { id: enrolment.decidedById }, select: { name: true } }) : null;
  const when = enrolment.decidedAt ? ` den ${formatDateTime(enrolment.decidedAt)}` : "";
  return new UserError(
    `Tilmeldingen er allerede behandlet: den er ${STATUS_WORD[enrolment.status]}${by ? ` af ${by.name}` : ""}${when}. Din beslutning er ikke gemt.`,
  );
}

export type DecideInput = { enrolmentId: number; decision: "APPROVE" | "REJECT"; reason?: string };

/**
 * The group buyer of the institution's ministry area approves or rejects a pending enrolment.
 * Approval makes the institution party to the agreement (source ENROLMENT, from today) and
 * confirms it to the customer; a rejection sends the reason.
 */
export async function decideEnrolment(actor: CurrentUser, input: DecideInput, db?: Db): Promise<string> {
  requireCan(actor, "enrolment.decide");
  const reason = input.reason?.trim() ?? "";
  if (input.decision === "REJECT" && !reason) throw new UserError("Skriv, hvorfor tilmeldingen afvises.", "reason");
  return changeThenDeliver(db, async (tx) => {
    const enrolment = await tx.enrolment.findFirst({
      where: { id: input.enrolmentId, institution: institutionWhere(actor) },
      select: {
        id: true,
        agreementId: true,
        institutionId: true,
        createdById: true,
        agreement: { select: { name: true, reference: true } },
        institution: { select: { name: true } },
      },
    });
    if (!enrolment) throw new UserError(NOT_FOUND);
    const status: EnrolmentStatus = input.decision === "APPROVE" ? "APPROVED" : "REJECTED";
    const decidedAt = new Date();
    const { count } = await tx.enrolment.updateMany({
      where: { id: enrolment.id, status: "PENDING", institution: institutionWhere(actor) },
      data: { status, decidedById: actor.id, decidedAt, rejectionReason: status === "REJECTED" ? reason : null },
    });
    if (count !== 1) throw await alreadyDecided(tx, enrolment.id);

    let party: { before: Prisma.InputJsonValue | null; after: Prisma.InputJsonValue } | null = null;
    if (status === "APPROVED") {
      const where = { agreementId_institutionId: { agreementId: enrolment.agreementId, institutionId: enrolment.institutionId } };
      const before = await tx.agreementParty.findUnique({ where, select: { source: true, since: true } });
      const since = today(decidedAt);
      await tx.agreementParty.upsert({
        where,
        create: { agreementId: enrolment.agreementId, institutionId: enrolment.institutionId, source: "ENROLMENT", since },
        update: { source: "ENROLMENT", since },
      });
      party = { before: before ? { source: before.source, since: before.since.toISOString().slice(0, 10) } : null, after: { source: "ENROLMENT", since: since.toISOString().slice(0, 10) } };
    }
    await tx.enrolmentEvent.create({
      data: {
        enrolmentId: enrolment.id,
        actorId: actor.id,
        fromStatus: "PENDING",
        toStatus: status,
        note:
          status === "APPROVED"
            ? `Tilmelding godkendt. ${enrolment.institution.name} er part på aftalen og kan anmode om adgang (log-in) til et konkret køb.`
            : `Tilmelding afvist: ${reason}`,
      },
    });
    await audit(tx, {
      actorId: actor.id,
      action: status === "APPROVED" ? "enrolment.approve" : "enrolment.reject",
      entity: "Enrolment",
      entityId: enrolment.id,
      before: { status: "PENDING", party: party?.before ?? null },
      after: { status, reason: status === "REJECTED" ? reason : null, party: party?.after ?? null },
    });
    await messageUser(
      tx,
      enrolment.createdById,
      status === "APPROVED"
        ? {
            subject: `Bekræftelse: I er tilmeldt ${enrolment.agreement.name}`,
            body:
              `Statens Indkøb bekræfter, at ${enrolment.institution.name} er tilmeldt ${enrolment.agreement.name} (${enrolment.agreement.reference}) ` +
              `og er part på aftalen fra ${formatDate(decidedAt)}. Tilmeldingen forpligter ikke til at købe. ` +
              "Ønsker I adgang (log-in) til aftalen for at foretage et konkret køb, kan I anmode om det på tilmeldingens side.",
            link: `/tilmeldinger/${enrolment.id}`,
          }
        : {
            subject: `Jeres tilmelding til ${enrolment.agreement.name} er afvist`,
            body: `Koncernindkøberen har afvist ${enrolment.institution.name}s tilmelding til ${enrolment.agreement.name} (${enrolment.agreement.reference}).\n\nBegrundelse: ${reason}`,
            link: `/tilmeldinger/${enrolment.id}`,
          },
    );
    return status === "APPROVED"
      ? `Tilmeldingen er godkendt. ${enrolment.institution.name} er nu part på ${enrolment.agreement.name}, og kunden har fået en bekræftelse.`
      : `Tilmeldingen er afvist, og kunden har fået begrundelsen.`;
  });
}

/** The enrolling institution's buyer withdraws a pending enrolment. */
export async function withdrawEnrolment(actor: CurrentUser, input: { enrolmentId: number }, db?: Db): Promise<string> {
  requireCan(actor, "enrolment.submit");
  if (actor.institutionId === null) throw new UserError(NOT_FOUND);
  const institutionId = actor.institutionId;
  return changeThenDeliver(db, async (tx) => {
    const { count } = await tx.enrolment.updateMany({
      where: { id: input.enrolmentId, institutionId, status: "PENDING" },
      data: { status: "WITHDRAWN", decidedById: actor.id, decidedAt: new Date() },
    });
    if (count !== 1) {
      const mine = await tx.enrolment.count({ where: { id: input.enrolmentId, institutionId } });
      throw mine ? await alreadyDecided(tx, input.enrolmentId) : new UserError(NOT_FOUND);
    }
    await tx.enrolmentEvent.create({
      data: { enrolmentId: input.enrolmentId, actorId: actor.id, fromStatus: "PENDING", toStatus: "WITHDRAWN", note: "Tilmeldingen er trukket tilbage af kunden." },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "enrolment.withdraw",
      entity: "Enrolment",
      entityId: input.enrolmentId,
      before: { status: "PENDING" },
      after: { status: "WITHDRAWN" },
    });
    return "Tilmeldingen er trukket tilbage.";
  });
}

// ---------------------------------------------------------------------------------------------
// Access (log-in) for a concrete purchase, after approval
// ---------------------------------------------------------------------------------------------

/** After approval, the customer asks for log-in access to the agreement for a concrete purchase. */
export async function requestAccess(actor: CurrentUser, input: { enrolmentId: number; purpose: string }, db?: Db): Promise<string> {
  requireCan(actor, "enrolment.submit");
  if (actor.institutionId === null) throw new UserError(NOT_FOUND);
  const institutionId = actor.institutionId;
  const purpose = input.purpose.trim();
  if (purpose.length < 10) throw new UserError("Beskriv det konkrete køb, I vil foretage på aftalen (mindst 10 tegn).", "purpose");
  try {
    return await changeThenDeliver(db, async (tx) => {
      const enrolment = await tx.enrolment.findFirst({
        where: { id: input.enrolmentId, institutionId },
        select: { id: true, status: true, agreementId: true, agreement: { select: { name: true } }, institution: { select: { name: true, ministryId: true } } },
      });
      if (!enrolment) throw new UserError(NOT_FOUND);
      if (enrolment.status !== "APPROVED") throw new UserError("I kan først anmode om adgang, når tilmeldingen er godkendt.");
      const request = await tx.accessRequest.create({
        data: { institutionId, agreementId: enrolment.agreementId, enrolmentId: enrolment.id, purpose, requestedById: actor.id },
        select: { id: true },
      });
      await tx.enrolmentEvent.create({
        data: { enrolmentId: enrolment.id, actorId: actor.id, fromStatus: "APPROVED", toStatus: "APPROVED", note: `Anmodning om adgang (log-in) til et konkret køb: ${purpose}` },
      });
      await audit(tx, { actorId: actor.id, action: "access.request", entity: "AccessRequest", entityId: request.id, after: { enrolmentId: enrolment.id, purpose, status: "OPEN" } });
      await messageGroupBuyers(tx, enrolment.institution.ministryId, {
        subject: `Anmodning om adgang til ${enrolment.agreement.name} fra ${enrolment.institution.name}`,
        body: `${enrolment.institution.name} anmoder om adgang (log-in) til ${enrolment.agreement.name} til et konkret køb:\n\n${purpose}`,
        link: `/tilmeldinger/${enrolment.id}`,
      });
      return "Anmodningen om adgang er sendt til koncernindkøberen. I får besked, når den er behandlet.";
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError("Der er allerede en åben anmodning om adgang til aftalen. Vent på svar, før I anmoder igen.");
    throw error;
  }
}

export type RequestDecisionInput = { requestId: number; decision: "GRANT" | "REFUSE"; response?: string };

/** The group buyer grants or refuses an access request of the area; one decision counts. */
export async function decideAccessRequest(actor: CurrentUser, input: RequestDecisionInput, db?: Db): Promise<string> {
  requireCan(actor, "enrolment.decide");
  const response = input.response?.trim() ?? "";
  if (input.decision === "REFUSE" && !response) throw new UserError("Skriv, hvorfor anmodningen afvises.", "response");
  return changeThenDeliver(db, async (tx) => {
    const request = await tx.accessRequest.findFirst({
      where: { id: input.requestId, institution: institutionWhere(actor) },
      select: { id: true, enrolmentId: true, requestedById: true, agreement: { select: { name: true } }, institution: { select: { name: true } } },
    });
    if (!request) throw new UserError(REQUEST_NOT_FOUND);
    const status = input.decision === "GRANT" ? "GRANTED" : "REFUSED";
    const { count } = await tx.accessRequest.updateMany({
      where: { id: request.id, status: "OPEN", institution: institutionWhere(actor) },
      data: { status, handledById: actor.id, handledAt: new Date(), response: response || null },
    });
    if (count !== 1) throw new UserError("Anmodningen er allerede behandlet. Din beslutning er ikke gemt.");
    if (request.enrolmentId !== null) {
      await tx.enrolmentEvent.create({
        data: {
          enrolmentId: request.enrolmentId,
          actorId: actor.id,
          fromStatus: "APPROVED",
          toStatus: "APPROVED",
          note: status === "GRANTED" ? `Adgang til konkret køb givet${response ? `: ${response}` : "."}` : `Anmodning om adgang afvist: ${response}`,
        },
      });
    }
    await audit(tx, {
      actorId: actor.id,
      action: status === "GRANTED" ? "access.grant" : "access.refuse",
      entity: "AccessRequest",
      entityId: request.id,
      before: { status: "OPEN" },
      after: { status, response: response || null },
    });
    await messageUser(tx, request.requestedById, {
      subject: status === "GRANTED" ? `Adgang til ${request.agreement.name} er givet` : `Anmodning om adgang til ${request.agreement.name} er afvist`,
      body:
        status === "GRANTED"
          ? `${request.institution.name} har fået adgang (log-in) til ${request.agreement.name} til det konkrete køb.${response ? `\n\n${response}` : ""}`
          : `Anmodningen om adgang til ${request.agreement.name} er afvist.\n\nBegrundelse: ${response}`,
      link: request.enrolmentId !== null ? `/tilmeldinger/${request.enrolmentId}` : "/tilmeldinger",
    });
    return status === "GRANTED" ? "Adgangen er givet, og kunden har fået besked." : "Anmodningen er afvist, og kunden har fået begrundelsen.";
  });
}

// ---------------------------------------------------------------------------------------------
// Joining the next phase
// ---------------------------------------------------------------------------------------------

/** A voluntary customer asks its group buyer to become party in the next (open) phase. */
export async function requestJoinNextPhase(actor: CurrentUser, input: { agreementId: number; message?: string }, db?: Db): Promise<string> {
  requireCan(actor, "enrolment.submit");
  if (actor.institutionId === null) throw new UserError(REFUSAL_TEXT.NO_INSTITUTION);
  const institutionId = actor.institutionId;
  const message = input.message?.trim() ?? "";
  try {
    return await changeThenDeliver(db, async (tx) => {
      const facts = await joinFacts(tx, institutionId, input.agreementId);
      if (!facts) throw new UserError("Aftalen findes ikke.");
      if (!facts.join.ok) throw new UserError(JOIN_REFUSAL_TEXT[facts.join.reason]);
      const phase = facts.join.phase;
      const request = await tx.joinPhaseRequest.create({
        data: { institutionId, phaseId: phase.id, agreementId: facts.agreement.id, message, requestedById: actor.id },
        select: { id: true },
      });
      await audit(tx, {
        actorId: actor.id,
        action: "join.request",
        entity: "JoinPhaseRequest",
        entityId: request.id,
        after: { institutionId, phase: phase.number, agreementId: facts.agreement.id, message, status: "OPEN" },
      });
      await messageGroupBuyers(tx, facts.institution.ministryId, {
        subject: `${facts.institution.name} ønsker at blive part i ${phase.name}`,
        body: `${facts.institution.name} anmoder om at blive part på aftalerne i ${phase.name} (fra aftalen ${facts.agreement.name}, ${facts.agreement.reference}).${message ? `\n\n${message}` : ""}`,
        link: "/tilmeldinger",
      });
      return `Anmodningen om at blive part i ${phase.name} er sendt til jeres koncernindkøber.`;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError("I har allerede en åben anmodning om at blive part i den fase. Koncernindkøberen behandler den.");
    throw error;
  }
}

/**
 * The group buyer grants or refuses a join-next-phase request of the area. Granting makes the
 * institution party (PHASE_JOIN, from today) to the phase's centrally coordinated agreements.
 */
export async function decideJoinRequest(actor: CurrentUser, input: RequestDecisionInput, db?: Db): Promise<string> {
  requireCan(actor, "enrolment.decide");
  const response = input.response?.trim() ?? "";
  if (input.decision === "REFUSE" && !response) throw new UserError("Skriv, hvorfor anmodningen afvises.", "response");
  return changeThenDeliver(db, async (tx) => {
    const request = await tx.joinPhaseRequest.findFirst({
      where: { id: input.requestId, institution: institutionWhere(actor) },
      select: { id: true, institutionId: true, requestedById: true, phase: { select: { id: true, name: true, closed: true } }, institution: { select: { name: true } } },
    });
    if (!request) throw new UserError(REQUEST_NOT_FOUND);
    const status = input.decision === "GRANT" ? "GRANTED" : "REFUSED";
    if (status === "GRANTED" && request.phase.closed) {
      throw new UserError(`${request.phase.name} er afsluttet: det er ikke muligt at blive part på en afsluttet udbudsrunde. Afvis anmodningen med en begrundelse.`);
    }
    const { count } = await tx.joinPhaseRequest.updateMany({
      where: { id: request.id, status: "OPEN", institution: institutionWhere(actor) },
      data: { status, handledById: actor.id, handledAt: new Date(), response: response || null },
    });
    if (count !== 1) throw new UserError("Anmodningen er allerede behandlet. Din beslutning er ikke gemt.");
    let parties = 0;
    if (status === "GRANTED") {
      const agreements = await tx.agreement.findMany({
        where: { phaseId: request.phase.id, kind: { in: ["MANDATORY_CENTRAL", "VOLUNTARY_CENTRAL"] }, retiredAt: null },
        select: { id: true },
      });
      const created = await tx.agreementParty.createMany({
        data: agreements.map((a) => ({ agreementId: a.id, institutionId: request.institutionId, source: "PHASE_JOIN" as const, since: today() })),
        skipDuplicates: true,
      });
      parties = created.count;
    }
    await audit(tx, {
      actorId: actor.id,
      action: status === "GRANTED" ? "join.grant" : "join.refuse",
      entity: "JoinPhaseRequest",
      entityId: request.id,
      before: { status: "OPEN" },
      after: { status, response: response || null, partiesCreated: parties },
    });
    await messageUser(tx, request.requestedById, {
      subject: status === "GRANTED" ? `I er part i ${request.phase.name}` : `Anmodningen om at blive part i ${request.phase.name} er afvist`,
      body:
        status === "GRANTED"
          ? `${request.institution.name} er nu part på ${parties === 1 ? "1 aftale" : `${parties} aftaler`} i ${request.phase.name}.${response ? `\n\n${response}` : ""}`
          : `Koncernindkøberen har afvist anmodningen om at blive part i ${request.phase.name}.\n\nBegrundelse: ${response}`,
      link: "/tilmeldinger",
    });
    return status === "GRANTED"
      ? `Anmodningen er imødekommet: ${request.institution.name} er gjort til part på ${parties === 1 ? "1 aftale" : `${parties} aftaler`} i ${request.phase.name}.`
      : "Anmodningen er afvist, og kunden har fået begrundelsen.";
  });
}
