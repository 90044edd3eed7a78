import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/types";
import { giveCeilingWarnings } from "@/lib/ceilings/refresh";
import { type Db, inTransaction } from "@/lib/db/client";

/** The agency's warning thresholds for agreement ceilings (AgencySetting), changed by ADMIN with audit. */

const percent = (what: string) =>
  z.coerce
    .number({ error: `Skriv ${what} som et helt tal.` })
    .int({ error: `Skriv ${what} som et helt tal.` })
    .min(1, { error: `${what[0]!.toUpperCase()}${what.slice(1)} skal være mellem 1 og 100.` })
    .max(100, { error: `${what[0]!.toUpperCase()}${what.slice(1)} skal være mellem 1 og 100.` });

export const ceilingThresholdsSchema = z
  .object({ firstPercent: percent("første tærskel"), secondPercent: percent("anden tærskel") })
  .refine((v) => v.firstPercent < v.secondPercent, { path: ["secondPercent"], error: "Anden tærskel skal være højere end første tærskel." });

export type CeilingThresholdsInput = z.infer<typeof ceilingThresholdsSchema>;

/** Saves the thresholds; agreements already past a new threshold are warned now (once, as always). */
export async function saveCeilingThresholds(actor: CurrentUser, input: CeilingThresholdsInput, db?: Db): Promise<string> {
  return inTransaction(db, async (tx) => {
    const before = await tx.agencySetting.findUniqueOrThrow({ where: { id: 1 } });
    if (before.ceilingFirstWarningPercent === input.firstPercent && before.ceilingSecondWarningPercent === input.secondPercent) {
      return "Der var ingen ændringer at gemme.";
    }
    await tx.agencySetting.update({
      where: { id: 1 },
      data: { ceilingFirstWarningPercent: input.firstPercent, ceilingSecondWarningPercent: input.secondPercent, updatedAt: new Date() },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "ceilings.thresholds",
      entity: "AgencySetting",
      entityId: 1,
      before: { firstPercent: before.ceilingFirstWarningPercent, secondPercent: before.ceilingSecondWarningPercent },
      after: input,
    });
    const withMaximum = await tx.agreement.findMany({ where: { maximumValueOre: { not: null } }, select: { id: true } });
    const warnings = await giveCeilingWarnings(tx, withMaximum.map((a) => a.id));
    return `Tærsklerne er gemt: ${input.firstPercent} % og ${input.secondPercent} %.${warnings.length > 0 ? ` ${warnings.length} ${warnings.length === 1 ? "advarsel er" : "advarsler er"} sendt til Statens Indkøb.` : ""}`;
  });
}
