import "server-only";
import { agreementUseQuarters, ceilingSummaries, readThresholds } from "@/lib/ceilings/figures";
import { forecastCeiling, paceWindowUse } from "@/lib/ceilings/forecast";
import { ceilingState } from "@/lib/ceilings/state";
import { prisma, type Db } from "@/lib/db/client";
import { copenhagenToday } from "@/lib/purchase-data/quarter";

/**
 * One agreement's ceiling as the agency sees it (ceilings.view): the figures, per quarter and
 * supplier, the forecast and the warnings given. Null when the agreement does not exist.
 */
export async function agreementCeilingDetail(agreementId: number, db: Db = prisma) {
  const agreement = await db.agreement.findUnique({
    where: { id: agreementId },
    select: { id: true, reference: true, name: true, validFrom: true, validTo: true, retiredAt: true, ceilingWarnings: { orderBy: { level: "asc" } } },
  });
  if (!agreement) return null;
  const thresholds = await readThresholds(db);
  const summary = (await ceilingSummaries(db, [agreementId])).get(agreementId)!;
  const quarters = await agreementUseQuarters(db, agreementId);
  const validFrom = agreement.validFrom.toISOString().slice(0, 10);
  const validTo = agreement.validTo.toISOString().slice(0, 10);
  const today = copenhagenToday();
  const forecast = forecastCeiling({
    useOre: summary.useOre,
    maximumOre: summary.maximumOre,
    validFrom,
    validTo,
    today,
    paceUseOre: paceWindowUse(quarters.map((q) => ({ quarter: q.quarter, useOre: q.totals.useOre })), validFrom, today),
  });
  return {
    agreement: { ...agreement, validFrom, validTo },
    thresholds,
    summary,
    state: ceilingState(summary.useOre, summary.maximumOre, thresholds),
    quarters,
    forecast,
  };
}
