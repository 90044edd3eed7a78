import "server-only";
import { UserError } from "@/lib/action-result";
import { audit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/types";
import { prisma } from "@/lib/db/client";
import { formatNumber } from "@/lib/format";
import { refreshAgreementUse } from "@/lib/ceilings/refresh";
import { quarterName } from "./figures";
import { complianceQuarters, refreshAllCompliance, refreshCompliance, type RefreshResult } from "./rollup";

/**
 * The agency recomputes a quarter (or every quarter) in full: after a bulk change of master data, or
 * to be sure. The figures are recomputed anyway when next shown after a change; this does it now.
 */
export async function recomputeCompliance(actor: CurrentUser, quarter: string): Promise<string> {
  if (actor.role !== "ADMIN") throw new UserError("Kun Statens Indkøb kan genberegne tallene.");
  let results: RefreshResult[];
  if (quarter === "alle") {
    results = await refreshAllCompliance(prisma);
  } else {
    if (!(await complianceQuarters(prisma)).includes(quarter)) throw new UserError(`Der er ingen indkøbsdata for ${quarterName(quarter)}.`, "quarter");
    results = [await refreshCompliance(prisma, { quarter })];
  }
  // The agreements' use builds on the same purchase data (lib/ceilings).
  await refreshAgreementUse(prisma, quarter === "alle" ? {} : { quarter });
  await audit(prisma, {
    actorId: actor.id,
    action: "compliance.recompute",
    entity: "ComplianceQuarter",
    entityId: quarter,
    after: { quarters: results.map((r) => r.quarter), ms: results.reduce((n, r) => n + (r.ms ?? 0), 0) },
  });
  const seconds = results.reduce((n, r) => n + (r.ms ?? 0), 0) / 1000;
  return results.length === 0
    ? "Der er ingen indkøbsdata at beregne."
    : `Tallene er genberegnet for ${results.length === 1 ? quarterName(results[0]!.quarter) : `${results.length} kvartaler`} på ${formatNumber(seconds, { maximumFractionDigits: 1 })} sekunder.`;
}
