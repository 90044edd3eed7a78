/**
 * Reconciliation to the øre: generated purchase data and sales reports, reconciled twice, by the SQL
 * refresh (migration 20261205200000_reconciliation through lib/reconciliation/refresh.ts) and by an
 * independent plain TypeScript computation over the same generated data (never read back from the
 * database), compared row by row: per quarter x supplier x agreement x customer the reported and the
 * purchased amounts, line counts, difference, status and whether the customer is party.
 *
 * The data: two ministries, obligated institutions (manual and SKS, with SUPERSEDED manual submissions
 * of large amounts that must not count and several active SKS batches), voluntary customers on a phase 8
 * agreement with and without an approved enrolment and on a phase 11 agreement (no enrolment needed),
 * an obligated institution that is not party; lines without category (the supplier's mapping applies),
 * without CVR, with an unknown CVR, credit notes; suppliers on two agreements; an expired agreement and
 * an own agreement (neither is reconciled); superseded report versions, a "no sales" report, sales to
 * non-parties, customers not reported and sales without purchases.
 * Then: incremental refreshes after changes on either side equal the full recompute, the party
 * trigger, the tolerance, the staleness check, the deadline rule in SQL, the scopes, and the
 * late-report notice (twice: sent once).
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPurchaseLines } from "@/lib/db/bulk-insert";
import { fictitiousCvrs } from "@/lib/domain/identifiers";
import { refreshCompliance } from "@/lib/compliance/rollup";
import { quarterFromCode } from "@/lib/purchase-data/quarter";
import { defaultSupplierDeadline } from "@/lib/sales-report/deadline-rules";
import { reconciliationStatus, type Tolerance } from "@/lib/reconciliation/rules";
import {
  applyReconciliationTolerance,
  refreshReconciliation,
  refreshReconciliationForReport,
  refreshReconciliationForSubmission,
  refreshStaleReconciliation,
  staleReconciliationQuarters,
} from "@/lib/reconciliation/refresh";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

// ---------------------------------------------------------------------------------------------
// The world, in plain data
// ---------------------------------------------------------------------------------------------

type Inst = { key: string; id?: number; ministry: "M1" | "M2"; customerType: "OBLIGATED" | "VOLUNTARY"; sks: boolean; noPurchaseData?: true };
type Supp = { key: string; id?: number; cvr: string; category: string | null };
type Agr = { key: string; id?: number; kind: "MANDATORY_CENTRAL" | "VOLUNTARY_CENTRAL" | "OWN"; phase: number; validFrom: string; validTo: string; categories: string[]; suppliers: string[]; owner?: string };
type Party = { agreement: string; institution: string; source: "OBLIGATED" | "PHASE_JOIN" | "ENROLMENT" | "OWNER" };
type Enrol = { agreement: string; institution: string; status: "PENDING" | "APPROVED" };
type Sub = { id: number; institution: string; quarter: string; status: "ACTIVE" | "SUPERSEDED" };
type Line = { submission: number; institution: string; quarter: string; supplierCvr: string | null; categoryCode: string | null; amountOre: bigint };
type Report = { id: number; agreement: string; supplier: string; quarter: string; active: boolean; noSales: boolean };
type RLine = { report: number; institution: string; categoryCode: string; amountOre: bigint };

const QUARTERS = ["2026Q2", "2026Q3"];
const CATEGORIES = ["1410", "1150", "1920", "1210"];
const cvrs = fictitiousCvrs(40, 3_300_000);

const INSTITUTIONS: Inst[] = [
  { key: "o1", ministry: "M1", customerType: "OBLIGATED", sks: false },
  { key: "o2", ministry: "M1", customerType: "OBLIGATED", sks: true },
  { key: "o3", ministry: "M1", customerType: "OBLIGATED", sks: false },
  { key: "o4", ministry: "M2", customerType: "OBLIGATED", sks: false },
  { key: "o5", ministry: "M2", customerType: "OBLIGATED", sks: true },
  { key: "o6", ministry: "M2", customerType: "OBLIGATED", sks: false },
  // Voluntary customers: v1 enrolled (approved) on the phase 8 agreement, v2 party by phase but only a
  // pending enrolment (not party), v3 party to nothing but the phase 11 agreement.
  { key: "v1", ministry: "M2", customerType: "VOLUNTARY", sks: false },
  { key: "v2", ministry: "M2", customerType: "VOLUNTARY", sks: false },
  { key: "v3", ministry: "M1", customerType: "VOLUNTARY", sks: false },
  // A voluntary customer that reports no purchase data at all (sales to it are the supplier's only).
  { key: "v4", ministry: "M1", customerType: "VOLUNTARY", sks: false, noPurchaseData: true },
];
const SUPPLIERS: Supp[] = [
  { key: "s1", cvr: cvrs[0]!, category: "1410" },
  { key: "s2", cvr: cvrs[1]!, category: "1150" },
  { key: "s3", cvr: cvrs[2]!, category: null },
  { key: "s4", cvr: cvrs[3]!, category: "1920" }, // on no agreement
];
const UNKNOWN_CVR = cvrs[10]!;
const AGREEMENTS: Agr[] = [
  { key: "a8", kind: "MANDATORY_CENTRAL", phase: 8, validFrom: "2023-01-01", validTo: "2027-12-31", categories: ["1410"], suppliers: ["s1", "s3"] },
  { key: "a10", kind: "MANDATORY_CENTRAL", phase: 10, validFrom: "2024-01-01", validTo: "2027-12-31", categories: ["1150"], suppliers: ["s2"] },
  { key: "a11", kind: "VOLUNTARY_CENTRAL", phase: 11, validFrom: "2025-01-01", validTo: "2028-12-31", categories: ["1920", "1210"], suppliers: ["s1", "s3"] },
  // Expired before the quarters: not reconciled (no report for it).
  { key: "old", kind: "MANDATORY_CENTRAL", phase: 8, validFrom: "2019-01-01", validTo: "2022-12-31", categories: ["1410"], suppliers: ["s1"] },
  { key: "own", kind: "OWN", phase: 11, validFrom: "2024-01-01", validTo: "2028-12-31", categories: ["1920"], suppliers: ["s3"], owner: "o1" },
];
const PARTIES: Party[] = [
  ...INSTITUTIONS.filter((i) => i.customerType === "OBLIGATED" && i.key !== "o6").flatMap((i) =>
    ["a8", "a10", "a11", "old"].map((a) => ({ agreement: a, institution: i.key, source: "OBLIGATED" as const })),
  ),
  // o6 is party to a10 only: its purchases and sales on a8 and a11 are with a non-party.
  { agreement: "a10", institution: "o6", source: "OBLIGATED" },
  { agreement: "own", institution: "o1", source: "OWNER" },
  { agreement: "a8", institution: "v1", source: "PHASE_JOIN" },
  { agreement: "a8", institution: "v2", source: "PHASE_JOIN" },
  { agreement: "a11", institution: "v3", source: "PHASE_JOIN" },
];
const ENROLMENTS: Enrol[] = [
  { agreement: "a8", institution: "v1", status: "APPROVED" },
  { agreement: "a8", institution: "v2", status: "PENDING" },
];

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20261205);
const pick = <T,>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
const amount = (max: number) => BigInt(Math.floor(rnd() * max)) + 100n;

const submissions: Sub[] = [];
const lines: Line[] = [];
const reports: Report[] = [];
const reportLines: RLine[] = [];
let tolerance: Tolerance = { basisPoints: 500, ore: 1_000_000n };

const inst = (key: string) => INSTITUTIONS.find((i) => i.key === key)!;
const supp = (key: string) => SUPPLIERS.find((s) => s.key === key)!;
const agr = (key: string) => AGREEMENTS.find((a) => a.key === key)!;

function generateLines(submission: number, institution: string, quarter: string, count: number, scale: number): void {
  for (let n = 0; n < count; n++) {
    const r = rnd();
    const supplierCvr = r < 0.05 ? null : r < 0.08 ? UNKNOWN_CVR : pick(SUPPLIERS).cvr;
    const categoryCode = rnd() < 0.35 ? null : pick(CATEGORIES);
    const credit = rnd() < 0.04;
    const value = amount(scale);
    lines.push({ submission, institution, quarter, supplierCvr, categoryCode, amountOre: credit ? -value : value });
  }
}

// ---------------------------------------------------------------------------------------------
// The independent computation
// ---------------------------------------------------------------------------------------------

type Row = {
  quarter: string;
  supplier: string;
  agreement: string;
  institution: string;
  reportedOre: string;
  reportLineCount: number;
  purchasedOre: string;
  purchaseLineCount: number;
  differenceOre: string;
  status: string;
  customerIsParty: boolean;
};

const QUARTER_BOUNDS: Record<string, { start: string; end: string }> = {
  "2026Q2": { start: "2026-04-01", end: "2026-06-30" },
  "2026Q3": { start: "2026-07-01", end: "2026-09-30" },
};

function isParty(agreementKey: string, institutionKey: string): boolean {
  const agreement = agr(agreementKey);
  if (agreement.kind === "OWN" && agreement.owner !== institutionKey) return false;
  const party = PARTIES.find((p) => p.agreement === agreementKey && p.institution === institutionKey);
  if (!party) return false;
  const needsEnrolment = inst(institutionKey).customerType === "VOLUNTARY" && party.source !== "ENROLMENT" && agreement.phase >= 8 && agreement.phase <= 10;
  return !needsEnrolment || ENROLMENTS.some((e) => e.agreement === agreementKey && e.institution === institutionKey && e.status === "APPROVED");
}

function expectedRows(quarter: string): Row[] {
  const { start, end } = QUARTER_BOUNDS[quarter]!;
  const pairs = new Set<string>();
  for (const a of AGREEMENTS) {
    if (a.kind === "OWN" || a.validFrom > end || a.validTo < start) continue;
    for (const s of a.suppliers) pairs.add(`${a.key}|${s}`);
  }
  const active = reports.filter((r) => r.quarter === quarter && r.active);
  for (const r of active) pairs.add(`${r.agreement}|${r.supplier}`);

  const cells = new Map<string, { reported: bigint; reportLines: number; purchased: bigint; purchaseLines: number }>();
  const cell = (key: string) => {
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { reported: 0n, reportLines: 0, purchased: 0n, purchaseLines: 0 }));
    return c;
  };
  for (const r of active) {
    for (const l of reportLines.filter((x) => x.report === r.id)) {
      const c = cell(`${r.agreement}|${r.supplier}|${l.institution}`);
      c.reported += l.amountOre;
      c.reportLines += 1;
    }
  }
  const activeSubmissions = new Set(submissions.filter((s) => s.quarter === quarter && s.status === "ACTIVE").map((s) => s.id));
  for (const line of lines) {
    if (line.quarter !== quarter || !activeSubmissions.has(line.submission) || line.supplierCvr === null) continue;
    const supplier = SUPPLIERS.find((s) => s.cvr === line.supplierCvr);
    if (!supplier) continue;
    const category = line.categoryCode ?? supplier.category;
    if (category === null) continue;
    for (const pair of pairs) {
      const [a, s] = pair.split("|") as [string, string];
      if (s !== supplier.key || !agr(a).categories.includes(category)) continue;
      const c = cell(`${a}|${s}|${line.institution}`);
      c.purchased += line.amountOre;
      c.purchaseLines += 1;
    }
  }
  return [...cells.entries()]
    .map(([key, c]) => {
      const [agreement, supplier, institution] = key.split("|") as [string, string, string];
      return {
        quarter,
        supplier,
        agreement,
        institution,
        reportedOre: c.reported.toString(),
        reportLineCount: c.reportLines,
        purchasedOre: c.purchased.toString(),
        purchaseLineCount: c.purchaseLines,
        differenceOre: (c.reported - c.purchased).toString(),
        status: reconciliationStatus(
          { reportedOre: c.reported, reportLineCount: c.reportLines, purchasedOre: c.purchased, purchaseLineCount: c.purchaseLines },
          tolerance,
        ),
        customerIsParty: isParty(agreement, institution),
      };
    })
    .sort(compareRows);
}

function compareRows(a: Row, b: Row): number {
  return `${a.quarter}|${a.supplier}|${a.agreement}|${a.institution}`.localeCompare(`${b.quarter}|${b.supplier}|${b.agreement}|${b.institution}`);
}

// ---------------------------------------------------------------------------------------------
// The database
// ---------------------------------------------------------------------------------------------

let database: TestDatabase;
let client: pg.Client;
let adminUserId: number;
const ministryIds: Record<string, number> = {};

async function one<T>(sql: string, values: unknown[] = []): Promise<T> {
  return (await client.query(sql, values)).rows[0] as T;
}

async function insertSubmission(institution: string, quarter: string, status: "ACTIVE" | "SUPERSEDED", feedBatch: string | null): Promise<number> {
  const { id } = await one<{ id: number }>(
    `INSERT INTO "Submission" ("institutionId", "quarter", "format", "status", "feedBatch", "lineCount", "totalOre", "supersededAt")
     VALUES ($1, $2, $3, $4, $5, 0, 0, $6) RETURNING id`,
    [inst(institution).id, quarter, feedBatch ? "SKS_FEED" : "LINES", status, feedBatch, status === "SUPERSEDED" ? new Date() : null],
  );
  submissions.push({ id, institution, quarter, status });
  return id;
}

async function writeLines(from: number): Promise<void> {
  await insertPurchaseLines(
    client,
    lines.slice(from).map((l) => ({
      submissionId: l.submission,
      institutionId: inst(l.institution).id!,
      ministryId: ministryIds[inst(l.institution).ministry]!,
      quarter: l.quarter,
      purchaseDate: null,
      supplierCvr: l.supplierCvr,
      supplierName: l.supplierCvr ?? "Udlæg",
      categoryCode: l.categoryCode,
      amountOre: l.amountOre,
      ecommerce: false,
      ean: null,
    })),
  );
}

async function insertReport(agreement: string, supplier: string, quarter: string, rows: Omit<RLine, "report">[], noSales = false): Promise<number> {
  await client.query(
    `UPDATE "SalesReport" SET "supersededAt" = now() WHERE "agreementId" = $1 AND "supplierId" = $2 AND "quarter" = $3 AND "supersededAt" IS NULL`,
    [agr(agreement).id, supp(supplier).id, quarter],
  );
  for (const r of reports) if (r.agreement === agreement && r.supplier === supplier && r.quarter === quarter) r.active = false;
  const total = rows.reduce((sum, r) => sum + r.amountOre, 0n);
  const { id } = await one<{ id: number }>(
    `INSERT INTO "SalesReport" ("agreementId", "supplierId", "quarter", "channel", "noSales", "lineCount", "totalOre", "submittedById")
     VALUES ($1, $2, $3, 'CSV', $4, $5, $6, $7) RETURNING id`,
    [agr(agreement).id, supp(supplier).id, quarter, noSales, rows.length, total.toString(), adminUserId],
  );
  reports.push({ id, agreement, supplier, quarter, active: true, noSales });
  for (const row of rows) {
    reportLines.push({ ...row, report: id });
    const customer = inst(row.institution);
    await client.query(
      `INSERT INTO "SalesReportLine" ("reportId", "agreementId", "supplierId", "quarter", "institutionId", "customerCvr", "categoryCode", "amountOre")
       VALUES ($1, $2, $3, $4, $5, (SELECT cvr FROM "Institution" WHERE id = $5), $6, $7)`,
      [id, agr(agreement).id, supp(supplier).id, quarter, customer.id, row.categoryCode, row.amountOre.toString()],
    );
  }
  return id;
}

/** Report lines close to what the TS computation says was bought, with some differences and gaps. */
function plausibleReport(agreement: string, supplier: string, quarter: string): Omit<RLine, "report">[] {
  const purchased = expectedRows(quarter).filter((r) => r.agreement === agreement && r.supplier === supplier && r.purchaseLineCount > 0);
  const out: Omit<RLine, "report">[] = [];
  const category = agr(agreement).categories[0]!;
  for (const row of purchased) {
    const r = rnd();
    if (r < 0.15) continue; // not reported
    const bought = BigInt(row.purchasedOre);
    const reported = r < 0.5 ? bought : r < 0.75 ? bought + bought / 40n : bought + bought / 3n + 2_000_000n;
    // Sometimes in two lines (two categories of the agreement, or an EAN split).
    if (rnd() < 0.3) {
      const half = reported / 2n;
      out.push({ institution: row.institution, categoryCode: category, amountOre: half });
      out.push({ institution: row.institution, categoryCode: agr(agreement).categories.at(-1)!, amountOre: reported - half });
    } else {
      out.push({ institution: row.institution, categoryCode: category, amountOre: reported });
    }
  }
  // Sales to customers whose purchase data show nothing from the supplier, and one to the pending voluntary customer (not party on a8).
  out.push({ institution: "v1", categoryCode: category, amountOre: 5_000_000n });
  out.push({ institution: "v4", categoryCode: category, amountOre: 3_100_000n });
  if (agreement === "a8") out.push({ institution: "v2", categoryCode: category, amountOre: 2_500_000n });
  return out;
}

