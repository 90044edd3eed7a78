import type { AuthorityType, ContractType, InstitutionKind } from "@/lib/generated/prisma/enums";
import { formatDate, formatMoneyOre } from "@/lib/format";

/**
 * The EU thresholds (DOMAIN.md "EU thresholds"): one amount per two-year period, authority type
 * (central government or sub-central; works and the light regime are the same for both) and
 * contract type. Master data the agency keeps (EuThreshold, /admin/stamdata/taerskelvaerdier); the
 * cascade gets the one that applies as an input, picked here. Pure.
 */

export type EuThreshold = {
  validFrom: string; // ISO date, first day
  validTo: string; // ISO date, last day
  /** Null: the same for central and sub-central authorities. */
  authorityType: AuthorityType | null;
  contractType: ContractType;
  amountOre: bigint;
};

export const AUTHORITY_TYPES = ["CENTRAL", "SUB_CENTRAL"] as const satisfies readonly AuthorityType[];
export const CONTRACT_TYPES = ["SUPPLIES_SERVICES", "WORKS", "SOCIAL_SERVICES"] as const satisfies readonly ContractType[];

export const AUTHORITY_TYPE_LABELS: Record<AuthorityType, string> = {
  CENTRAL: "Statslig (central) myndighed",
  SUB_CENTRAL: "Regional/kommunal myndighed eller offentligretligt organ",
};

export const CONTRACT_TYPE_LABELS: Record<ContractType, string> = {
  SUPPLIES_SERVICES: "Varer og tjenesteydelser",
  WORKS: "Bygge- og anlægsarbejder",
  SOCIAL_SERVICES: "Sociale og andre specifikke tjenesteydelser (light-regimet)",
};

/**
 * The authority type an institution has unless ADMIN set another: state institutions and
 * Folketinget are central government authorities (Directive 2014/24/EU Annex I names the Danish
 * ministries with their institutions, and Folketinget); kommuner, regioner, the national bank,
 * self-governing institutions and the other voluntary customers are sub-central.
 */
export function defaultAuthorityType(kind: InstitutionKind): AuthorityType {
  return kind === "STATE_INSTITUTION" || kind === "FOLKETINGET" ? "CENTRAL" : "SUB_CENTRAL";
}

export function authorityTypeOf(institution: { kind: InstitutionKind; authorityType: AuthorityType | null }): AuthorityType {
  return institution.authorityType ?? defaultAuthorityType(institution.kind);
}

/**
 * The threshold for an institution's authority type and a category's contract type on the need's
 * date: the row of the period holding the date, for that contract type and either that authority
 * type or both. Null when none is known (the note then says so rather than guess).
 */
export function pickEuThreshold(
  thresholds: readonly EuThreshold[],
  need: { authorityType: AuthorityType; contractType: ContractType; date: string },
): EuThreshold | null {
  const fitting = thresholds.filter(
    (t) =>
      t.contractType === need.contractType &&
      (t.authorityType === null || t.authorityType === need.authorityType) &&
      t.validFrom <= need.date &&
      need.date <= t.validTo,
  );
  // A row for the exact authority type wins over one for both; then the latest period.
  fitting.sort((a, b) => Number(b.authorityType !== null) - Number(a.authorityType !== null) || (a.validFrom < b.validFrom ? 1 : -1));
  return fitting[0] ?? null;
}

/** "2026–2027", or the exact dates when the period is not whole calendar years. */
export function periodLabel(period: { validFrom: string; validTo: string }): string {
  const from = period.validFrom.slice(0, 4);
  const to = period.validTo.slice(0, 4);
  if (period.validFrom.endsWith("-01-01") && period.validTo.endsWith("-12-31")) return from === to ? from : `${from}–${to}`;
  return `${formatDate(period.validFrom)}–${formatDate(period.validTo)}`;
}

/** "statslige myndigheders indkøb af varer og tjenesteydelser": what a threshold applies to. */
export function thresholdSubject(authorityType: AuthorityType, contractType: ContractType): string {
  const who = authorityType === "CENTRAL" ? "statslige myndigheders" : "regionale og kommunale myndigheders og offentligretlige organers";
  const what =
    contractType === "WORKS"
      ? "bygge- og anlægsarbejder"
      : contractType === "SOCIAL_SERVICES"
        ? "sociale og andre specifikke tjenesteydelser (light-regimet)"
        : "varer og tjenesteydelser";
  return `${who} indkøb af ${what}`;
}

/** "EU's tærskelværdi for statslige myndigheders indkøb af varer og tjenesteydelser i 2026–2027 (1.044.400 kr.)" */
export function describeThreshold(threshold: EuThreshold, authorityType: AuthorityType): string {
  const amount = formatMoneyOre(threshold.amountOre, { wholeKroner: true });
  return `EU's tærskelværdi for ${thresholdSubject(authorityType, threshold.contractType)} i ${periodLabel(threshold)} (${amount})`;
}

/**
 * The four thresholds of a period as the agency keeps them (udbudsloven): supplies and services,
 * central and sub-central; works and the light regime, one each for both authority types.
 */
export const THRESHOLD_SLOTS = [
  { key: "centralSuppliesServices", authorityType: "CENTRAL", contractType: "SUPPLIES_SERVICES", label: "Varer og tjenesteydelser, statslige myndigheder" },
  {
    key: "subCentralSuppliesServices",
    authorityType: "SUB_CENTRAL",
    contractType: "SUPPLIES_SERVICES",
    label: "Varer og tjenesteydelser, regionale/kommunale myndigheder og offentligretlige organer",
  },
  { key: "works", authorityType: null, contractType: "WORKS", label: "Bygge- og anlægsarbejder (alle myndigheder)" },
  {
    key: "socialServices",
    authorityType: null,
    contractType: "SOCIAL_SERVICES",
    label: "Sociale og andre specifikke tjenesteydelser, light-regimet (alle myndigheder)",
  },
] as const satisfies readonly { key: string; authorityType: AuthorityType | null; contractType: ContractType; label: string }[];

export type ThresholdSlotKey = (typeof THRESHOLD_SLOTS)[number]["key"];

export type ThresholdPeriod = {
  validFrom: string;
  validTo: string;
  amounts: Record<ThresholdSlotKey, bigint | null>;
};

/** The rows grouped into periods, newest first. */
export function thresholdPeriods(thresholds: readonly EuThreshold[]): ThresholdPeriod[] {
  const periods = new Map<string, ThresholdPeriod>();
  for (const threshold of thresholds) {
    const id = `${threshold.validFrom}/${threshold.validTo}`;
    const period = periods.get(id) ?? {
      validFrom: threshold.validFrom,
      validTo: threshold.validTo,
      amounts: { centralSuppliesServices: null, subCentralSuppliesServices: null, works: null, socialServices: null },
    };
    const slot = THRESHOLD_SLOTS.find((s) => s.authorityType === threshold.authorityType && s.contractType === threshold.contractType);
    if (slot) period.amounts[slot.key] = threshold.amountOre;
    periods.set(id, period);
  }
  return [...periods.values()].sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
}
