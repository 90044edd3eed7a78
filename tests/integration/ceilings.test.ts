import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/types";
import { refreshAgreementUse } from "@/lib/ceilings/refresh";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { quarterFromCode } from "@/lib/purchase-data/quarter";
import { importWithClient } from "@/lib/purchase-data/run";
import { sourceFromFile } from "@/lib/purchase-data/sources";
import { DEMO_NEARLY_EXHAUSTED, DEMO_WITHOUT_MAXIMUM, seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";
import { currentUserByEmail } from "@/tests/support/users";

// The session behind getCurrentUser (next-auth needs a request): each test says who is logged in.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));

let db: TestDatabase;
let prisma: PrismaClient;
let client: pg.Client;
let dir: string;

/** The use tables as rows, in a fixed order: to compare an incremental refresh with a full one. */
async function useTables(): Promise<{ quarters: unknown[]; totals: unknown[] }> {
  const quarters = await client.query(
    `SELECT "agreementId", "supplierId", "quarter", "reportedOre"::text, "estimatedOre"::text, "noSales", "useOre"::text
       FROM "AgreementUseQuarter" ORDER BY 1, 2, 3`,
  );
  const totals = await client.query(`SELECT "agreementId", "reportedOre"::text, "estimatedOre"::text, "useOre"::text FROM "AgreementUse" ORDER BY 1`);
  return { quarters: quarters.rows, totals: totals.rows };
}

/**
 * The use rule computed independently, from the raw data (not SpendRollup): per agreement, supplier
 * and quarter the active report's lines, else the active purchase lines for the supplier's CVR in the
 * agreement's categories (the line's category, else the supplier's), within the agreement's quarters.
 */
async function useFromRawData(): Promise<Map<number, bigint>> {
  const { rows } = await client.query<{ id: number; use: string }>(`
    WITH q AS (SELECT a."id", to_char(a."validFrom", 'YYYY"Q"Q') AS first, to_char(a."validTo", 'YYYY"Q"Q') AS last FROM "Agreement" a),
    rep AS (
      SELECT r."agreementId", r."supplierId", r."quarter", COALESCE((SELECT sum(l."amountOre") FROM "SalesReportLine" l WHERE l."reportId" = r."id"), 0) AS amount
        FROM "SalesReport" r JOIN q ON q."id" = r."agreementId" WHERE r."supersededAt" IS NULL AND r."quarter" >= q.first),
    est AS (
      SELECT x."agreementId", x."supplierId", l."quarter", sum(l."amountOre") AS amount
        FROM "AgreementSupplier" x JOIN q ON q."id" = x."agreementId" JOIN "Supplier" s ON s."id" = x."supplierId"
        JOIN "ActivePurchaseLine" l ON l."supplierCvr" = s."cvr" AND l."quarter" BETWEEN q.first AND q.last
       WHERE EXISTS (SELECT 1 FROM "AgreementCategory" c WHERE c."agreementId" = x."agreementId" AND c."categoryCode" = COALESCE(l."categoryCode", s."categoryCode"))
       GROUP BY 1, 2, 3)
    SELECT a."id", (COALESCE((SELECT sum(amount) FROM rep WHERE rep."agreementId" = a."id"), 0)
                  + COALESCE((SELECT sum(e.amount) FROM est e WHERE e."agreementId" = a."id"
                               AND NOT EXISTS (SELECT 1 FROM rep WHERE rep."agreementId" = e."agreementId" AND rep."supplierId" = e."supplierId" AND rep."quarter" = e."quarter")), 0))::text AS use
      FROM "Agreement" a`);
  return new Map(rows.map((r) => [Number(r.id), BigInt(r.use)]));
}

async function storedUse(): Promise<Map<number, bigint>> {
  const { rows } = await client.query<{ id: number; use: string }>(`SELECT a."id", COALESCE(u."useOre", 0)::text AS use FROM "Agreement" a LEFT JOIN "AgreementUse" u ON u."agreementId" = a."id"`);
  return new Map(rows.map((r) => [Number(r.id), BigInt(r.use)]));
}

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stores a supplier's report as the upload will: the previous active version superseded, then the new one and its lines. */
async function storeReport(report: { agreementId: number; supplierId: number; quarter: string; amounts: bigint[]; institutionId: number; categoryCode: string }) {
  const adminId = (await prisma.user.findUniqueOrThrow({ where: { email: "admin@demo.example.dk" } })).id;
  await client.query(`UPDATE "SalesReport" SET "supersededAt" = now() WHERE "agreementId" = $1 AND "supplierId" = $2 AND "quarter" = $3 AND "supersededAt" IS NULL`, [
    report.agreementId,
    report.supplierId,
    report.quarter,
  ]);
  const total = report.amounts.reduce((a, b) => a + b, 0n);
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO "SalesReport" ("agreementId", "supplierId", "quarter", "channel", "noSales", "lineCount", "totalOre", "submittedById")
     VALUES ($1, $2, $3, 'CSV', $4, $5, $6, $7) RETURNING "id"`,
    [report.agreementId, report.supplierId, report.quarter, report.amounts.length === 0, report.amounts.length, total.toString(), adminId],
  );
  for (const amount of report.amounts) {
    await client.query(
      `INSERT INTO "SalesReportLine" ("reportId", "agreementId", "supplierId", "quarter", "institutionId", "customerCvr", "categoryCode", "amountOre")
       SELECT $1, $2, $3, $4, i."id", i."cvr", $6, $7 FROM "Institution" i WHERE i."id" = $5`,
      [rows[0]!.id, report.agreementId, report.supplierId, report.quarter, report.institutionId, report.categoryCode, amount.toString()],
    );
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.url, { purchaseLinesPerQuarter: 400 });
  prisma = createPrismaClient(db.url);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  dir = mkdtempSync(path.join(tmpdir(), "sip-ceilings-"));
  process.env.DATABASE_URL = db.url;
});

afterAll(async () => {
  await (globalThis as { purchaseImportPool?: pg.Pool }).purchaseImportPool?.end();
  await client?.end();
  await prisma?.$disconnect();
  await (await import("@/lib/db/client")).prisma.$disconnect();
  rmSync(dir, { recursive: true, force: true });
  await db?.drop();
});

describe("the demo's ceilings", () => {
  it("gives most agreements a maximum, leaves one without, and has one close to it with both warnings given to the agency", async () => {
    const agreements = await prisma.agreement.findMany({ select: { reference: true, kind: true, maximumValueOre: true, estimatedValueOre: true } });
    const central = agreements.filter((a) => a.kind !== "OWN");
    expect(central.filter((a) => a.maximumValueOre === null).map((a) => a.reference)).toEqual([DEMO_WITHOUT_MAXIMUM]);
    expect(central.every((a) => a.maximumValueOre === null || (a.estimatedValueOre !== null && a.estimatedValueOre <= a.maximumValueOre))).toBe(true);
    const nearly = await prisma.agreement.findUniqueOrThrow({ where: { reference: DEMO_NEARLY_EXHAUSTED }, include: { ceilingWarnings: true } });
    expect(nearly.ceilingWarnings.map((w) => [w.level, w.percent])).toEqual([
      [1, 80],
      [2, 95],
    ]);
    const admins = await prisma.user.count({ where: { role: "ADMIN", active: true } });
    expect(await prisma.outboxMessage.count({ where: { link: `/aftaler/${nearly.id}` } })).toBe(2 * admins);
  });
});

describe("use to date, in SQL", () => {
  it("agrees with the rule computed from the raw purchase lines and reports", async () => {
    expect(await storedUse()).toEqual(await useFromRawData());
  });

  it("an incremental refresh per report gives what a full refresh gives; reports replace the estimate; no-sales covers the quarter", async () => {
    const next = random(14);
    const pairs = await client.query<{ agreementId: number; supplierId: number; categoryCode: string; validFrom: string }>(
      `SELECT x."agreementId", x."supplierId", (SELECT min(c."categoryCode") FROM "AgreementCategory" c WHERE c."agreementId" = x."agreementId") AS "categoryCode",
              a."validFrom"::text AS "validFrom"
         FROM "AgreementSupplier" x JOIN "Agreement" a ON a."id" = x."agreementId" WHERE a."kind" <> 'OWN' ORDER BY 1, 2`,
    );
    const estimated = await client.query<{ agreementId: number; supplierId: number; quarter: string; estimatedOre: string }>(
      `SELECT "agreementId", "supplierId", "quarter", "estimatedOre"::text FROM "AgreementUseQuarter" WHERE "reportedOre" IS NULL AND "estimatedOre" > 0 ORDER BY 1, 2, 3 LIMIT 1`,
    );
    const institution = (await prisma.institution.findFirstOrThrow({ orderBy: { id: "asc" } })).id;
    const quarters = ["2025Q4", "2026Q1", "2026Q2", "2026Q3"];

    // A report where the purchase data gave an estimate: the report counts instead.
    const cell = estimated.rows[0]!;
    const category = pairs.rows.find((p) => p.agreementId === cell.agreementId)!.categoryCode;
    await storeReport({ ...cell, amounts: [123_45n], institutionId: institution, categoryCode: category });
    await refreshAgreementUse(client, { agreementIds: [cell.agreementId], supplierIds: [cell.supplierId], quarter: cell.quarter });
    const replaced = await prisma.agreementUseQuarter.findUniqueOrThrow({ where: { agreementId_supplierId_quarter: { agreementId: cell.agreementId, supplierId: cell.supplierId, quarter: cell.quarter } } });
    expect(replaced).toMatchObject({ reportedOre: 123_45n, estimatedOre: BigInt(cell.estimatedOre), useOre: 123_45n });
    // "No sales": the quarter is covered, the purchase data no longer count.
    await storeReport({ ...cell, amounts: [], institutionId: institution, categoryCode: category });
    await refreshAgreementUse(client, { agreementIds: [cell.agreementId], supplierIds: [cell.supplierId], quarter: cell.quarter });
    expect(await prisma.agreementUseQuarter.findUniqueOrThrow({ where: { agreementId_supplierId_quarter: { agreementId: cell.agreementId, supplierId: cell.supplierId, quarter: cell.quarter } } })).toMatchObject({
      reportedOre: 0n,
      noSales: true,
      useOre: 0n,
    });

    // Many reports, new and corrected, each followed by its own incremental refresh.
    for (let step = 0; step < 40; step++) {
      const pair = pairs.rows[Math.floor(next() * pairs.rows.length)]!;
      const quarter = quarters[Math.floor(next() * quarters.length)]!;
      const lines = Math.floor(next() * 4);
      const amounts = Array.from({ length: lines }, () => BigInt(Math.floor(next() * 5_000_000)));
      await storeReport({ agreementId: pair.agreementId, supplierId: pair.supplierId, quarter, amounts, institutionId: institution, categoryCode: pair.categoryCode });
      await refreshAgreementUse(client, { agreementIds: [pair.agreementId], supplierIds: [pair.supplierId], quarter });
    }
    const incremental = await useTables();
    await refreshAgreementUse(client);
    expect(await useTables()).toEqual(incremental);
    expect(await storedUse()).toEqual(await useFromRawData());
  });

  it("purchase data landing through the import update the estimate of the supplier's agreements, and a correction takes it back", async () => {
    const { rows } = await client.query<{ agreementId: number; supplierId: number; cvr: string; name: string; categoryCode: string }>(
      `SELECT x."agreementId", x."supplierId", s."cvr", s."name", c."categoryCode"
         FROM "AgreementSupplier" x JOIN "Agreement" a ON a."id" = x."agreementId" JOIN "Supplier" s ON s."id" = x."supplierId"
         JOIN "AgreementCategory" c ON c."agreementId" = a."id"
        WHERE a."kind" <> 'OWN' AND a."validFrom" <= '2026-07-01' AND a."validTo" >= '2026-09-30'
        ORDER BY a."id", s."id" LIMIT 1`,
    );
    const target = rows[0]!;
    // A supplier that has not reported the quarter: the purchase data are the estimate (the demo seed reports every pair).
    await client.query(`DELETE FROM "SalesReport" WHERE "agreementId" = $1 AND "supplierId" = $2 AND "quarter" = '2026Q3'`, [target.agreementId, target.supplierId]);
    await refreshAgreementUse(client, { agreementIds: [target.agreementId], supplierIds: [target.supplierId], quarter: "2026Q3" });
    const institution = await prisma.institution.findFirstOrThrow({ where: { dataChannel: "MANUAL", customerType: "OBLIGATED" }, orderBy: { id: "asc" } });
    const quarter = quarterFromCode("2026Q3")!;
    const csv = (amount: string) =>
      [
        "År;Kvartal;Virk_CVR;Virksomhedsnavn;Kategorikode;Indkøbskategori;Kreditor_CVR;Kreditor_Navn;Beløb",
        `2026; 3; ${institution.cvr}; Institution; ${target.categoryCode}; Kategori; ${target.cvr}; ${target.name.slice(0, 50)}; ${amount}`,
      ].join("\r\n") + "\r\n";
    const submit = async (content: string) => {
      const file = path.join(dir, `upload-${Date.now()}-${Math.random()}.csv`);
      writeFileSync(file, content);
      return importWithClient(client, {
        quarter,
        channel: "MANUAL",
        actorId: null,
        source: await sourceFromFile(file, path.basename(file)),
        today: "2026-11-22",
        scope: { channel: "MANUAL", institutionIds: new Set([institution.id]), outsideMessage: "Kun egen institution" },
      });
    };
    const before = (await storeduseOf(target.agreementId)) ?? 0n;
    expect((await submit(csv("1.000.000,00"))).ok).toBe(true);
    const withBig = await storeduseOf(target.agreementId);
    expect(await storedUse()).toEqual(await useFromRawData());
    expect(withBig).toBeGreaterThan(before);
    // A corrected submission without the supplier: its estimate goes back down, to what the raw data say.
    expect((await submit(csv("1,00").replace(target.cvr, "13748136"))).ok).toBe(true);
    expect(await storedUse()).toEqual(await useFromRawData());
    expect(await storeduseOf(target.agreementId)).toBeLessThan(withBig!);
  });
});

async function storeduseOf(agreementId: number): Promise<bigint | undefined> {
  return (await prisma.agreementUse.findUnique({ where: { agreementId } }))?.useOre;
}

describe("the cascade at the ceiling", () => {
  it("ADMIN lowers a maximum below the use: the agency is warned, the buyer's need goes to the next tier with the rule named, and room is shown", async () => {
    const admin = await currentUserByEmail(prisma, "admin@demo.example.dk");
    const buyer = await currentUserByEmail(prisma, "koeber.stat@demo.example.dk");
    const { saveAgreement, agreementSnapshot, agreementInclude } = await import("@/lib/catalogue/admin");
    const decisions = await import("@/lib/cascade/decisions");
    const { decisionJson } = await import("@/lib/cascade/api");
    const software = await prisma.agreement.findUniqueOrThrow({ where: { reference: "SIP 10.02" }, include: agreementInclude });
    const use = (await prisma.agreementUse.findUniqueOrThrow({ where: { agreementId: software.id } })).useOre;
    expect(use).toBeGreaterThan(100n);
    const need = { category: "1440", amountOre: 50_000_00n, date: "2026-11-22", institutionId: null };

    expect((await decisions.evaluateNeed(buyer, need)).decision.recommended?.reference).toBe("SIP 10.02");

    const snapshot = agreementSnapshot(software);
    const form = { ...snapshot, id: software.id, validFrom: software.validFrom, validTo: software.validTo, estimatedValueOre: null, maximumValueOre: use - 1n };
    await saveAgreement(admin, form);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "agreement.update", entityId: String(software.id) }, orderBy: { id: "desc" } });
    expect(audit.after).toMatchObject({ maximumValueOre: (use - 1n).toString() });
    expect(await prisma.ceilingWarning.count({ where: { agreementId: software.id } })).toBe(2);
    expect(await prisma.outboxMessage.findFirst({ where: { link: `/aftaler/${software.id}`, subject: { contains: "har nået sin maksimale værdi" } } })).not.toBeNull();

    const exhausted = await decisions.evaluateNeed(buyer, need);
    const candidate = exhausted.decision.tiers[0].candidates.find((c) => c.reference === "SIP 10.02")!;
    expect(candidate).toMatchObject({ usable: false, reasons: ["CEILING_REACHED"], ceiling: { remainingOre: "0" } });
    expect(exhausted.decision.recommended).toMatchObject({ reference: "SKI 02.06", tier: 2 });
    expect(exhausted.explanation.reasonTexts.CEILING_REACHED).toMatch(/C-216\/17 og C-23\/20/);
    expect(exhausted.explanation.notes.join(" ")).toMatch(/Standardsoftware \(SIP 10\.02\): maksimal værdi .* der er intet tilbage/);
    const json = decisionJson(exhausted.explanation);
    expect(json.tiers[0]!.candidates.find((c) => c.reference === "SIP 10.02")).toMatchObject({ usable: false, ceiling: { remainingOre: "0" } });

    // Room for a small need, not for a large one.
    await saveAgreement(admin, { ...form, maximumValueOre: use + 10_000_00n });
    expect((await decisions.evaluateNeed(buyer, { ...need, amountOre: 10_000_00n })).decision.recommended?.reference).toBe("SIP 10.02");
    const large = await decisions.evaluateNeed(buyer, { ...need, amountOre: 10_000_01n });
    expect(large.decision.tiers[0].candidates.find((c) => c.reference === "SIP 10.02")).toMatchObject({ reasons: ["CEILING_EXCEEDED"], ceiling: { remainingOre: "1000000" } });
    expect(large.explanation.notes.join(" ")).toContain("der er 10.000,00\u00a0kr. tilbage");

    // Recording stores the explanation as shown, with the reason.
    session.user = buyer;
    const recorded = await decisions.recordDecision(buyer, { ...need, amountOre: 10_000_01n }, { agreementId: large.decision.recommended!.agreementId, justification: "", shown: null });
    const stored = await prisma.cascadeDecision.findUniqueOrThrow({ where: { id: recorded.id } });
    expect(JSON.stringify(stored.explanation)).toContain("CEILING_EXCEEDED");
    // The warnings were given once: no more for the same agreement.
    expect(await prisma.ceilingWarning.count({ where: { agreementId: software.id } })).toBe(2);
  });

  it("ADMIN changes the thresholds with audit; a lower threshold warns the agreements already past it", async () => {
    const admin = await currentUserByEmail(prisma, "admin@demo.example.dk");
    const { saveCeilingThresholds } = await import("@/lib/ceilings/settings");
    const warningsBefore = await prisma.ceilingWarning.count();
    expect(await saveCeilingThresholds(admin, { firstPercent: 1, secondPercent: 2 })).toMatch(/Tærsklerne er gemt: 1 % og 2 %\. \d+ advarsler er sendt/);
    expect(await prisma.ceilingWarning.count()).toBeGreaterThan(warningsBefore);
    expect(await prisma.auditLog.findFirst({ where: { action: "ceilings.thresholds" } })).toMatchObject({ before: { firstPercent: 80, secondPercent: 95 }, after: { firstPercent: 1, secondPercent: 2 } });
    expect(await saveCeilingThresholds(admin, { firstPercent: 1, secondPercent: 2 })).toBe("Der var ingen ændringer at gemme.");
    await saveCeilingThresholds(admin, { firstPercent: 80, secondPercent: 95 });
  });
});

describe("the agency's overview", () => {
  it("lists every agreement with use, percent, state and forecast; filters and sorts", async () => {
    const { overviewRows, filterAndSortOverview, readThresholds } = await import("@/lib/ceilings/figures");
    const thresholds = await readThresholds(client);
    const rows = await overviewRows(client, "2026-11-22", thresholds);
    expect(rows).toHaveLength(await prisma.agreement.count());
    const params = { q: "", sort: "percent", dir: "desc", page: 1 } as const;
    const sorted = filterAndSortOverview(rows, params);
    // Highest share of the maximum first, agreements without a maximum last (which one leads depends on the demo reports).
    const shares = sorted.map((r) => r.basisPoints ?? -1);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    expect(sorted[0]!.state).toMatch(/^(EXHAUSTED|SECOND_WARNING)$/);
    expect(filterAndSortOverview(rows, { ...params, state: "NO_MAXIMUM" }).map((r) => r.reference)).toContain(DEMO_WITHOUT_MAXIMUM);
    const warned = filterAndSortOverview(rows, { ...params, state: "WARNED" });
    expect(warned.every((r) => r.state === "FIRST_WARNING" || r.state === "SECOND_WARNING")).toBe(true);
    expect(warned).toHaveLength(rows.filter((r) => !r.retired && (r.state === "FIRST_WARNING" || r.state === "SECOND_WARNING")).length);
    expect(rows.filter((r) => r.state === "EXHAUSTED").every((r) => r.forecast.kind === "REACHED")).toBe(true);
    expect(rows.filter((r) => r.maximumOre === null).every((r) => r.forecast.kind === "NO_MAXIMUM")).toBe(true);
  });
});