async function sqlRows(quarter?: string): Promise<Row[]> {
  const { rows } = await client.query(
    `SELECT r."quarter", s.key AS supplier, a.key AS agreement, i.key AS institution, r."reportedOre"::text AS "reportedOre",
            r."reportLineCount", r."purchasedOre"::text AS "purchasedOre", r."purchaseLineCount", r."differenceOre"::text AS "differenceOre",
            r."status"::text AS status, r."customerIsParty"
       FROM "Reconciliation" r
       JOIN (SELECT unnest($1::int[]) AS id, unnest($2::text[]) AS key) s ON s.id = r."supplierId"
       JOIN (SELECT unnest($3::int[]) AS id, unnest($4::text[]) AS key) a ON a.id = r."agreementId"
       JOIN (SELECT unnest($5::int[]) AS id, unnest($6::text[]) AS key) i ON i.id = r."institutionId"
      WHERE $7::text IS NULL OR r."quarter" = $7`,
    [
      SUPPLIERS.map((x) => x.id),
      SUPPLIERS.map((x) => x.key),
      AGREEMENTS.map((x) => x.id),
      AGREEMENTS.map((x) => x.key),
      INSTITUTIONS.map((x) => x.id),
      INSTITUTIONS.map((x) => x.key),
      quarter ?? null,
    ],
  );
  return (rows as Row[]).sort(compareRows);
}

