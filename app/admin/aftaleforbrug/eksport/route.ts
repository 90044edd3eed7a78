import { withPermission } from "@/lib/auth/guard";
import { filterAndSortOverview, overviewRows, readThresholds } from "@/lib/ceilings/figures";
import { forecastText } from "@/lib/ceilings/labels";
import { parseOverviewParams } from "@/lib/ceilings/params";
import { ceilingStateLabel } from "@/lib/ceilings/state";
import { prisma } from "@/lib/db/client";
import { copenhagenToday } from "@/lib/purchase-data/quarter";
import { xlsxResponse } from "@/lib/xlsx/writer";

export const dynamic = "force-dynamic";

/** Kroner (a number for Excel) from øre. */
const kroner = (ore: bigint | null) => (ore === null ? null : Number(ore) / 100);

/** The agency's overview as xlsx, with the page's filter and sort (all rows, not one page). */
export const GET = withPermission("ceilings.view", async (request: Request) => {
  const params = parseOverviewParams(Object.fromEntries(new URL(request.url).searchParams));
  const thresholds = await readThresholds(prisma);
  const rows = filterAndSortOverview(await overviewRows(prisma, copenhagenToday(), thresholds), params);
  return xlsxResponse(
    "aftalernes-forbrug.xlsx",
    {
      sheetName: "Forbrug",
      title: "Aftalernes forbrug og maksimale værdi – Statens Indkøbsprogram",
      columns: [
        { header: "Reference", type: "text", width: 14, value: (r) => r.reference },
        { header: "Aftale", type: "text", width: 40, value: (r) => r.name },
        { header: "Gyldig fra", type: "date", width: 12, value: (r) => r.validFrom },
        { header: "Gyldig til", type: "date", width: 12, value: (r) => r.validTo },
        { header: "Anslået værdi (kr.)", type: "number", width: 18, value: (r) => kroner(r.estimatedValueOre) },
        { header: "Maksimal værdi (kr.)", type: "number", width: 18, value: (r) => kroner(r.maximumOre) },
        { header: "Forbrug til dato (kr.)", type: "number", width: 18, value: (r) => kroner(r.useOre) },
        { header: "Heraf indberettet (kr.)", type: "number", width: 18, value: (r) => kroner(r.reportedOre) },
        { header: "Heraf skøn (kr.)", type: "number", width: 18, value: (r) => kroner(r.estimatedOre) },
        { header: "Procent af maksimum", type: "number", width: 12, value: (r) => (r.basisPoints === null ? null : r.basisPoints / 100) },
        { header: "Prognose", type: "text", width: 34, value: (r) => forecastText(r.forecast) },
        { header: "Tilstand", type: "text", width: 26, value: (r) => ceilingStateLabel(r.state, thresholds) },
        { header: "Udgået", type: "text", width: 8, value: (r) => r.retired },
      ],
    },
    rows,
  );
}, { limit: { rate: "files", heavy: true }, audit: "export" });
