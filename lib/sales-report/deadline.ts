import "server-only";
import { type Db, prisma } from "@/lib/db/client";
import type { SqlConnection } from "@/lib/purchase-data/connection";
import type { Quarter } from "@/lib/purchase-data/quarter";
import { defaultSupplierDeadline, type SupplierQuarterWindow } from "./deadline-rules";

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The quarter's reporting window for one supplier: ADMIN's deadline (or the default) and any reopening. */
export async function supplierQuarterWindow(supplierId: number, quarter: Quarter, db: Db = prisma): Promise<SupplierQuarterWindow> {
  const [deadline, reopening] = await Promise.all([
    db.supplierDeadline.findUnique({ where: { quarter: quarter.code } }),
    db.salesReportReopening.findUnique({ where: { supplierId_quarter: { supplierId, quarter: quarter.code } } }),
  ]);
  return {
    deadline: deadline ? iso(deadline.deadline) : defaultSupplierDeadline(quarter),
    reopenedUntil: reopening ? iso(reopening.until) : null,
  };
}

/** supplierQuarterWindow on a report's own SQL connection (the store's transaction). */
export async function supplierQuarterWindowSql(conn: SqlConnection, supplierId: number, quarter: Quarter): Promise<SupplierQuarterWindow> {
  const { rows } = await conn.query<{ deadline: string | null; until: string | null }>(
    `SELECT (SELECT "deadline"::text FROM "SupplierDeadline" WHERE "quarter" = $1) AS "deadline",
            (SELECT "until"::text FROM "SalesReportReopening" WHERE "supplierId" = $2 AND "quarter" = $1) AS "until"`,
    [quarter.code, supplierId],
  );
  return { deadline: rows[0]?.deadline ?? defaultSupplierDeadline(quarter), reopenedUntil: rows[0]?.until ?? null };
}