const allExpected = () => QUARTERS.flatMap(expectedRows).sort(compareRows);

async function summaryTotals(quarter: string) {
  const { rows } = await client.query(
    `SELECT "agreementId", "supplierId", "reportId", "customers", "agrees", "differs", "supplierOnly", "purchasesOnly",
            "nonPartyCustomers", "nonPartyOre"::text, "reportedOre"::text, "purchasedOre"::text, "absDifferenceOre"::text
       FROM "ReconciliationSummary" WHERE "quarter" = $1 ORDER BY 1, 2`,
    [quarter],
  );
  return rows;
}

function expectedSummary(quarter: string) {
  const rows = expectedRows(quarter);
  const { start, end } = QUARTER_BOUNDS[quarter]!;
  const pairs = new Set<string>();
  for (const a of AGREEMENTS) if (a.kind !== "OWN" && a.validFrom <= end && a.validTo >= start) for (const s of a.suppliers) pairs.add(`${a.key}|${s}`);
  for (const r of reports) if (r.quarter === quarter && r.active) pairs.add(`${r.agreement}|${r.supplier}`);
  return [...pairs]
    .map((pair) => {
      const [a, s] = pair.split("|") as [string, string];
      const mine = rows.filter((r) => r.agreement === a && r.supplier === s);
      const nonParty = mine.filter((r) => !r.customerIsParty && r.reportLineCount > 0);
      const count = (status: string) => mine.filter((r) => r.status === status).length;
      const sum = (values: string[]) => values.reduce((t, v) => t + BigInt(v), 0n).toString();
      return {
        agreementId: agr(a).id,
        supplierId: supp(s).id,
        reportId: reports.find((r) => r.agreement === a && r.supplier === s && r.quarter === quarter && r.active)?.id ?? null,
        customers: mine.length,
        agrees: count("AGREES"),
        differs: count("DIFFERS"),
        supplierOnly: count("SUPPLIER_ONLY"),
        purchasesOnly: count("PURCHASES_ONLY"),
        nonPartyCustomers: nonParty.length,
        nonPartyOre: sum(nonParty.map((r) => r.reportedOre)),
        reportedOre: sum(mine.map((r) => r.reportedOre)),
        purchasedOre: sum(mine.map((r) => r.purchasedOre)),
        absDifferenceOre: sum(mine.map((r) => r.differenceOre.replace("-", ""))),
      };
    })
    .sort((x, y) => x.agreementId! - y.agreementId! || x.supplierId! - y.supplierId!);
}

