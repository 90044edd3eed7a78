import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuthorityType } from "@/lib/generated/prisma/enums";
import { UserError } from "@/lib/action-result";
import { audit } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import { institutionWhere } from "@/lib/auth/scope";
import type { CurrentUser } from "@/lib/auth/types";
import { keptWhileCatalogueUnchanged } from "@/lib/cache/shared";
import { judgeChoice } from "@/lib/cascade/choice";
import { decideCascade, type CascadeDecision } from "@/lib/cascade/engine";
import { authorityTypeOf, pickEuThreshold } from "@/lib/cascade/eu-threshold";
import { buildExplanation, type Explanation } from "@/lib/cascade/explanation";
import { loadCascadeAgreements, loadEuThresholds } from "@/lib/cascade/load";
import type { ChoiceInput, NeedInput } from "@/lib/cascade/schemas";
import { type Db, inTransaction, prisma } from "@/lib/db/client";

/**
 * Running the cascade for a purchase need, and recording the buyer's decision. The institution is
 * always derived from the user: a buyer's own institution (any other id is refused), or for a group
 * buyer an institution of the ministry area, checked with the row scope. Analysts and the agency do
 * not run or record decisions. Nothing the client says about the decision is trusted: recording
 * runs the cascade again on the server and stores that.
 */

/** Field errors of a refused need or choice; `forbidden` when the user may not act for the institution. */
export class CascadeInputError extends UserError {
  constructor(
    readonly errors: Record<string, string[]>,
    readonly forbidden = false,
  ) {
    const [field, messages] = Object.entries(errors)[0] ?? [undefined, ["Formularen indeholder fejl."]];
    super(messages[0] ?? "Formularen indeholder fejl.", field);
    this.name = "CascadeInputError";
  }
}

export type Evaluation = {
  institution: { id: number; name: string; customerType: "OBLIGATED" | "VOLUNTARY" };
  category: { code: string; name: string };
  amountOre: bigint;
  date: string;
  /** The EU threshold that applies to the need (institution's and category's type, date), or null. */
  euThresholdOre: bigint | null;
  decision: CascadeDecision;
  explanation: Explanation;
  /** SHA-256 of the explanation as shown: recording refuses a decision made on a changed one. */
  fingerprint: string;
};

const CATEGORY_CODE = /^(\d{4})(?:\s|$)/;

/** A category by its code ("1920", "1920 Kontorartikler" as the list offers it) or its exact name. */
async function findCategory(text: string, db: Db) {
  const code = CATEGORY_CODE.exec(text)?.[1];
  const select = { code: true, name: true, contractType: true } as const;
  if (code) return db.category.findUnique({ where: { code }, select });
  return db.category.findFirst({ where: { name: { equals: text, mode: "insensitive" } }, select });
}

// Master data alike for every user, kept while the catalogue is unchanged (lib/cache/shared.ts);
// read directly inside a caller's transaction.
const keptCategory = keptWhileCatalogueUnchanged((text: string) => findCategory(text, prisma));
const keptEuThresholds = keptWhileCatalogueUnchanged((date: string) => loadEuThresholds(date, prisma));

const FOREIGN_INSTITUTION = "Du kan kun vurdere indkøb for din egen institution.";
const OUTSIDE_AREA = "Institutionen findes ikke i dit ministerområde. Vælg en institution fra listen.";

type FoundInstitution =
  | { ok: true; institution: Evaluation["institution"]; authorityType: AuthorityType }
  | { ok: false; error: string; forbidden: boolean };

async function findInstitution(user: CurrentUser, requestedId: number | null, db: Db): Promise<FoundInstitution> {
  let id: number;
  if (user.role === "BUYER") {
    if (user.institutionId === null) {
      return { ok: false, error: "Din bruger er ikke knyttet til en institution. Kontakt Statens Indkøb.", forbidden: true };
    }
    if (requestedId !== null && requestedId !== user.institutionId) return { ok: false, error: FOREIGN_INSTITUTION, forbidden: true };
    id = user.institutionId;
  } else {
    if (requestedId === null) return { ok: false, error: "Vælg den institution, indkøbet er for.", forbidden: false };
    id = requestedId;
  }
  const institution = await db.institution.findFirst({
    where: institutionWhere(user, { id }),
    select: { id: true, name: true, customerType: true, kind: true, authorityType: true },
  });
  if (institution) {
    const { id: foundId, name, customerType } = institution;
    return { ok: true, institution: { id: foundId, name, customerType }, authorityType: authorityTypeOf(institution) };
  }
  return { ok: false, error: user.role === "BUYER" ? FOREIGN_INSTITUTION : OUTSIDE_AREA, forbidden: true };
}

function assertMayUse(user: CurrentUser): void {
  if (!can(user.role, "cascade.use")) {
    throw new CascadeInputError({ institution: ["Din rolle kan ikke vurdere indkøbsbehov eller træffe beslutninger om dem."] }, true);
  }
}

