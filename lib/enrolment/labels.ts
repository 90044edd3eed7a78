import type { EnrolmentStatus, RequestStatus } from "@/lib/generated/prisma/enums";

/** Danish UI names of the enrolment and request statuses. */
export const ENROLMENT_STATUS_LABELS: Record<EnrolmentStatus, string> = {
  PENDING: "Afventer godkendelse",
  APPROVED: "Godkendt",
  REJECTED: "Afvist",
  WITHDRAWN: "Trukket tilbage",
};

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  OPEN: "Afventer",
  GRANTED: "Imødekommet",
  REFUSED: "Afvist",
};

/** Danish names of the audit actions written by the enrolment steps. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "enrolment.submit": "Tilmelding indsendt",
  "enrolment.approve": "Tilmelding godkendt",
  "enrolment.reject": "Tilmelding afvist",
  "enrolment.withdraw": "Tilmelding trukket tilbage",
  "enrolment.file.download": "Skema hentet",
  "access.request": "Adgang anmodet",
  "access.grant": "Adgang givet",
  "access.refuse": "Adgang afvist",
};
