import type { SqlConnection } from "./connection";
import type { RefInstitution, RefMembership, ReferenceData } from "./rows";

/**
 * Reads what the row checks look up, once per import and inside its transaction: institutions with
 * their ministry periods, EAN locations, categories and the suppliers' category mapping. Small
 * tables (thousands of rows at most), so held in memory.
 */
export async function loadReferenceData(conn: SqlConnection): Promise<ReferenceData> {
  const institutions = await conn.query<{ id: number; cvr: string; name: string; channel: string; ministryId: number; memberships: string }>(
    `SELECT i."id", i."cvr", i."name", i."dataChannel"::text AS channel, i."ministryId",
            COALESCE((SELECT json_agg(json_build_object('ministryId', m."ministryId", 'validFrom', m."validFrom"::text,
                                                        'validTo', m."validTo"::text) ORDER BY m."validFrom")
                        FROM "InstitutionMembership" m WHERE m."institutionId" = i."id"), '[]')::text AS memberships
       FROM "Institution" i`,
  );
  const byId = new Map<number, RefInstitution>();
  const byCvr = new Map<string, RefInstitution>();
  for (const row of institutions.rows) {
    const institution: RefInstitution = {
      id: Number(row.id),
      cvr: row.cvr,
      name: row.name,
      dataChannel: row.channel === "SKS" ? "SKS" : "MANUAL",
      ministryId: Number(row.ministryId),
      memberships: (JSON.parse(row.memberships) as RefMembership[]).map((m) => ({
        ministryId: Number(m.ministryId),
        validFrom: m.validFrom,
        validTo: m.validTo,
      })),
    };
    byId.set(institution.id, institution);
    byCvr.set(institution.cvr, institution);
  }
  const byEan = new Map<string, RefInstitution>();
  for (const row of (await conn.query<{ ean: string; institutionId: number }>(`SELECT "ean", "institutionId" FROM "EanLocation"`)).rows) {
    const institution = byId.get(Number(row.institutionId));
    if (institution) byEan.set(row.ean, institution);
  }
  const categories = new Set((await conn.query<{ code: string }>(`SELECT "code" FROM "Category"`)).rows.map((r) => r.code));
  const supplierCategories = new Map<string, string | null>(
    (await conn.query<{ cvr: string; categoryCode: string | null }>(`SELECT "cvr", "categoryCode" FROM "Supplier"`)).rows.map((r) => [
      r.cvr,
      r.categoryCode,
    ]),
  );
  return { institutionsByCvr: byCvr, institutionsByEan: byEan, categories, supplierCategories };
}
