import {
  agreementStatus,
  enrolmentRequired,
  ENROLMENT_PHASES,
  type AgreementFacts,
  type AgreementStatus,
  type InstitutionFacts,
} from "@/lib/domain/agreement-status";

/**
 * Who may enrol on what, and who may ask to join which phase: the voluntary customers' rules of
 * DOMAIN.md, decided from the agreement status rules of lib/domain/agreement-status.ts (which say
 * when enrolment is needed and what a closed phase means). Pure; the service (service.ts) checks
 * the same facts again inside its transaction, and the database refuses a second pending enrolment.
 */

export type EnrolmentRefusal =
  | "NO_INSTITUTION"
  | "NOT_VOLUNTARY"
  | "NOT_REQUIRED"
  | "RETIRED"
  | "OTHER_INSTITUTIONS_OWN"
  | "PHASE_CLOSED"
  | "PENDING_EXISTS"
  | "ALREADY_ENROLLED";

export type Eligibility = { ok: true; status: AgreementStatus } | { ok: false; reason: EnrolmentRefusal; status: AgreementStatus | null };

export type EnrolmentAgreementFacts = AgreementFacts & { retired: boolean };

/** Whether the institution may submit an enrolment (Bilag 7 + Skema) on the agreement now. */
export function enrolmentEligibility(agreement: EnrolmentAgreementFacts, institution: InstitutionFacts | null): Eligibility {
  if (!institution) return { ok: false, reason: "NO_INSTITUTION", status: null };
  const status = agreementStatus(agreement, institution);
  if (institution.customerType !== "VOLUNTARY") return { ok: false, reason: "NOT_VOLUNTARY", status };
  if (status === "OTHER_INSTITUTIONS_OWN") return { ok: false, reason: "OTHER_INSTITUTIONS_OWN", status };
  if (!enrolmentRequired(agreement.phase?.number ?? null)) return { ok: false, reason: "NOT_REQUIRED", status };
  if (agreement.retired) return { ok: false, reason: "RETIRED", status };
  switch (status) {
    case "ENROLMENT_PENDING":
      return { ok: false, reason: "PENDING_EXISTS", status };
    case "PARTY":
      return { ok: false, reason: "ALREADY_ENROLLED", status };
    case "NOT_PARTY_PHASE_CLOSED":
      return { ok: false, reason: "PHASE_CLOSED", status };
    default:
      // MAY_ENROL (party by phase, not yet enrolled) or NOT_PARTY on a phase still open:
      // an approved enrolment makes the institution party.
      return { ok: true, status };
  }
}

/** Why no enrolment is possible, in Danish, for the page and for a refused action. */
export const REFUSAL_TEXT: Record<EnrolmentRefusal, string> = {
  NO_INSTITUTION: "Din bruger er ikke knyttet til en institution. Kontakt Statens Indkøb.",
  NOT_VOLUNTARY:
    "Kun frivillige kunder tilmelder sig aftaler. Jeres institution er forpligtet kunde og er part på Statens Indkøbsprograms aftaler uden tilmelding.",
  NOT_REQUIRED: `Aftalen kræver ingen tilmelding: tilmelding gælder kun aftaler fra ${ENROLMENT_PHASES.first}.–${ENROLMENT_PHASES.last}. fase og er udfaset fra og med ${ENROLMENT_PHASES.last + 1}. fase. Er I part på aftalen, kan I købe ind på den.`,
  RETIRED: "Aftalen er udgået og kan ikke længere tilmeldes.",
  OTHER_INSTITUTIONS_OWN: "Aftalen er en anden institutions egen aftale og kan ikke tilmeldes.",
  PHASE_CLOSED:
    "Det er ikke muligt at blive part på en afsluttet udbudsrunde, og I er ikke part på aftalen. I kan i stedet anmode om at blive part i næste fase.",
  PENDING_EXISTS: "I har allerede en tilmelding til aftalen, der afventer godkendelse. Der kan kun være én ad gangen.",
  ALREADY_ENROLLED: "I er allerede tilmeldt og part på aftalen.",
};

export type PhaseFacts = { id: number; number: number; name: string; closed: boolean };

/**
 * The phase a voluntary customer can ask to join from an agreement's page: the agreement's own phase
 * while it is open, else the first later phase that is still open; never one the institution has
 * already joined. Null when there is none (no later round is open yet).
 */
export function joinTargetPhase(
  agreementPhase: { number: number; closed: boolean } | null,
  phases: readonly PhaseFacts[],
  joinedPhaseNumbers: ReadonlySet<number>,
): PhaseFacts | null {
  if (!agreementPhase) return null;
  const open = phases
    .filter((phase) => !phase.closed && phase.number >= agreementPhase.number && !joinedPhaseNumbers.has(phase.number))
    .sort((a, b) => a.number - b.number);
  return open[0] ?? null;
}

export type JoinRefusal = "NO_INSTITUTION" | "NOT_VOLUNTARY" | "NO_PHASE" | "ALREADY_PARTY" | "NO_OPEN_PHASE";

/** Whether the institution may ask the group buyer to become party in a later (or the open) phase. */
export function joinEligibility(
  agreement: AgreementFacts,
  institution: InstitutionFacts | null,
  target: PhaseFacts | null,
): { ok: true; phase: PhaseFacts } | { ok: false; reason: JoinRefusal } {
  if (!institution) return { ok: false, reason: "NO_INSTITUTION" };
  if (institution.customerType !== "VOLUNTARY") return { ok: false, reason: "NOT_VOLUNTARY" };
  if (!agreement.phase || agreement.kind === "OWN") return { ok: false, reason: "NO_PHASE" };
  if (institution.party) return { ok: false, reason: "ALREADY_PARTY" };
  if (!target) return { ok: false, reason: "NO_OPEN_PHASE" };
  return { ok: true, phase: target };
}

export const JOIN_REFUSAL_TEXT: Record<JoinRefusal, string> = {
  NO_INSTITUTION: REFUSAL_TEXT.NO_INSTITUTION,
  NOT_VOLUNTARY: "Kun frivillige kunder anmoder om at blive part i en fase. Forpligtede kunder er part på aftalerne.",
  NO_PHASE: "Aftalen hører ikke til en fase i Statens Indkøbsprogram.",
  ALREADY_PARTY: "I er allerede part på aftalen.",
  NO_OPEN_PHASE: "Der er endnu ingen kommende fase, I kan blive part i. Kontakt jeres koncernindkøber for at høre nærmere.",
};