async function fullRecompute(): Promise<Row[]> {
  for (const quarter of QUARTERS) {
    await refreshCompliance(client, { quarter });
    await refreshReconciliation(client, { quarter });
  }
  return sqlRows();
}

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();

  for (const code of ["M1", "M2"]) {
    ministryIds[code] = (await one<{ id: number }>(`INSERT INTO "Ministry" (code, name) VALUES ($1, $1) RETURNING id`, [code])).id;
  }
  for (const [n, i] of INSTITUTIONS.entries()) {
    i.id = (
      await one<{ id: number }>(
        `INSERT INTO "Institution" (cvr, name, "sortKey", kind, "customerType", "dataChannel", "ministryId")
         VALUES ($1, $2, $2, $3, $4, $5, $6) RETURNING id`,
        [cvrs[20 + n], `Institution ${i.key}`, i.customerType === "OBLIGATED" ? "STATE_INSTITUTION" : "MUNICIPALITY", i.customerType, i.sks ? "SKS" : "MANUAL", ministryIds[i.ministry]],
      )
    ).id;
  }
  for (const code of CATEGORIES) await client.query(`INSERT INTO "Category" (code, name) VALUES ($1, $1)`, [code]);
  for (const s of SUPPLIERS) {
    s.id = (await one<{ id: number }>(`INSERT INTO "Supplier" (cvr, name, "sortKey", "categoryCode") VALUES ($1, $2, $2, $3) RETURNING id`, [s.cvr, `Leverandør ${s.key}`, s.category])).id;
  }
  const phaseIds: Record<number, number> = {};
  for (const number of [8, 10, 11]) {
    phaseIds[number] = (await one<{ id: number }>(`INSERT INTO "Phase" (number, name, "tenderYear", "effectiveDate") VALUES ($1, $2, 2020, '2021-01-01') RETURNING id`, [number, `Fase ${number}`])).id;
  }
  for (const a of AGREEMENTS) {
    a.id = (
      await one<{ id: number }>(
        `INSERT INTO "Agreement" (reference, name, "sortKey", kind, "phaseId", "validFrom", "validTo", "ownerInstitutionId")
         VALUES ($1, $1, $1, $2, $3, $4, $5, $6) RETURNING id`,
        [a.key, a.kind, phaseIds[a.phase], a.validFrom, a.validTo, a.owner ? inst(a.owner).id : null],
      )
    ).id;
    for (const c of a.categories) await client.query(`INSERT INTO "AgreementCategory" VALUES ($1, $2)`, [a.id, c]);
    for (const s of a.suppliers) await client.query(`INSERT INTO "AgreementSupplier" VALUES ($1, $2)`, [a.id, supp(s).id]);
  }
  for (const p of PARTIES) {
    await client.query(`INSERT INTO "AgreementParty" ("agreementId", "institutionId", source, since) VALUES ($1, $2, $3, '2021-01-01')`, [agr(p.agreement).id, inst(p.institution).id, p.source]);
  }
  adminUserId = (await one<{ id: number }>(`INSERT INTO "User" (email, name, role) VALUES ('admin@test.dk', 'Admin', 'ADMIN') RETURNING id`)).id;
  for (const e of ENROLMENTS) {
    await client.query(
      `INSERT INTO "Enrolment" ("agreementId", "institutionId", status, cvr, ean, address, "contactName", "contactEmail", "contactPhone",
                                "signatoryName", "signedOn", "acceptsNoObligation", "createdById")
       VALUES ($1, $2, $3, '', '', '', '', '', '', '', '2026-01-01', true, $4)`,
      [agr(e.agreement).id, inst(e.institution).id, e.status, adminUserId],
    );
  }

  for (const quarter of QUARTERS) {
    for (const i of INSTITUTIONS) {
      if (i.noPurchaseData) continue;
      if (i.sks) {
        for (const batch of ["b1", "b2", "b3"]) generateLines(await insertSubmission(i.key, quarter, "ACTIVE", `${quarter}-${i.key}-${batch}`), i.key, quarter, 40, 400_000);
      } else {
        // The superseded upload's large amounts must not count.
        generateLines(await insertSubmission(i.key, quarter, "SUPERSEDED", null), i.key, quarter, 30, 90_000_000);
        generateLines(await insertSubmission(i.key, quarter, "ACTIVE", null), i.key, quarter, 60, 800_000);
      }
    }
  }
  await writeLines(0);
  for (const quarter of QUARTERS) await refreshCompliance(client, { quarter });

  for (const quarter of QUARTERS) {
    // An earlier version with other figures, then the version that counts.
    await insertReport("a8", "s1", quarter, [{ institution: "o1", categoryCode: "1410", amountOre: 999_999_999n }]);
    await insertReport("a8", "s1", quarter, plausibleReport("a8", "s1", quarter));
    await insertReport("a11", "s1", quarter, plausibleReport("a11", "s1", quarter));
    await insertReport("a10", "s2", quarter, plausibleReport("a10", "s2", quarter));
    // s3 declares no sales on a11 (its customers' purchases are then "purchases only"); a8/s3 never reports.
    await insertReport("a11", "s3", quarter, [], true);
  }
}, 120_000);

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

