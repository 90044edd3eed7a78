import type { AgreementKind, CustomerType, EnrolmentStatus, PartySource } from "@/lib/generated/prisma/enums";

/**
 * An institution's standing on an agreement, from the rules of the source pages:
 * - enrolment (Bilag 7 + Skema) is needed only for agreements of phases 8 to 10; it was abolished
 *   from phase 11 on, so it is derived from the phase number, never from a list of names;
 * - a voluntary customer may buy on an agreement only when party to it, and on a phase 8-10
 *   agreement only after its enrolment is approved;
 * - nobody becomes party to a finished (closed) tender round: the way in is the next phase,
 *   through the group buyer.
 * Pure: the cascade (lib/cascade) and the catalogue both decide from it.
 */
export const ENROLMENT_PHASES = { first: 8, last: 10 } as const;

export function enrolmentRequired(phaseNumber: number | null): boolean {
  return phaseNumber !== null && phaseNumber >= ENROLMENT_PHASES.first && phaseNumber <= ENROLMENT_PHASES.last;
}

export type AgreementFacts = {
  kind: AgreementKind;
  phase: { number: number; closed: boolean } | null;
  ownerInstitutionId: number | null;
};

export type InstitutionFacts = {
  id: number;
  customerType: CustomerType;
  /** The institution's party row on this agreement, if any. */
  party: { source: PartySource } | null;
  /** The institution's enrolments on this agreement, newest first. */
  enrolments: { status: EnrolmentStatus }[];
};

export type AgreementStatus =
  | "PARTY"
  | "ENROLMENT_PENDING"
  | "MAY_ENROL"
  | "NOT_PARTY_PHASE_CLOSED"
  | "NOT_PARTY"
  | "OTHER_INSTITUTIONS_OWN";

export function agreementStatus(agreement: AgreementFacts, institution: InstitutionFacts): AgreementStatus {
  if (agreement.kind === "OWN" && agreement.ownerInstitutionId !== institution.id) return "OTHER_INSTITUTIONS_OWN";
  if (institution.party) {
    const needsEnrolment =
      institution.customerType === "VOLUNTARY" &&
      institution.party.source !== "ENROLMENT" &&
      enrolmentRequired(agreement.phase?.number ?? null);
    if (!needsEnrolment || institution.enrolments.some((e) => e.status === "APPROVED")) return "PARTY";
    return institution.enrolments.some((e) => e.status === "PENDING") ? "ENROLMENT_PENDING" : "MAY_ENROL";
  }
  return agreement.phase?.closed ? "NOT_PARTY_PHASE_CLOSED" : "NOT_PARTY";
}

/** Whether the institution may buy on the agreement (validity on a date is checked separately). */
export function mayBuy(status: AgreementStatus): boolean {
  return status === "PARTY";
}

/** The cascade tier of an agreement kind: 1 mandatory central, 2 voluntary central or SKI, 3 own. */
export function cascadeTier(kind: AgreementKind): 1 | 2 | 3 {
  if (kind === "MANDATORY_CENTRAL") return 1;
  return kind === "OWN" ? 3 : 2;
}
