/**
 * The quarterly compliance report as rows of one sheet (pure): the ministry's figure, the e-commerce
 * share, each agreement, each agreement per institution, the largest leakage per agreement, each
 * institution, the reservations and the deviations from the cascade. The printable page shows the
 * same data.
 */
import { formatDateShort, formatMoneyOre } from "@/lib/format";
import { shareFraction, type Share } from "./figures";
import type { ReportRow } from "./sheets";

export type ReportLeakage = { supplierCvr: string | null; supplierName: string; amountOre: bigint };

export type ReportData = {
  ministry: { id: number; name: string };
  quarter: string;
  total: Share;
  totalLeakage: ReportLeakage[];
  ecommerce: Share;
  agreements: (Share & {
    agreementId: number;
    reference: string;
    name: string;
    leakage: ReportLeakage[];
    institutions: (Share & { institutionId: number; name: string })[];
  })[];
  institutions: { institutionId: number; name: string; compliance: Share; ecommerce: Share }[];
  reservations: { text: string; createdAt: Date; createdByName: string }[];
  deviations: {
    total: number;
    rows: {
      createdAt: Date;
      institutionName: string;
      categoryCode: string;
      categoryName: string;
      amountOre: bigint;
      recommended: string | null;
      chosen: string | null;
      justification: string | null;
    }[];
  };
};

function leakageNote(leakage: readonly ReportLeakage[], count = 3): string | null {
  if (leakage.length === 0) return null;
  return `Største lækage: ${leakage
    .slice(0, count)
    .map((l) => `${l.supplierName}${l.supplierCvr ? ` (CVR ${l.supplierCvr})` : ""} ${formatMoneyOre(l.amountOre, { wholeKroner: true })}`)
    .join("; ")}`;
}

const figure = (share: Share) => ({ numeratorOre: share.numeratorOre, denominatorOre: share.denominatorOre, share: shareFraction(share) });

export function buildReportRows(data: ReportData): ReportRow[] {
  const rows: ReportRow[] = [];
  rows.push({
    section: "Compliance i alt",
    ...figure(data.total),
    note: `Forpligtende aftaler med køb i kvartalet: ${data.agreements.filter((a) => a.denominatorOre > 0n).length}. ${leakageNote(data.totalLeakage) ?? ""}`.trim(),
  });
  rows.push({ section: "E-handel", ...figure(data.ecommerce), note: "Køb via e-handel / alle køb (forpligtede institutioner)" });
  for (const a of data.agreements) {
    rows.push({
      section: "Aftale",
      reference: a.reference,
      agreement: a.name,
      ...figure(a),
      note: a.denominatorOre === 0n ? "Ingen køb i aftalens kategorier" : leakageNote(a.leakage),
    });
  }
  for (const a of data.agreements) {
    for (const i of a.institutions) {
      rows.push({ section: "Aftale pr. institution", reference: a.reference, agreement: a.name, institution: i.name, ...figure(i) });
    }
  }
  for (const a of data.agreements) {
    for (const l of a.leakage) {
      rows.push({
        section: "Lækage",
        reference: a.reference,
        agreement: a.name,
        supplierCvr: l.supplierCvr,
        supplier: l.supplierName,
        amountOre: l.amountOre,
        share: a.denominatorOre > 0n ? shareFraction({ numeratorOre: l.amountOre, denominatorOre: a.denominatorOre }) : null,
        note: "Andel af aftalens nævner",
      });
    }
  }
  for (const i of data.institutions) {
    rows.push({ section: "Institution, compliance", institution: i.name, ...figure(i.compliance) });
    rows.push({ section: "Institution, e-handel", institution: i.name, ...figure(i.ecommerce) });
  }
  for (const r of data.reservations) {
    rows.push({ section: "Forbehold", note: `${formatDateShort(r.createdAt)}, ${r.createdByName}: ${r.text}` });
  }
  if (data.reservations.length === 0) rows.push({ section: "Forbehold", note: "Ingen forbehold for kvartalet" });
  for (const d of data.deviations.rows) {
    rows.push({
      section: "Afvigelse fra kaskaden",
      institution: d.institutionName,
      agreement: d.chosen ? `Valgt: ${d.chosen}` : "Valgt: eget indkøb",
      reference: d.recommended,
      amountOre: d.amountOre,
      note: `${formatDateShort(d.createdAt)}, ${d.categoryCode} ${d.categoryName}. Anbefalet: ${d.recommended ?? "–"}. Begrundelse: ${d.justification ?? "–"}`,
    });
  }
  if (data.deviations.total > data.deviations.rows.length) {
    rows.push({ section: "Afvigelse fra kaskaden", note: `${data.deviations.total} afvigelser i alt; de ${data.deviations.rows.length} seneste er vist.` });
  }
  if (data.deviations.total === 0) rows.push({ section: "Afvigelse fra kaskaden", note: "Ingen afvigelser registreret i kvartalet" });
  return rows;
}
