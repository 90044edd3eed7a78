import { queryString } from "@/lib/compliance/figures";
import type { ComplianceNavItem } from "./ComplianceNav";

/** The links of a ministry's compliance pages. */
export function ministryNav(ministryId: number, quarter: string | null, current: "oversigt" | "rapport" | "udbud" | "rapporter" | null): ComplianceNavItem[] {
  const q = queryString({ kvartal: quarter });
  return [
    { href: `/compliance/${ministryId}${q}`, label: "Oversigt", current: current === "oversigt" },
    { href: `/compliance/${ministryId}/rapport${q}`, label: "Kvartalsrapport", current: current === "rapport" },
    { href: `/compliance/udbud${queryString({ ministerium: ministryId })}`, label: "Udbudsforberedelse", current: current === "udbud" },
    { href: "/compliance/rapporter", label: "Udsendte rapporter", current: current === "rapporter" },
  ];
}
