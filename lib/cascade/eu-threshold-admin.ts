import "server-only";
import { z } from "zod";
import { UserError } from "@/lib/action-result";
import { audit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/types";
import { asText, field, isoDay, parseDate } from "@/lib/catalogue/admin-schemas";
import {
  AUTHORITY_TYPE_LABELS,
  AUTHORITY_TYPES,
  THRESHOLD_SLOTS,
  periodLabel,
  thresholdPeriods,
  type ThresholdPeriod,
} from "@/lib/cascade/eu-threshold";
import { parseAmountOre } from "@/lib/cascade/schemas";
import { type Db, inTransaction, prisma } from "@/lib/db/client";
import type { AuthorityType } from "@/lib/generated/prisma/enums";

/**
 * The agency's administration of the EU thresholds (ADMIN, catalogue.manage: master data): a
 * period's four amounts are added or changed together, and an institution's authority type set
 * where the default from its kind is wrong. Each change is written with its audit entry (before
 * and after) in one transaction.
 */

const amountField = (label: string) =>
  field((value) => {
    const parsed = parseAmountOre(value);
    return parsed.ok ? parsed : { ok: false as const, message: `${label}: ${parsed.message}` };
  });

export const euThresholdPeriodSchema = z.object({
  /** The first day of the period being edited (YYYY-MM-DD); empty adds a period. */
  editing: field((value) => ({ ok: true as const, value: asText(value) || null })),
  validFrom: field((value) => parseDate(value, "Skriv periodens første dag, fx 01-01-2028.")),
  validTo: field((value) => parseDate(value, "Skriv periodens sidste dag, fx 31-12-2029.")),
  ...(Object.fromEntries(THRESHOLD_SLOTS.map((slot) => [slot.key, amountField(slot.label)])) as Record<
    (typeof THRESHOLD_SLOTS)[number]["key"],
    ReturnType<typeof amountField>
  >),
});

export type EuThresholdPeriodInput = z.infer<typeof euThresholdPeriodSchema>;

export const institutionAuthoritySchema = z.object({
  institutionId: z.coerce.number({ error: "Ukendt institution." }).int().positive({ error: "Ukendt institution." }),
  /** Empty: the default from the institution's kind. */
  authorityType: field((value) => {
    const text = asText(value);
    if (!text) return { ok: true as const, value: null };
    return (AUTHORITY_TYPES as readonly string[]).includes(text)
      ? { ok: true as const, value: text as AuthorityType }
      : { ok: false as const, message: "Vælg myndighedstypen." };
  }),
});

export async function listEuThresholdPeriods(db: Db = prisma): Promise<ThresholdPeriod[]> {
  const rows = await db.euThreshold.findMany({ orderBy: [{ validFrom: "desc" }, { id: "asc" }] });
  return thresholdPeriods(
    rows.map((row) => ({ ...row, validFrom: isoDay(row.validFrom), validTo: isoDay(row.validTo) })),
  );
}

function periodSnapshot(period: ThresholdPeriod) {
  return {
    validFrom: period.validFrom,
    validTo: period.validTo,
    ...Object.fromEntries(THRESHOLD_SLOTS.map((slot) => [`${slot.key}Ore`, period.amounts[slot.key]?.toString() ?? null])),
  };
}

// Serialises changes to the thresholds, so that two saves cannot both pass the overlap check.
const THRESHOLD_LOCK = 7_301_204;

/** Adds a period, or changes one (its dates and amounts); periods may not overlap. */
export async function saveEuThresholdPeriod(actor: CurrentUser, input: EuThresholdPeriodInput, db?: Db): Promise<string> {
  const validFrom = isoDay(input.validFrom);
  const validTo = isoDay(input.validTo);
  if (validTo < validFrom) throw new UserError("Periodens sidste dag ligger før dens første dag.", "validTo");
  return inTransaction(db, async (tx) => {
    await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${THRESHOLD_LOCK})`;
    const periods = await listEuThresholdPeriods(tx);
    const existing = input.editing === null ? null : periods.find((p) => p.validFrom === input.editing);
    if (input.editing !== null && !existing) throw new UserError("Perioden findes ikke længere.");
    const overlapping = periods.find((p) => p !== existing && p.validFrom <= validTo && validFrom <= p.validTo);
    if (overlapping) {
      throw new UserError(`Perioden overlapper tærskelværdierne for ${periodLabel(overlapping)}. Ret den periode i stedet.`, "validFrom");
    }
    const after: ThresholdPeriod = {
      validFrom,
      validTo,
      amounts: {
        centralSuppliesServices: input.centralSuppliesServices,
        subCentralSuppliesServices: input.subCentralSuppliesServices,
        works: input.works,
        socialServices: input.socialServices,
      },
    };
    if (existing && JSON.stringify(periodSnapshot(existing)) === JSON.stringify(periodSnapshot(after))) {
      return "Der var ingen ændringer at gemme.";
    }
    if (existing) {
      await tx.euThreshold.deleteMany({ where: { validFrom: new Date(`${existing.validFrom}T00:00:00Z`) } });
    }
    await tx.euThreshold.createMany({
      data: THRESHOLD_SLOTS.map((slot) => ({
        validFrom: input.validFrom,
        validTo: input.validTo,
        authorityType: slot.authorityType,
        contractType: slot.contractType,
        amountOre: after.amounts[slot.key]!,
      })),
    });
    await audit(tx, {
      actorId: actor.id,
      action: existing ? "euThreshold.update" : "euThreshold.create",
      entity: "EuThreshold",
      entityId: validFrom,
      before: existing ? periodSnapshot(existing) : undefined,
      after: periodSnapshot(after),
    });
    return `Tærskelværdierne for ${periodLabel(after)} er gemt.`;
  });
}

/** Sets an institution's authority type for the EU thresholds (null: the default from its kind). */
export async function setInstitutionAuthorityType(
  actor: CurrentUser,
  input: z.infer<typeof institutionAuthoritySchema>,
  db?: Db,
): Promise<string> {
  return inTransaction(db, async (tx) => {
    const institution = await tx.institution.findUnique({ where: { id: input.institutionId }, select: { id: true, name: true, authorityType: true } });
    if (!institution) throw new UserError("Institutionen findes ikke.");
    if (institution.authorityType === input.authorityType) return "Der var ingen ændringer at gemme.";
    await tx.institution.update({ where: { id: institution.id }, data: { authorityType: input.authorityType } });
    await audit(tx, {
      actorId: actor.id,
      action: "institution.authorityType",
      entity: "Institution",
      entityId: institution.id,
      before: { authorityType: institution.authorityType },
      after: { authorityType: input.authorityType },
    });
    const now = input.authorityType ? AUTHORITY_TYPE_LABELS[input.authorityType].toLowerCase() : "standard for institutionstypen";
    return `${institution.name}s myndighedstype for EU's tærskelværdier er nu: ${now}.`;
  });
}
