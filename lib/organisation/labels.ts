import type { AgreementKind, CustomerType, DataChannel, InstitutionKind } from "@/lib/generated/prisma/enums";

/** Danish UI names of the organisation enums (DOMAIN.md glossary). */
export const CUSTOMER_TYPE_LABELS: Record<CustomerType, string> = {
  OBLIGATED: "Forpligtet kunde",
  VOLUNTARY: "Frivillig kunde",
};

export const DATA_CHANNEL_LABELS: Record<DataChannel, string> = {
  SKS: "Løbende via SKS",
  MANUAL: "Manuel indsendelse",
};

export const INSTITUTION_KIND_LABELS: Record<InstitutionKind, string> = {
  STATE_INSTITUTION: "Statslig institution",
  MUNICIPALITY: "Kommune",
  REGION: "Region",
  FOLKETINGET: "Folketinget",
  NATIONAL_BANK: "Danmarks Nationalbank",
  DIIS: "Dansk Institut for Internationale Studier",
  HUMAN_RIGHTS_INSTITUTE: "Institut for Menneskerettigheder",
  GREENLAND_SELF_GOVERNMENT: "Grønlands Selvstyre",
  FAROE_HOME_RULE: "Færøernes Hjemmestyre",
  SELF_GOVERNING_INSTITUTION: "Selvejende institution",
};

export const AGREEMENT_KIND_LABELS: Record<AgreementKind, string> = {
  MANDATORY_CENTRAL: "Forpligtende centralt koordineret aftale",
  VOLUNTARY_CENTRAL: "Frivillig centralt koordineret aftale",
  VOLUNTARY_SKI: "Frivillig SKI-aftale",
  OWN: "Egen aftale",
};
