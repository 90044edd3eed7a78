/**
 * The line trail's query: which figure's lines to list. Pure (URL in, filter out, filter to URL), so
 * that every percentage on the compliance pages can link to exactly the lines it was computed from.
 *
 *   /compliance/<ministry>/linjer?kvartal=2026Q3&aftale=14&del=udenfor&institution=3&cvr=12345678
 *
 *   figur   "aftale" (compliance on an agreement; without aftale: on every measured agreement, a line
 *           once per agreement it counts for) or "ehandel" (the e-commerce share)
 *   del     aftale:  "alle" (the denominator), "aftale" (the numerator), "udenfor" (leakage)
 *           ehandel: "alle" (all spend), "ehandel" (e-commerce), "ikke-ehandel"
 *   cvr / leverandoer   one supplier (by CVR; by name for lines without CVR)
 */
import { firstParam, isQuarterCode, parsePage, queryString } from "./figures";

export type TrailFigure = "aftale" | "ehandel";
export type TrailPart = "alle" | "aftale" | "udenfor" | "ehandel" | "ikke-ehandel";

export type TrailFilter = {
  ministryId: number;
  quarter: string;
  figure: TrailFigure;
  agreementId: number | null;
  institutionId: number | null;
  part: TrailPart;
  supplierCvr: string | null;
  supplierName: string | null;
};

const PARTS: Record<TrailFigure, readonly TrailPart[]> = {
  aftale: ["alle", "aftale", "udenfor"],
  ehandel: ["alle", "ehandel", "ikke-ehandel"],
};

function positiveId(value: string | undefined): number | null {
  if (!value || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= 2_147_483_647 ? id : null;
}

type Raw = Record<string, string | string[] | undefined>;

/** The filter from the URL, or null when it names no figure (no or bad quarter). */
export function parseTrail(ministryId: number, raw: Raw): { filter: TrailFilter; page: number } | null {
  const quarter = firstParam(raw.kvartal);
  if (!isQuarterCode(quarter)) return null;
  const agreementId = positiveId(firstParam(raw.aftale));
  const figure: TrailFigure = firstParam(raw.figur) === "ehandel" ? "ehandel" : "aftale";
  const part = firstParam(raw.del) as TrailPart | undefined;
  const cvr = firstParam(raw.cvr)?.replace(/\s/g, "") ?? "";
  const name = firstParam(raw.leverandoer)?.trim().slice(0, 200) ?? "";
  return {
    filter: {
      ministryId,
      quarter,
      figure,
      agreementId: figure === "aftale" ? agreementId : null,
      institutionId: positiveId(firstParam(raw.institution)),
      part: part && PARTS[figure].includes(part) ? part : "alle",
      supplierCvr: /^\d{8}$/.test(cvr) ? cvr : null,
      supplierName: /^\d{8}$/.test(cvr) || name === "" ? null : name,
    },
    page: parsePage(firstParam(raw.side)),
  };
}

/** The filter without its ministry (which is in the path). */
export function withoutMinistry(filter: TrailFilter): Omit<TrailFilter, "ministryId"> {
  return {
    quarter: filter.quarter,
    figure: filter.figure,
    agreementId: filter.agreementId,
    institutionId: filter.institutionId,
    part: filter.part,
    supplierCvr: filter.supplierCvr,
    supplierName: filter.supplierName,
  };
}

/** The query string of a filter (and page), the inverse of parseTrail. */
export function trailQuery(filter: Omit<TrailFilter, "ministryId">, page = 1): string {
  return queryString({
    kvartal: filter.quarter,
    figur: filter.figure === "aftale" ? null : filter.figure,
    aftale: filter.agreementId,
    institution: filter.institutionId,
    del: filter.part === "alle" ? null : filter.part,
    cvr: filter.supplierCvr,
    leverandoer: filter.supplierCvr ? null : filter.supplierName,
    side: page > 1 ? page : null,
  });
}

/** The trail page of a figure. */
export function trailHref(ministryId: number, filter: Partial<Omit<TrailFilter, "ministryId">> & { quarter: string }, page = 1): string {
  const full: Omit<TrailFilter, "ministryId"> = {
    figure: "aftale",
    agreementId: null,
    institutionId: null,
    part: "alle",
    supplierCvr: null,
    supplierName: null,
    ...filter,
  };
  return `/compliance/${ministryId}/linjer${trailQuery(full, page)}`;
}

/** The lines of one supplier of a leakage list (by CVR; by name when the lines have none). */
export function supplierFilter(supplier: { supplierCvr: string | null; supplierName: string }): Pick<TrailFilter, "supplierCvr" | "supplierName"> {
  return supplier.supplierCvr ? { supplierCvr: supplier.supplierCvr, supplierName: null } : { supplierCvr: null, supplierName: supplier.supplierName };
}

/** What the lines are, in Danish, for the page heading and the export's title. */
export function trailTitle(filter: TrailFilter, names: { agreement?: string; institution?: string; ministry: string }): string {
  const parts: string[] = [];
  if (filter.figure === "aftale") {
    parts.push(
      filter.part === "aftale"
        ? `Køb hos aftalens leverandører (tæller)`
        : filter.part === "udenfor"
          ? `Køb uden for aftalen (lækage)`
          : `Alle køb i aftalens kategorier (nævner)`,
    );
    parts.push(names.agreement ?? "alle forpligtende aftaler");
  } else {
    parts.push(filter.part === "ehandel" ? "Køb via e-handel (tæller)" : filter.part === "ikke-ehandel" ? "Køb uden om e-handel" : "Alle køb (nævner for e-handel)");
  }
  parts.push(names.institution ?? names.ministry);
  if (filter.supplierCvr) parts.push(`leverandør CVR ${filter.supplierCvr}`);
  else if (filter.supplierName) parts.push(`leverandør «${filter.supplierName}»`);
  return parts.join(", ");
}
