import type { Forecast } from "@/lib/ceilings/forecast";
import { formatDate, formatMoneyOre } from "@/lib/format";

/** The forecast in words (overview, export, agreement page). Pure. */
export function forecastText(forecast: Forecast): string {
  switch (forecast.kind) {
    case "NO_MAXIMUM":
      return "Ingen prognose (maksimum ikke registreret)";
    case "REACHED":
      return "Maksimum er nået";
    case "NO_PACE":
      return forecast.quartersUsed === 0 ? "For tidligt: intet afsluttet kvartal endnu" : "Intet forbrug i de seneste kvartaler";
    case "DISTANT":
      return "Mere end 100 år ude i tempoet nu";
    case "DATE":
      return `${formatDate(forecast.date)}${forecast.beforeExpiry ? " – før aftalen udløber" : ""}`;
  }
}

/** The pace behind a dated forecast, e.g. "1.250.000,00 kr. pr. kvartal (4 kvartaler)". */
export function paceText(forecast: Forecast): string | null {
  if (forecast.kind !== "DATE" && forecast.kind !== "DISTANT") return null;
  return `${formatMoneyOre(forecast.paceOrePerQuarter)} pr. kvartal (gennemsnit af ${forecast.quartersUsed} ${forecast.quartersUsed === 1 ? "kvartal" : "kvartaler"})`;
}
