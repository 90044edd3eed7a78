import "server-only";
import { findPublishedList } from "@/lib/catalogue/exports";
import { prisma } from "@/lib/db/client";
import { ENROLMENT_PHASES } from "@/lib/domain/agreement-status";
import { toIsoDate } from "@/lib/format";

/**
 * The few facts the public rules pages (/regler) show from the database: the coming deadlines for
 * purchase data, and which current agreements need enrolment for voluntary customers. Public
 * information the agency publishes anyway: no log-in and no row scope.
 */

/** Today in Copenhagen as a UTC midnight, the way @db.Date columns compare. */
function today(now: Date): Date {
  return new Date(`${toIsoDate(now)}T00:00:00Z`);
}

/** "2016Q4" -> "4. kvartal 2016"; anything else as given. */
export function quarterLabel(quarter: string): string {
  const match = /^(\d{4})Q([1-4])$/.exec(quarter);
  return match ? `${match[2]}. kvartal ${match[1]}` : quarter;
}

/** The next deadlines for manual submission of purchase data or reservations against SKS data. */
export async function upcomingDeadlines(now = new Date(), take = 4) {
  return prisma.deadline.findMany({ where: { deadline: { gte: today(now) } }, orderBy: { deadline: "asc" }, take });
}

/**
 * The current central agreements, split by whether a voluntary customer must enrol: those of
 * phases 8-10 need enrolment (Bilag 7 + Skema); from phase 11 on enrolment was abolished. Derived
 * from the phase number, never from names.
 */
export async function agreementsByEnrolment(now = new Date()) {
  const agreements = await prisma.agreement.findMany({
    where: {
      retiredAt: null,
      validTo: { gte: today(now) },
      kind: { in: ["MANDATORY_CENTRAL", "VOLUNTARY_CENTRAL"] },
      phaseId: { not: null },
    },
    orderBy: [{ sortKey: "asc" }, { reference: "asc" }],
    select: { id: true, reference: true, name: true, phase: { select: { number: true } } },
  });
  const needs = (phase: number) => phase >= ENROLMENT_PHASES.first && phase <= ENROLMENT_PHASES.last;
  return {
    enrolment: agreements.filter((a) => a.phase && needs(a.phase.number)),
    noEnrolment: agreements.filter((a) => a.phase && !needs(a.phase.number)),
  };
}

/** Links to some of the lists the agency publishes (lib/catalogue/exports.ts), served at /lister/<file>. */
export function publishedListLinks(fileNames: readonly string[]): { href: string; title: string; description: string }[] {
  return fileNames.flatMap((fileName) => {
    const list = findPublishedList(fileName);
    return list ? [{ href: `/lister/${list.fileName}`, title: list.title, description: list.description }] : [];
  });
}
