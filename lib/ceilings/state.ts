/**
 * An agreement's state against its maximum value, from its figures and the agency's thresholds. Pure.
 * The warnings table records that the agency was told; the state shown follows the figures as they are.
 */

export type CeilingThresholds = { firstPercent: number; secondPercent: number };

export const DEFAULT_THRESHOLDS: CeilingThresholds = { firstPercent: 80, secondPercent: 95 };

export const CEILING_STATES = ["NO_MAXIMUM", "UNDER", "FIRST_WARNING", "SECOND_WARNING", "EXHAUSTED"] as const;
export type CeilingState = (typeof CEILING_STATES)[number];

export function ceilingState(useOre: bigint, maximumOre: bigint | null, thresholds: CeilingThresholds): CeilingState {
  if (maximumOre === null) return "NO_MAXIMUM";
  if (useOre >= maximumOre) return "EXHAUSTED";
  if (useOre * 100n >= maximumOre * BigInt(thresholds.secondPercent)) return "SECOND_WARNING";
  if (useOre * 100n >= maximumOre * BigInt(thresholds.firstPercent)) return "FIRST_WARNING";
  return "UNDER";
}

/** Danish labels of the states (overview filter, export, notices). */
export function ceilingStateLabel(state: CeilingState, thresholds: CeilingThresholds): string {
  switch (state) {
    case "NO_MAXIMUM":
      return "Maksimum ikke registreret";
    case "UNDER":
      return `Under ${thresholds.firstPercent} %`;
    case "FIRST_WARNING":
      return `Advaret: ${thresholds.firstPercent} % nået`;
    case "SECOND_WARNING":
      return `Advaret: ${thresholds.secondPercent} % nået`;
    case "EXHAUSTED":
      return "Maksimum nået";
  }
}

/** The notice shown on the agreement page and in the catalogue's results; null when none is due. */
export function ceilingNotice(useOre: bigint, maximumOre: bigint | null, thresholds: CeilingThresholds): string | null {
  const state = ceilingState(useOre, maximumOre, thresholds);
  if (state === "EXHAUSTED") {
    return "Aftalens maksimale værdi er nået. Der kan ikke købes mere på aftalen (EU-Domstolens domme C-216/17 og C-23/20).";
  }
  if (state === "FIRST_WARNING" || state === "SECOND_WARNING") {
    const percent = state === "SECOND_WARNING" ? thresholds.secondPercent : thresholds.firstPercent;
    return `Aftalen har brugt mindst ${percent} % af sin maksimale værdi. Større indkøb kan overskride den.`;
  }
  return null;
}
