import { NextResponse } from "next/server";
import { withPermission } from "@/lib/auth/guard";
import { agreementWhere } from "@/lib/auth/scope";
import { prisma } from "@/lib/db/client";
import { parseId } from "@/lib/parse-id";
import { quarterFromCode } from "@/lib/purchase-data/quarter";
import { agreementCustomers } from "@/lib/sales-report/queries";
import { salesTemplateWorkbook } from "@/lib/sales-report/template";
import { xlsxHeaders } from "@/lib/xlsx/writer";

/** The xlsx template of a sales report for an agreement the supplier is on (its categories and customers as pick lists). */
export const GET = withPermission(
  "salesReport.submit",
  async (_request, context: RouteContext<"/omsaetning/[agreementId]/[quarter]/skabelon">, user) => {
    const params = await context.params;
    const id = parseId(params.agreementId);
    const quarter = quarterFromCode(params.quarter);
    const agreement =
      id === null || !quarter
        ? null
        : await prisma.agreement.findFirst({
            where: agreementWhere(user, { id }),
            select: { id: true, reference: true, name: true, categories: { select: { category: { select: { code: true, name: true } } }, orderBy: { categoryCode: "asc" } } },
          });
    if (!agreement || !quarter) return NextResponse.json({ error: "Aftalen findes ikke." }, { status: 404 });
    const data = await salesTemplateWorkbook(
      { reference: agreement.reference, name: agreement.name, categories: agreement.categories.map((c) => c.category), customers: await agreementCustomers(agreement.id) },
      quarter.code,
    );
    return new Response(new Uint8Array(data), { headers: xlsxHeaders(`omsaetning-${agreement.reference.replace(/[^\w.-]+/g, "-")}-${quarter.code}.xlsx`) });
  },
  { limit: { rate: "files" } },
);
