import type { SubmissionFormat, SubmissionStatus } from "@/lib/generated/prisma/enums";
import type { CellState } from "./status";

/** Danish UI names for purchase-data values. */
export const SUBMISSION_FORMAT_LABELS: Record<SubmissionFormat, string> = {
  AGENCY: "Manuel (styrelsens format)",
  LINES: "Manuel (linjeformat)",
  SKS_FEED: "SKS",
};

export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  ACTIVE: "Gældende",
  SUPERSEDED: "Erstattet",
};

export const CELL_STATE_LABELS: Record<CellState, string> = {
  submitted: "Indsendt",
  sks: "Leveret via SKS",
  missing: "Mangler",
  overdue: "Mangler – fristen er overskredet",
  "sks-waiting": "Ingen SKS-data endnu",
};
