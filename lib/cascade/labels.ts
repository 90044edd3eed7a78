import type { Reason } from "@/lib/cascade/engine";

/**
 * The Danish words of the cascade explanation. Pure: the pages, the API and the stored explanation
 * (lib/cascade/explanation.ts) all take their texts from here, so a decision is stored with the
 * words the buyer saw.
 */
export const REASON_TEXT: Record<Reason, string> = {
  RETIRED: "Aftalen er udgået.",
  NOT_VALID_ON_DATE: "Aftalen gælder ikke på datoen for behovet.",
  CATEGORY_NOT_COVERED: "Aftalen dækker ikke indkøbskategorien.",
  NOT_PARTY: "Institutionen er ikke part på aftalen.",
  PHASE_CLOSED: "Udbudsrunden (fasen) er afsluttet, så institutionen kan ikke blive part. Kontakt koncernindkøberen om næste fase.",
  ENROLMENT_MISSING: "Aftalen er fra 8.–10. fase og kræver tilmelding (Bilag 7 og Skema), som mangler.",
  ENROLMENT_PENDING: "Tilmeldingen afventer godkendelse hos koncernindkøberen.",
  CEILING_REACHED:
    "Aftalens maksimale værdi er nået, så aftalen har ikke længere virkning, og der må ikke købes mere på den (EU-Domstolens domme C-216/17 og C-23/20 om rammeaftalers maksimale værdi).",
  CEILING_EXCEEDED:
    "Det anslåede beløb vil bringe forbruget på aftalen over dens maksimale værdi, og ud over den har aftalen ikke virkning (EU-Domstolens domme C-216/17 og C-23/20 om rammeaftalers maksimale værdi).",
};

export const TIER_HEADING: Record<1 | 2 | 3, string> = {
  1: "Trin 1: Forpligtende centralt koordinerede aftaler (Statens Indkøbsprogram)",
  2: "Trin 2: Frivillige centralt koordinerede aftaler og frivillige SKI-aftaler",
  3: "Trin 3: Egne aftaler",
};

/** The choice value for "no agreement: own procurement", in forms and the API. */
export const OWN_PROCUREMENT_CHOICE = "own";

export const OWN_PROCUREMENT_LABEL = "Eget indkøb (ingen aftale)";

/** The least a justification must say, in characters. */
export const JUSTIFICATION_MIN_LENGTH = 20;
export const JUSTIFICATION_MAX_LENGTH = 2000;