describe("reconciliation, SQL against plain TypeScript", () => {
  it("agrees to the øre after a full recompute, and the data cover every case", async () => {
    for (const quarter of QUARTERS) await refreshReconciliation(client, { quarter });
    const expected = allExpected();
    expect(await sqlRows()).toEqual(expected);
    const statuses = new Set(expected.map((r) => r.status));
    expect([...statuses].sort()).toEqual(["AGREES", "DIFFERS", "PURCHASES_ONLY", "SUPPLIER_ONLY"]);
    expect(expected.some((r) => !r.customerIsParty && r.reportLineCount > 0)).toBe(true);
    expect(expected.some((r) => r.customerIsParty && r.reportLineCount > 0)).toBe(true);
    for (const quarter of QUARTERS) expect(await summaryTotals(quarter)).toEqual(expectedSummary(quarter));
  });

  it("follows a replaced report and new purchase data incrementally, equal to a full recompute", async () => {
    const quarter = "2026Q3";
    // The supplier corrects its report.
    await insertReport("a10", "s2", quarter, plausibleReport("a10", "s2", quarter).slice(1));
    await refreshReconciliationForReport(client, { agreementId: agr("a10").id!, supplierId: supp("s2").id!, quarter });
    // a8/s3 reports for the first time.
    await insertReport("a8", "s3", quarter, [{ institution: "o3", categoryCode: "1410", amountOre: 1_234_567n }]);
    await refreshReconciliationForReport(client, { agreementId: agr("a8").id!, supplierId: supp("s3").id!, quarter });
    // o1 submits the quarter again (its earlier manual submission superseded); o2 sends one more SKS batch.
    await client.query(`UPDATE "Submission" SET status = 'SUPERSEDED', "supersededAt" = now() WHERE "institutionId" = $1 AND quarter = $2 AND status = 'ACTIVE'`, [inst("o1").id, quarter]);
    for (const s of submissions) if (s.institution === "o1" && s.quarter === quarter) s.status = "SUPERSEDED";
    const from = lines.length;
    generateLines(await insertSubmission("o1", quarter, "ACTIVE", null), "o1", quarter, 50, 700_000);
    generateLines(await insertSubmission("o2", quarter, "ACTIVE", `${quarter}-o2-b4`), "o2", quarter, 20, 500_000);
    await writeLines(from);
    const changed = [inst("o1").id!, inst("o2").id!];
    await refreshCompliance(client, { quarter, institutionIds: changed });
    await refreshReconciliationForSubmission(client, { quarter, institutionIds: changed });

    const incremental = await sqlRows();
    expect(incremental).toEqual(allExpected());
    const incrementalSummary = await summaryTotals(quarter);
    expect(incrementalSummary).toEqual(expectedSummary(quarter));
    expect(await fullRecompute()).toEqual(incremental);
    expect(await summaryTotals(quarter)).toEqual(incrementalSummary);
  });

  it("follows party changes (an enrolment approved, a party removed) by trigger", async () => {
    await client.query(`UPDATE "Enrolment" SET status = 'APPROVED' WHERE "agreementId" = $1 AND "institutionId" = $2`, [agr("a8").id, inst("v2").id]);
    ENROLMENTS.find((e) => e.institution === "v2")!.status = "APPROVED";
    await client.query(`DELETE FROM "AgreementParty" WHERE "agreementId" = $1 AND "institutionId" = $2`, [agr("a11").id, inst("o3").id]);
    PARTIES.splice(PARTIES.findIndex((p) => p.agreement === "a11" && p.institution === "o3"), 1);
    expect(await sqlRows()).toEqual(allExpected());
    for (const quarter of QUARTERS) expect(await summaryTotals(quarter)).toEqual(expectedSummary(quarter));
  });

  it("applies a new tolerance to every stored status", async () => {
    await client.query(`UPDATE "AgencySetting" SET "reconciliationToleranceBasisPoints" = 100, "reconciliationToleranceOre" = 50000 WHERE id = 1`);
    tolerance = { basisPoints: 100, ore: 50_000n };
    expect(await applyReconciliationTolerance(client)).toBeGreaterThan(0);
    expect(await sqlRows()).toEqual(allExpected());
    for (const quarter of QUARTERS) expect(await summaryTotals(quarter)).toEqual(expectedSummary(quarter));
  });

  it("finds a quarter behind when a report or a submission went past the hooks, and catches up", async () => {
    expect(await staleReconciliationQuarters(client, QUARTERS)).toEqual([]);
    await insertReport("a11", "s1", "2026Q2", plausibleReport("a11", "s1", "2026Q2").slice(2));
    expect(await staleReconciliationQuarters(client, QUARTERS)).toEqual(["2026Q2"]);
    const from = lines.length;
    generateLines(await insertSubmission("o5", "2026Q3", "ACTIVE", "2026Q3-o5-late"), "o5", "2026Q3", 15, 300_000);
    await writeLines(from);
    expect(await staleReconciliationQuarters(client, QUARTERS)).toEqual(QUARTERS);
    await refreshStaleReconciliation(client, QUARTERS);
    expect(await staleReconciliationQuarters(client, QUARTERS)).toEqual([]);
    expect(await sqlRows()).toEqual(allExpected());
  });

  it("says the suppliers' default deadline in SQL as lib/sales-report does", async () => {
    for (const code of ["2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4"]) {
      const { deadline } = await one<{ deadline: string }>(`SELECT "reconciliation_supplier_deadline"($1)::text AS deadline`, [code]);
      expect(deadline).toBe(defaultSupplierDeadline(quarterFromCode(code)!));
    }
    await client.query(`INSERT INTO "SupplierDeadline" (quarter, deadline) VALUES ('2026Q1', '2026-05-15')`);
    expect((await one<{ d: string }>(`SELECT "reconciliation_supplier_deadline"('2026Q1')::text AS d`)).d).toBe("2026-05-15");
  });
});