/** Runs the cascade for a need: the tiers, every candidate with its reasons, the recommendation. */
export async function evaluateNeed(user: CurrentUser, input: NeedInput, db: Db = prisma): Promise<Evaluation> {
  assertMayUse(user);
  // One after the other: inside a transaction the queries share one connection.
  const found = await findInstitution(user, input.institutionId, db);
  const category = await (db === prisma ? keptCategory(input.category) : findCategory(input.category, db));
  if (!found.ok || !category) {
    const errors: Record<string, string[]> = {};
    if (!found.ok) errors.institution = [found.error];
    if (!category) errors.category = [`Kategorien «${input.category}» findes ikke. Vælg en kategori fra listen.`];
    throw new CascadeInputError(errors, !found.ok && found.forbidden);
  }
  const institution = found.institution;
  const agreements = await loadCascadeAgreements(institution.id, category.code, db);
  const euThreshold = pickEuThreshold(await (db === prisma ? keptEuThresholds(input.date) : loadEuThresholds(input.date, db)), {
    authorityType: found.authorityType,
    contractType: category.contractType,
    date: input.date,
  });
  const threshold = euThreshold?.amountOre ?? null;
  const decision = decideCascade(
    {
      institution: { id: institution.id, customerType: institution.customerType },
      categoryCode: category.code,
      amountOre: input.amountOre,
      date: input.date,
      euThresholdOre: threshold,
    },
    agreements,
  );
  const explanation = buildExplanation({
    institution,
    category: { code: category.code, name: category.name },
    amountOre: input.amountOre,
    date: input.date,
    authorityType: found.authorityType,
    contractType: category.contractType,
    euThreshold,
    decision,
  });
  return {
    institution,
    category: { code: category.code, name: category.name },
    amountOre: input.amountOre,
    date: input.date,
    euThresholdOre: threshold,
    decision,
    explanation,
    fingerprint: createHash("sha256").update(JSON.stringify(explanation)).digest("hex"),
  };
}

export type RecordedDecision = { id: number; deviates: boolean; message: string };

/**
 * Records the buyer's choice for a need: runs the cascade again, checks the choice and the
 * justification against that decision, and stores the decision with its explanation and an audit
 * entry in one transaction. Nothing is stored when anything is refused.
 */
export async function recordDecision(user: CurrentUser, input: NeedInput, choice: ChoiceInput, db?: Db): Promise<RecordedDecision> {
  // The reads need no transaction of their own (read committed would not make them one snapshot
  // anyway); the decision and its audit entry are written together or not at all.
  const evaluation = await evaluateNeed(user, input, db);
  if (choice.shown !== null && choice.shown !== evaluation.fingerprint) {
    throw new UserError(
      "Vurderingen har ændret sig, siden den blev vist (aftalegrundlaget er opdateret). Se den nye vurdering, og vælg igen.",
    );
  }
  const judged = judgeChoice(evaluation.decision, choice.agreementId, choice.justification);
  if (!judged.ok) throw new CascadeInputError(judged.errors);
  return inTransaction(db, async (tx) => {
    const { decision } = evaluation;
    const created = await tx.cascadeDecision.create({
      data: {
        institutionId: evaluation.institution.id,
        userId: user.id,
        categoryCode: evaluation.category.code,
        amountOre: evaluation.amountOre,
        needDate: new Date(`${evaluation.date}T00:00:00Z`),
        outcome: judged.chosen ? "AGREEMENT" : "OWN_PROCUREMENT",
        recommendedAgreementId: decision.recommended?.agreementId ?? null,
        chosenAgreementId: judged.chosen?.agreementId ?? null,
        deviates: judged.deviates,
        justification: choice.justification || null,
        explanation: evaluation.explanation as unknown as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId: user.id,
      action: "cascade.decision",
      entity: "CascadeDecision",
      entityId: created.id,
      after: {
        institutionId: evaluation.institution.id,
        categoryCode: evaluation.category.code,
        amountOre: evaluation.amountOre.toString(),
        date: evaluation.date,
        recommendedAgreementId: decision.recommended?.agreementId ?? null,
        chosenAgreementId: judged.chosen?.agreementId ?? null,
        outcome: judged.chosen ? "AGREEMENT" : "OWN_PROCUREMENT",
        deviates: judged.deviates,
        justification: choice.justification || null,
      },
    });
    const what = judged.chosen ? `${judged.chosen.name} (${judged.chosen.reference})` : "eget indkøb";
    return {
      id: created.id,
      deviates: judged.deviates,
      message: judged.deviates
        ? `Beslutningen er gemt: ${what}. Den afviger fra kaskaden, og din begrundelse er gemt med den.`
        : `Beslutningen er gemt: ${what}.`,
    };
  });
}
