import type { AgreementStatus } from "@/lib/domain/agreement-status";

/** What an institution's status on an agreement means, and what to do next, in Danish. */
export const STATUS_TEXT: Record<AgreementStatus, { label: string; next: string }> = {
  PARTY: { label: "Part på aftalen", next: "I kan købe ind på aftalen, når den er gældende." },
  ENROLMENT_PENDING: {
    label: "Tilmelding afventer godkendelse",
    next: "Jeres tilmelding behandles af koncernindkøberen. I får besked, når den er godkendt.",
  },
  MAY_ENROL: {
    label: "Kan tilmelde sig",
    next: "I er part på aftalen, men aftaler fra 8.–10. fase kræver tilmelding (Bilag 7 og Skema), før I kan købe ind.",
  },
  NOT_PARTY_PHASE_CLOSED: {
    label: "Ikke part – fasen er afsluttet",
    next: "Det er ikke muligt at blive part på en afsluttet udbudsrunde. Kontakt jeres koncernindkøber for at blive part i næste fase.",
  },
  NOT_PARTY: {
    label: "Ikke part",
    next: "I er ikke part på aftalen. Kontakt jeres koncernindkøber, hvis I ønsker at blive part i næste udbudsrunde.",
  },
  OTHER_INSTITUTIONS_OWN: { label: "Ikke relevant", next: "Aftalen er en anden institutions egen aftale." },
};

export const TIER_TEXT: Record<1 | 2 | 3, string> = {
  1: "Trin 1 i kaskaden",
  2: "Trin 2 i kaskaden",
  3: "Trin 3 i kaskaden",
};
