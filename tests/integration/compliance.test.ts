/**
 * Compliance to the øre: generated purchase data, computed twice, by the SQL rollup (migration
 * 20261122120000_compliance through lib/compliance/rollup.ts) and by an independent plain
 * TypeScript computation over the same generated data (never read back from the database), and
 * compared row by row: per quarter x ministry x agreement x institution (numerator, denominator),
 * leakage per quarter x ministry x agreement x supplier, e-commerce per quarter x ministry x
 * institution.
 *
 * The data cover: three ministries and three quarters; lines without a category (the supplier's
 * mapping applies; a supplier without mapping gives no category), lines without supplier CVR and
 * with an unknown CVR; an institution that changes ministry mid-quarter; a voluntary customer and an
 * institution that becomes obligated mid-quarter; one without memberships (its customer type
 * applies); superseded submissions (with large amounts, which must not count) and several active SKS
 * batches; undated lines (agency format: the quarter's last day decides); agreements that are not
 * mandatory, expire, start, overlap in a category or are retired.
 * Then: an incremental refresh after a superseding submission, a submission that bypassed the hook
 * (found by the fingerprint), a master-data change (found by the triggers), and incremental == full.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/types";
import { insertPurchaseLines, type PurchaseLineRow } from "@/lib/db/bulk-insert";
import { fictitiousCvrs } from "@/lib/domain/identifiers";
import { refreshCompliance, refreshStaleCompliance, staleQuarters } from "@/lib/compliance/rollup";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

// ---------------------------------------------------------------------------------------------
// The world, in plain data
// ---------------------------------------------------------------------------------------------

type CustomerType = "OBLIGATED" | "VOLUNTARY";
type Membership = { ministry: string; customerType: CustomerType; validFrom: string; validTo: string | null };
type Inst = { key: string; ministry: string; customerType: CustomerType; memberships: Membership[] };
type Supplier = { key: string; cvr: string; name: string; category: string | null };
type Agreement = {
  key: string;
  kind: "MANDATORY_CENTRAL" | "VOLUNTARY_CENTRAL" | "VOLUNTARY_SKI" | "OWN";
  validFrom: string;
  validTo: string;
  retiredOn: string | null;
  categories: string[];
  suppliers: string[];
};
type Line = {
  submission: number;
  institution: string;
  ministry: string;
  quarter: string;
  purchaseDate: string | null;
  supplierCvr: string | null;
  supplierName: string;
  categoryCode: string | null;
  amountOre: bigint;
  ecommerce: boolean;
};
type Submission = { id: number; institution: string; quarter: string; format: "AGENCY" | "LINES" | "SKS_FEED"; status: "ACTIVE" | "SUPERSEDED"; feedBatch: string | null };

const QUARTERS = ["2025Q4", "2026Q1", "2026Q2"];
const MINISTRIES = ["M1", "M2", "M3"];
const CATEGORIES = ["1920", "1210", "1410", "1510", "1700"];
const SINCE = "2015-01-01";

const INSTITUTIONS: Inst[] = [
  { key: "i1", ministry: "M1", customerType: "OBLIGATED", memberships: [{ ministry: "M1", customerType: "OBLIGATED", validFrom: SINCE, validTo: null }] },
  { key: "i2", ministry: "M1", customerType: "OBLIGATED", memberships: [{ ministry: "M1", customerType: "OBLIGATED", validFrom: SINCE, validTo: null }] },
  { key: "i3", ministry: "M2", customerType: "OBLIGATED", memberships: [{ ministry: "M2", customerType: "OBLIGATED", validFrom: SINCE, validTo: null }] },
  { key: "i4", ministry: "M3", customerType: "OBLIGATED", memberships: [{ ministry: "M3", customerType: "OBLIGATED", validFrom: SINCE, validTo: null }] },
  // No memberships at all: the institution's own ministry and customer type apply.
  { key: "i5", ministry: "M2", customerType: "OBLIGATED", memberships: [] },
  // Moves from M1 to M2 in the middle of 2026Q1.
  {
    key: "moved",
    ministry: "M2",
    customerType: "OBLIGATED",
    memberships: [
      { ministry: "M1", customerType: "OBLIGATED", validFrom: SINCE, validTo: "2026-02-09" },
      { ministry: "M2", customerType: "OBLIGATED", validFrom: "2026-02-10", validTo: null },
    ],
  },
  // A voluntary customer in M1's area: never counts.
  { key: "voluntary", ministry: "M1", customerType: "VOLUNTARY", memberships: [{ ministry: "M1", customerType: "VOLUNTARY", validFrom: SINCE, validTo: null }] },
  // Becomes obligated on 1 February 2026.
  {
    key: "turns",
    ministry: "M3",
    customerType: "OBLIGATED",
    memberships: [
      { ministry: "M3", customerType: "VOLUNTARY", validFrom: SINCE, validTo: "2026-01-31" },
      { ministry: "M3", customerType: "OBLIGATED", validFrom: "2026-02-01", validTo: null },
    ],
  },
  // Voluntary by its customer type, no memberships.
  { key: "selfowned", ministry: "M3", customerType: "VOLUNTARY", memberships: [] },
];

const SUPPLIERS: Supplier[] = [
  { key: "s1", cvr: "10000001", name: "Kontor Et A/S", category: "1920" },
  { key: "s2", cvr: "10000002", name: "Kontor To ApS", category: "1920" },
  { key: "s3", cvr: "10000003", name: "Rengøring Tre A/S", category: "1210" },
  { key: "s4", cvr: "10000004", name: "Kontor Fire SKI ApS", category: "1920" },
  { key: "s5", cvr: "10000005", name: "Rengøring Fem ApS", category: "1210" },
  { key: "s6", cvr: "10000006", name: "Alt Muligt Seks A/S", category: null },
  { key: "s7", cvr: "10000007", name: "Computer Syv A/S", category: "1410" },
  { key: "s8", cvr: "10000008", name: "Mobil Otte A/S", category: "1510" },
  { key: "s9", cvr: "10000009", name: "Rengøring Ni ApS", category: "1210" },
];
const UNKNOWN_CVR = "19999999"; // not in the supplier list
/** Valid CVR numbers (the import checks them). */
const INSTITUTION_CVRS = fictitiousCvrs(INSTITUTIONS.length, 5_100_000, 211);
const NO_CVR_NAMES = ["Personligt udlæg", "Hotel Demo GmbH"];

const AGREEMENTS: Agreement[] = [
  { key: "A1", kind: "MANDATORY_CENTRAL", validFrom: "2020-01-01", validTo: "2030-12-31", retiredOn: null, categories: ["1920"], suppliers: ["s1", "s2"] },
  { key: "A2", kind: "MANDATORY_CENTRAL", validFrom: "2020-01-01", validTo: "2030-12-31", retiredOn: null, categories: ["1210", "1410"], suppliers: ["s3", "s7"] },
  // Not mandatory: never measured.
  { key: "A3", kind: "VOLUNTARY_SKI", validFrom: "2020-01-01", validTo: "2030-12-31", retiredOn: null, categories: ["1920"], suppliers: ["s4"] },
  // Expires in 2026Q1: measured in 2025Q4 only; overlaps A1 in 1920.
  { key: "A4", kind: "MANDATORY_CENTRAL", validFrom: "2020-01-01", validTo: "2026-02-15", retiredOn: null, categories: ["1920"], suppliers: ["s4", "s1"] },
  // Starts in 2026Q1: in force on its last day, so measured from 2026Q1.
  { key: "A5", kind: "MANDATORY_CENTRAL", validFrom: "2026-03-01", validTo: "2030-12-31", retiredOn: null, categories: ["1510"], suppliers: ["s8"] },
  // Retired in January 2026: measured in 2025Q4 only.
  { key: "A6", kind: "MANDATORY_CENTRAL", validFrom: "2020-01-01", validTo: "2030-12-31", retiredOn: "2026-01-05", categories: ["1210"], suppliers: ["s5"] },
];

// ---------------------------------------------------------------------------------------------
// A small seeded generator (its own, not the seed's)
// ---------------------------------------------------------------------------------------------

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function quarterDays(quarter: string): string[] {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  const days: string[] = [];
  for (let d = new Date(Date.UTC(year, (q - 1) * 3, 1)); d.getUTCMonth() < q * 3 && d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

const quarterEnds = new Map<string, string>();
function quarterEnd(quarter: string): string {
  let end = quarterEnds.get(quarter);
  if (end === undefined) quarterEnds.set(quarter, (end = quarterDays(quarter).at(-1)!));
  return end;
}

function membershipOn(inst: Inst, day: string): Membership | null {
  const covering = inst.memberships.filter((m) => m.validFrom <= day && (m.validTo === null || day <= m.validTo));
  covering.sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
  return covering[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// The independent computation
// ---------------------------------------------------------------------------------------------

type Expected = {
  compliance: Map<string, { num: bigint; den: bigint; lines: number }>;
  leakage: Map<string, bigint>;
  ecommerce: Map<string, { total: bigint; ecom: bigint; lines: number }>;
};

function measured(agreement: Agreement, quarter: string): boolean {
  const end = quarterEnd(quarter);
  return (
    agreement.kind === "MANDATORY_CENTRAL" &&
    agreement.validFrom <= end &&
    end <= agreement.validTo &&
    (agreement.retiredOn === null || agreement.retiredOn > end)
  );
}

function expectedFigures(lines: readonly Line[], submissions: readonly Submission[], suppliers: readonly Supplier[]): Expected {
  const active = new Set(submissions.filter((s) => s.status === "ACTIVE").map((s) => s.id));
  const supplierByCvr = new Map(suppliers.map((s) => [s.cvr, s]));
  const institutions = new Map(INSTITUTIONS.map((i) => [i.key, i]));
  const result: Expected = { compliance: new Map(), leakage: new Map(), ecommerce: new Map() };
  for (const line of lines) {
    if (!active.has(line.submission)) continue;
    const inst = institutions.get(line.institution)!;
    const day = line.purchaseDate ?? quarterEnd(line.quarter);
    const customerType = membershipOn(inst, day)?.customerType ?? inst.customerType;
    if (customerType !== "OBLIGATED") continue;

    const eKey = `${line.quarter}|${line.ministry}|${line.institution}`;
    const e = result.ecommerce.get(eKey) ?? { total: 0n, ecom: 0n, lines: 0 };
    e.total += line.amountOre;
    if (line.ecommerce) e.ecom += line.amountOre;
    e.lines += 1;
    result.ecommerce.set(eKey, e);

    const category = line.categoryCode ?? (line.supplierCvr ? (supplierByCvr.get(line.supplierCvr)?.category ?? null) : null);
    if (category === null) continue;
    for (const agreement of AGREEMENTS) {
      if (!measured(agreement, line.quarter) || !agreement.categories.includes(category)) continue;
      const onAgreement =
        line.supplierCvr !== null && agreement.suppliers.some((key) => suppliers.find((s) => s.key === key)!.cvr === line.supplierCvr);
      const cKey = `${line.quarter}|${line.ministry}|${agreement.key}|${line.institution}`;
      const c = result.compliance.get(cKey) ?? { num: 0n, den: 0n, lines: 0 };
      c.den += line.amountOre;
      if (onAgreement) c.num += line.amountOre;
      c.lines += 1;
      result.compliance.set(cKey, c);
      if (!onAgreement) {
        const who = line.supplierCvr ?? `navn:${line.supplierName}`;
        const lKey = `${line.quarter}|${line.ministry}|${agreement.key}|${who}`;
        result.leakage.set(lKey, (result.leakage.get(lKey) ?? 0n) + line.amountOre);
      }
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Database
// ---------------------------------------------------------------------------------------------

let db: TestDatabase;
let client: pg.Client;
const ids = {
  ministry: new Map<string, number>(),
  institution: new Map<string, number>(),
  agreement: new Map<string, number>(),
};
const keyOf = {
  ministry: new Map<number, string>(),
  institution: new Map<number, string>(),
  agreement: new Map<number, string>(),
};
let suppliers: Supplier[] = SUPPLIERS.map((s) => ({ ...s }));
const submissions: Submission[] = [];
const lines: Line[] = [];
const random = prng(20261122);

async function insertReturning(sql: string, values: unknown[]): Promise<number> {
  const { rows } = await client.query<{ id: number }>(sql, values);
  return Number(rows[0]!.id);
}

async function seedWorld(): Promise<void> {
  for (const code of MINISTRIES) {
    const id = await insertReturning(`INSERT INTO "Ministry" ("code", "name") VALUES ($1, $2) RETURNING "id"`, [code, `Ministerium ${code}`]);
    ids.ministry.set(code, id);
    keyOf.ministry.set(id, code);
  }
  for (const code of CATEGORIES) {
    await client.query(`INSERT INTO "Category" ("code", "name", "hasMandatoryAgreements") VALUES ($1, $2, true)`, [code, `Kategori ${code}`]);
  }
  for (const [n, inst] of INSTITUTIONS.entries()) {
    const id = await insertReturning(
      `INSERT INTO "Institution" ("cvr", "name", "sortKey", "kind", "customerType", "ministryId")
       VALUES ($1, $2, $2, $3, $4, $5) RETURNING "id"`,
      [INSTITUTION_CVRS[n], `Institution ${inst.key}`, inst.customerType === "OBLIGATED" ? "STATE_INSTITUTION" : "SELF_GOVERNING_INSTITUTION", inst.customerType, ids.ministry.get(inst.ministry)],
    );
    ids.institution.set(inst.key, id);
    keyOf.institution.set(id, inst.key);
    for (const m of inst.memberships) {
      await client.query(
        `INSERT INTO "InstitutionMembership" ("institutionId", "ministryId", "customerType", "validFrom", "validTo") VALUES ($1, $2, $3, $4, $5)`,
        [id, ids.ministry.get(m.ministry), m.customerType, m.validFrom, m.validTo],
      );
    }
  }
  const supplierIds = new Map<string, number>();
  for (const s of suppliers) {
    supplierIds.set(
      s.key,
      await insertReturning(`INSERT INTO "Supplier" ("cvr", "name", "sortKey", "categoryCode") VALUES ($1, $2, $2, $3) RETURNING "id"`, [s.cvr, s.name, s.category]),
    );
  }
  for (const a of AGREEMENTS) {
    const id = await insertReturning(
      `INSERT INTO "Agreement" ("reference", "name", "sortKey", "kind", "validFrom", "validTo", "retiredAt")
       VALUES ($1, $1, $1, $2, $3, $4, $5) RETURNING "id"`,
      [`REF ${a.key}`, a.kind, a.validFrom, a.validTo, a.retiredOn ? `${a.retiredOn}T08:00:00` : null],
    );
    ids.agreement.set(a.key, id);
    keyOf.agreement.set(id, a.key);
    for (const c of a.categories) await client.query(`INSERT INTO "AgreementCategory" ("agreementId", "categoryCode") VALUES ($1, $2)`, [id, c]);
    for (const s of a.suppliers) await client.query(`INSERT INTO "AgreementSupplier" ("agreementId", "supplierId") VALUES ($1, $2)`, [id, supplierIds.get(s)]);
  }
}

/** Lines for one submission: random suppliers, categories (often left to the mapping), dates, amounts. */
function generateLines(submission: Submission, count: number, scale = 1n): Line[] {
  const inst = INSTITUTIONS.find((i) => i.key === submission.institution)!;
  const days = quarterDays(submission.quarter);
  const out: Line[] = [];
  for (let k = 0; k < count; k++) {
    // The agency format has no date; line formats mostly do.
    const purchaseDate = submission.format === "AGENCY" || random() < 0.1 ? null : days[Math.floor(random() * days.length)]!;
    const day = purchaseDate ?? days.at(-1)!;
    const ministry = membershipOn(inst, day)?.ministry ?? inst.ministry;
    const pick = random();
    let supplierCvr: string | null;
    let supplierName: string;
    let categoryCode: string | null;
    if (pick < 0.06) {
      supplierCvr = null;
      supplierName = NO_CVR_NAMES[Math.floor(random() * NO_CVR_NAMES.length)]!;
      categoryCode = random() < 0.8 ? CATEGORIES[Math.floor(random() * CATEGORIES.length)]! : null;
    } else if (pick < 0.1) {
      supplierCvr = UNKNOWN_CVR;
      supplierName = random() < 0.5 ? "Ukendt Leverandør ApS" : "Ukendt Leverandoer ApS";
      categoryCode = random() < 0.7 ? "1920" : null;
    } else {
      const s = suppliers[Math.floor(random() * suppliers.length)]!;
      supplierCvr = s.cvr;
      supplierName = `${s.name} (som på fakturaen)`;
      // A third leave the category to the supplier's mapping; some state another category.
      const r = random();
      categoryCode = r < 0.35 ? null : r < 0.9 ? s.category : CATEGORIES[Math.floor(random() * CATEGORIES.length)]!;
    }
    const amountOre = (BigInt(Math.floor(random() * 5_000_000)) + 100n) * scale;
    out.push({
      submission: submission.id,
      institution: inst.key,
      ministry,
      quarter: submission.quarter,
      purchaseDate,
      supplierCvr,
      supplierName,
      categoryCode,
      amountOre,
      ecommerce: random() < 0.4,
    });
  }
  return out;
}

async function addSubmission(
  institution: string,
  quarter: string,
  format: Submission["format"],
  status: Submission["status"],
  count: number,
  options: { feedBatch?: string; scale?: bigint } = {},
): Promise<Submission> {
  const id = await insertReturning(`SELECT nextval(pg_get_serial_sequence('"Submission"', 'id'))::int AS id`, []);
  const submission: Submission = { id, institution, quarter, format, status, feedBatch: options.feedBatch ?? null };
  const generated = generateLines(submission, count, options.scale ?? 1n);
  await client.query(
    `INSERT INTO "Submission" ("id", "institutionId", "quarter", "format", "status", "feedBatch", "lineCount", "totalOre")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, ids.institution.get(institution), quarter, format, status, submission.feedBatch, generated.length, generated.reduce((a, l) => a + l.amountOre, 0n).toString()],
  );
  await insertPurchaseLines(
    client,
    generated.map(
      (l): PurchaseLineRow => ({
        submissionId: id,
        institutionId: ids.institution.get(l.institution)!,
        ministryId: ids.ministry.get(l.ministry)!,
        quarter: l.quarter,
        purchaseDate: l.purchaseDate,
        supplierCvr: l.supplierCvr,
        supplierName: l.supplierName,
        categoryCode: l.categoryCode,
        amountOre: l.amountOre,
        ecommerce: l.ecommerce,
        ean: null,
      }),
    ),
  );
  submissions.push(submission);
  lines.push(...generated);
  return submission;
}

/** Marks the institution's active manual submission for the quarter SUPERSEDED (as an import does). */
async function supersedeManual(institution: string, quarter: string): Promise<void> {
  for (const s of submissions) {
    if (s.institution === institution && s.quarter === quarter && s.format !== "SKS_FEED" && s.status === "ACTIVE") {
      s.status = "SUPERSEDED";
      await client.query(`UPDATE "Submission" SET "status" = 'SUPERSEDED', "supersededAt" = now() WHERE "id" = $1`, [s.id]);
    }
  }
}

type Actual = Expected;

async function actualFigures(): Promise<Actual> {
  const result: Actual = { compliance: new Map(), leakage: new Map(), ecommerce: new Map() };
  const c = await client.query<{ quarter: string; ministryId: number; agreementId: number; institutionId: number; num: string; den: string; lines: number }>(
    `SELECT "quarter", "ministryId", "agreementId", "institutionId", "numeratorOre"::text AS num, "denominatorOre"::text AS den, "lineCount" AS lines
       FROM "ComplianceRollup"`,
  );
  for (const r of c.rows) {
    const key = `${r.quarter}|${keyOf.ministry.get(r.ministryId)}|${keyOf.agreement.get(r.agreementId)}|${keyOf.institution.get(r.institutionId)}`;
    expect(result.compliance.has(key), `duplicate rollup row ${key}`).toBe(false);
    result.compliance.set(key, { num: BigInt(r.num), den: BigInt(r.den), lines: r.lines });
  }
  const k = await client.query<{ quarter: string; ministryId: number; agreementId: number; supplierCvr: string | null; supplierName: string; amount: string }>(
    `SELECT "quarter", "ministryId", "agreementId", "supplierCvr", "supplierName", "amountOre"::text AS amount FROM "ComplianceLeakage"`,
  );
  for (const r of k.rows) {
    const key = `${r.quarter}|${keyOf.ministry.get(r.ministryId)}|${keyOf.agreement.get(r.agreementId)}|${r.supplierCvr ?? `navn:${r.supplierName}`}`;
    expect(result.leakage.has(key), `duplicate leakage row ${key}`).toBe(false);
    result.leakage.set(key, BigInt(r.amount));
  }
  const e = await client.query<{ quarter: string; ministryId: number; institutionId: number; total: string; ecom: string; lines: number }>(
    `SELECT "quarter", "ministryId", "institutionId", "totalOre"::text AS total, "ecommerceOre"::text AS ecom, "lineCount" AS lines FROM "EcommerceRollup"`,
  );
  for (const r of e.rows) {
    result.ecommerce.set(`${r.quarter}|${keyOf.ministry.get(r.ministryId)}|${keyOf.institution.get(r.institutionId)}`, {
      total: BigInt(r.total),
      ecom: BigInt(r.ecom),
      lines: r.lines,
    });
  }
  return result;
}

const sorted = <V>(map: Map<string, V>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

async function expectRollupMatchesOracle(): Promise<Expected> {
  const expected = expectedFigures(lines, submissions, suppliers);
  const actual = await actualFigures();
  expect(sorted(actual.compliance)).toEqual(sorted(expected.compliance));
  expect(sorted(actual.leakage)).toEqual(sorted(expected.leakage));
  expect(sorted(actual.ecommerce)).toEqual(sorted(expected.ecommerce));
  return expected;
}

/** The figures per ministry x agreement for a quarter, summed over institutions. */
function byMinistryAgreement(expected: Expected, quarter: string): Map<string, { num: bigint; den: bigint }> {
  const out = new Map<string, { num: bigint; den: bigint }>();
  for (const [key, value] of expected.compliance) {
    const [q, m, a] = key.split("|");
    if (q !== quarter) continue;
    const entry = out.get(`${m}|${a}`) ?? { num: 0n, den: 0n };
    entry.num += value.num;
    entry.den += value.den;
    out.set(`${m}|${a}`, entry);
  }
  return out;
}

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await seedWorld();
  for (const quarter of QUARTERS) {
    for (const inst of INSTITUTIONS) {
      // An earlier manual version, superseded, with amounts a thousand times larger: a mistake shows.
      await addSubmission(inst.key, quarter, "LINES", "SUPERSEDED", 60, { scale: 1000n });
      await addSubmission(inst.key, quarter, inst.key === "i2" ? "AGENCY" : "LINES", "ACTIVE", 220);
      if (inst.key === "i3" || inst.key === "moved" || inst.key === "turns") {
        await addSubmission(inst.key, quarter, "SKS_FEED", "ACTIVE", 120, { feedBatch: `${quarter}-a` });
        await addSubmission(inst.key, quarter, "SKS_FEED", "ACTIVE", 80, { feedBatch: `${quarter}-b` });
      }
    }
  }
});

afterAll(async () => {
  await client?.end();
  const { prisma: appClient } = await import("@/lib/db/client");
  await appClient.$disconnect();
  await db?.drop();
});

describe("the compliance rollup", () => {
  it("finds every quarter stale before the first computation", async () => {
    expect(await staleQuarters(client, QUARTERS)).toEqual(QUARTERS);
  });

  it("equals the independent computation to the øre after a full refresh of each quarter", async () => {
    for (const quarter of QUARTERS) {
      const result = await refreshCompliance(client, { quarter });
      expect(result).toMatchObject({ quarter, mode: "full" });
    }
    expect(await staleQuarters(client, QUARTERS)).toEqual([]);
    const expected = await expectRollupMatchesOracle();

    // The data exercise what they are meant to.
    const active = new Set(submissions.filter((s) => s.status === "ACTIVE").map((s) => s.id));
    const mapped = lines.filter((l) => active.has(l.submission) && l.categoryCode === null && l.supplierCvr && suppliers.find((s) => s.cvr === l.supplierCvr)?.category);
    expect(mapped.length).toBeGreaterThan(100);
    const keys = [...expected.compliance.keys()];
    // The moved institution counts for M1 before the move and for M2 after it, within 2026Q1.
    expect(keys.some((k) => k.startsWith("2026Q1|M1|") && k.endsWith("|moved"))).toBe(true);
    expect(keys.some((k) => k.startsWith("2026Q1|M2|") && k.endsWith("|moved"))).toBe(true);
    expect(keys.some((k) => k.startsWith("2026Q2|M1|") && k.endsWith("|moved"))).toBe(false);
    // Voluntary customers never count; the one that turns obligated counts from February 2026.
    expect(keys.some((k) => k.endsWith("|voluntary") || k.endsWith("|selfowned"))).toBe(false);
    expect(keys.some((k) => k.startsWith("2025Q4|") && k.endsWith("|turns"))).toBe(false);
    expect(keys.some((k) => k.startsWith("2026Q1|") && k.endsWith("|turns"))).toBe(true);
    // Which agreements are measured when.
    const agreementsIn = (quarter: string) => new Set(keys.filter((k) => k.startsWith(quarter)).map((k) => k.split("|")[2]));
    expect([...agreementsIn("2025Q4")].sort()).toEqual(["A1", "A2", "A4", "A6"]);
    expect([...agreementsIn("2026Q1")].sort()).toEqual(["A1", "A2", "A5"]);
    expect([...agreementsIn("2026Q2")].sort()).toEqual(["A1", "A2", "A5"]);
    // Leakage includes lines without supplier CVR and with an unknown CVR.
    expect([...expected.leakage.keys()].some((k) => k.endsWith("|navn:Personligt udlæg"))).toBe(true);
    expect([...expected.leakage.keys()].some((k) => k.endsWith(`|${UNKNOWN_CVR}`))).toBe(true);
    // Superseded amounts are a thousand times larger: a denominator that included one would be far off.
    const total = [...expected.ecommerce.values()].reduce((a, e) => a + e.total, 0n);
    const supersededTotal = lines.filter((l) => !active.has(l.submission)).reduce((a, l) => a + l.amountOre, 0n);
    expect(supersededTotal).toBeGreaterThan(total * 10n);
  });

  it("per ministry x agreement: numerator + leakage = denominator", async () => {
    const expected = expectedFigures(lines, submissions, suppliers);
    for (const quarter of QUARTERS) {
      const { rows } = await client.query<{ ministryId: number; agreementId: number; num: string; den: string; leak: string }>(
        `SELECT r."ministryId", r."agreementId", sum(r."numeratorOre")::text AS num, sum(r."denominatorOre")::text AS den,
                (SELECT COALESCE(sum(k."amountOre"), 0)::text FROM "ComplianceLeakage" k
                  WHERE k."quarter" = r."quarter" AND k."ministryId" = r."ministryId" AND k."agreementId" = r."agreementId") AS leak
           FROM "ComplianceRollup" r WHERE r."quarter" = $1 GROUP BY r."quarter", r."ministryId", r."agreementId"`,
        [quarter],
      );
      const oracle = byMinistryAgreement(expected, quarter);
      expect(rows.length).toBe(oracle.size);
      for (const row of rows) {
        const want = oracle.get(`${keyOf.ministry.get(row.ministryId)}|${keyOf.agreement.get(row.agreementId)}`)!;
        expect({ num: BigInt(row.num), den: BigInt(row.den) }).toEqual(want);
        expect(BigInt(row.num) + BigInt(row.leak)).toBe(BigInt(row.den));
      }
    }
  });

  it("refreshes one institution incrementally after a superseding submission, its ministries' leakage included", async () => {
    await supersedeManual("moved", "2026Q1");
    await addSubmission("moved", "2026Q1", "LINES", "ACTIVE", 150);
    await supersedeManual("i1", "2026Q1");
    await addSubmission("i1", "2026Q1", "AGENCY", "ACTIVE", 90);
    const result = await refreshCompliance(client, { quarter: "2026Q1", institutionIds: [ids.institution.get("moved")!, ids.institution.get("i1")!] });
    expect(result.mode).toBe("institutions");
    await expectRollupMatchesOracle();
    expect(await staleQuarters(client, QUARTERS)).toEqual([]);
  });

  it("is refreshed by the purchase-data import itself, in the import's transaction", async () => {
    const { importWithClient } = await import("@/lib/purchase-data/run");
    const { sourceFromFile } = await import("@/lib/purchase-data/sources");
    const { quarterFromCode } = await import("@/lib/purchase-data/quarter");
    const i1 = INSTITUTIONS.findIndex((i) => i.key === "i1");
    const csv = [
      "År;Kvartal;Virk_CVR;Virksomhedsnavn;Kategorikode;Indkøbskategori;Kreditor_CVR;Kreditor_Navn;Beløb",
      `2026;2;${INSTITUTION_CVRS[i1]};Institution i1;1920;Kontorartikler;;Udenlandsk Leverandør GmbH;1.234,56`,
      `2026;2;${INSTITUTION_CVRS[i1]};Institution i1;1210;Rengøring;;Personligt udlæg;100,00`,
      `2026;2;${INSTITUTION_CVRS[i1]};Institution i1;1700;Andet;;Personligt udlæg;99,99`,
    ].join("\r\n");
    const dir = mkdtempSync(path.join(tmpdir(), "sip-compliance-"));
    try {
      const file = path.join(dir, "i1-2026Q2.csv");
      writeFileSync(file, `${csv}\r\n`);
      const result = await importWithClient(client, {
        quarter: quarterFromCode("2026Q2")!,
        channel: "MANUAL",
        scope: { channel: "MANUAL", institutionIds: new Set([ids.institution.get("i1")!]), outsideMessage: "Kun egen institution" },
        actorId: null,
        source: await sourceFromFile(file, "i1-2026Q2.csv"),
        today: "2026-11-22",
      });
      expect(result.ok, result.ok ? "" : `${result.message} ${JSON.stringify(result.problems)}`).toBe(true);
      if (!result.ok) return;
      // The import superseded the institution's manual submission; the world follows.
      for (const s of submissions) if (s.institution === "i1" && s.quarter === "2026Q2" && s.format !== "SKS_FEED") s.status = "SUPERSEDED";
      const submission: Submission = { id: result.submissions[0]!.submissionId, institution: "i1", quarter: "2026Q2", format: "AGENCY", status: "ACTIVE", feedBatch: null };
      submissions.push(submission);
      const line = (categoryCode: string, supplierName: string, amountOre: bigint): Line => ({
        submission: submission.id, institution: "i1", ministry: "M1", quarter: "2026Q2", purchaseDate: null,
        supplierCvr: null, supplierName, categoryCode, amountOre, ecommerce: false,
      });
      lines.push(line("1920", "Udenlandsk Leverandør GmbH", 123_456n), line("1210", "Personligt udlæg", 10_000n), line("1700", "Personligt udlæg", 9_999n));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Nothing left for the lazy path: the hook did it.
    expect(await staleQuarters(client, QUARTERS)).toEqual([]);
    await expectRollupMatchesOracle();
  });

  it("catches up a submission written past the hook, and only that institution", async () => {
    await addSubmission("i3", "2026Q2", "SKS_FEED", "ACTIVE", 70, { feedBatch: "2026Q2-c" });
    expect(await staleQuarters(client, QUARTERS)).toEqual(["2026Q2"]);
    const results = await refreshStaleCompliance(client, QUARTERS);
    expect(results).toEqual([expect.objectContaining({ quarter: "2026Q2", mode: "institutions" })]);
    await expectRollupMatchesOracle();
  });

  it("recomputes after a master-data change (a supplier's category mapping)", async () => {
    await client.query(`UPDATE "Supplier" SET "categoryCode" = '1920' WHERE "cvr" = $1`, ["10000006"]);
    suppliers = suppliers.map((s) => (s.key === "s6" ? { ...s, category: "1920" } : s));
    expect(await staleQuarters(client, QUARTERS)).toEqual(QUARTERS);
    const results = await refreshStaleCompliance(client, QUARTERS);
    expect(results.map((r) => r.mode)).toEqual(["full", "full", "full"]);
    await expectRollupMatchesOracle();
  });

  it("gives the same tables incrementally as in full", async () => {
    const snapshot = async () =>
      (
        await client.query(
          `SELECT 'c' AS t, "quarter", "ministryId", "agreementId", "institutionId", "numeratorOre"::text, "denominatorOre"::text, NULL AS s FROM "ComplianceRollup"
           UNION ALL SELECT 'k', "quarter", "ministryId", "agreementId", NULL, "amountOre"::text, "lineCount"::text, COALESCE("supplierCvr", "supplierName") FROM "ComplianceLeakage"
           UNION ALL SELECT 's', "quarter", "ministryId", NULL, "institutionId", "amountOre"::text, "ecommerceOre"::text,
                            concat_ws('|', "obligated", "categoryCode", "supplierCvr", "supplierName", "lineCount") FROM "SpendRollup"
           ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
        )
      ).rows;
    await supersedeManual("i4", "2025Q4");
    await addSubmission("i4", "2025Q4", "LINES", "ACTIVE", 40);
    await refreshCompliance(client, { quarter: "2025Q4", institutionIds: [ids.institution.get("i4")!] });
    const incremental = await snapshot();
    await refreshCompliance(client, { quarter: "2025Q4" });
    expect(await snapshot()).toEqual(incremental);
    await expectRollupMatchesOracle();
  });

  it("a refresh is one statement: it rolls back with the caller's transaction", async () => {
    const before = await actualFigures();
    const statuses = submissions.map((s) => s.status);
    await client.query("BEGIN");
    await supersedeManual("i2", "2026Q2");
    await client.query(`DELETE FROM "Submission" WHERE "institutionId" = $1 AND "quarter" = '2026Q2'`, [ids.institution.get("i2")]);
    await refreshCompliance(client, { quarter: "2026Q2", institutionIds: [ids.institution.get("i2")!] });
    await client.query("ROLLBACK");
    submissions.forEach((s, index) => (s.status = statuses[index]!));
    expect(await actualFigures()).toEqual(before);
    await expectRollupMatchesOracle();
  });
});

// ---------------------------------------------------------------------------------------------
// The pages' queries: scopes, the line trail, the report
// ---------------------------------------------------------------------------------------------

describe("the pages' queries", () => {
  let queries: typeof import("@/lib/compliance/queries");
  let trail: typeof import("@/lib/compliance/trail");
  let report: typeof import("@/lib/compliance/report");
  let tender: typeof import("@/lib/compliance/tender");
  const users = new Map<string, CurrentUser>();

  async function addUser(email: string, role: CurrentUser["role"], ministry: string | null): Promise<void> {
    const ministryId = ministry ? ids.ministry.get(ministry)! : null;
    const id = await insertReturning(`INSERT INTO "User" ("email", "name", "role", "ministryId") VALUES ($1, $1, $2, $3) RETURNING "id"`, [email, role, ministryId]);
    users.set(email, { id, name: email, email, role, institutionId: null, institutionName: null, ministryId, ministryName: ministry, supplierId: null, supplierName: null });
  }

  beforeAll(async () => {
    await addUser("admin@test.dk", "ADMIN", null);
    await addUser("analytiker.m1@test.dk", "MINISTRY_ANALYST", "M1");
    await addUser("koncern.m1@test.dk", "GROUP_BUYER", "M1");
    await addUser("analytiker.m2@test.dk", "MINISTRY_ANALYST", "M2");
    process.env.DATABASE_URL = db.url;
    queries = await import("@/lib/compliance/queries");
    trail = await import("@/lib/compliance/trail");
    report = await import("@/lib/compliance/report");
    tender = await import("@/lib/compliance/tender");
  });

  const filter = (over: Partial<import("@/lib/compliance/trail-params").TrailFilter>) => ({
    ministryId: ids.ministry.get("M1")!,
    quarter: "2026Q1",
    figure: "aftale" as const,
    agreementId: null,
    institutionId: null,
    part: "alle" as const,
    supplierCvr: null,
    supplierName: null,
    ...over,
  });

  it("find a ministry within the user's scope and refuse another ministry's", async () => {
    const { findMinistryInScope } = await import("@/lib/organisation/queries");
    const analyst = users.get("analytiker.m1@test.dk")!;
    expect(await findMinistryInScope(analyst, ids.ministry.get("M1")!)).toMatchObject({ status: "found" });
    expect(await findMinistryInScope(analyst, ids.ministry.get("M2")!)).toEqual({ status: "missing" });
    expect(await findMinistryInScope(analyst, 999_999)).toEqual({ status: "missing" });
    expect(await findMinistryInScope(users.get("admin@test.dk")!, ids.ministry.get("M2")!)).toMatchObject({ status: "found" });
  });

  it("show on the dashboard the figures of the rollup, per agreement and in total", async () => {
    const expected = expectedFigures(lines, submissions, suppliers);
    const analyst = users.get("analytiker.m1@test.dk")!;
    const d = await queries.ministryDashboard(analyst, { id: ids.ministry.get("M1")!, name: "M1" }, "2026Q1", QUARTERS);
    const oracle = byMinistryAgreement(expected, "2026Q1");
    expect(d.agreements.map((a) => keyOf.agreement.get(a.agreementId)).sort()).toEqual(["A1", "A2", "A5"]);
    for (const a of d.agreements) {
      const want = oracle.get(`M1|${keyOf.agreement.get(a.agreementId)}`) ?? { num: 0n, den: 0n };
      expect({ num: a.numeratorOre, den: a.denominatorOre }).toEqual(want);
    }
    let ecom = 0n;
    let all = 0n;
    for (const [key, e] of expected.ecommerce) {
      if (!key.startsWith("2026Q1|M1|")) continue;
      ecom += e.ecom;
      all += e.total;
    }
    expect(d.ecommerce).toEqual({ numeratorOre: ecom, denominatorOre: all });
    expect(d.trend.map((t) => t.quarter)).toEqual(QUARTERS);
  });

  it("keep the dashboard's figures only while the quarters shown are unchanged: a refresh of the quarter or of a trend quarter shows on the next call", async () => {
    const analyst = users.get("analytiker.m1@test.dk")!;
    const m1 = { id: ids.ministry.get("M1")!, name: "M1" };
    const dashboard = () => queries.ministryDashboard(analyst, m1, "2026Q1", QUARTERS);
    const expectOracle = (d: Awaited<ReturnType<typeof dashboard>>) => {
      const expected = expectedFigures(lines, submissions, suppliers);
      for (const quarter of QUARTERS) {
        let num = 0n;
        let den = 0n;
        for (const [key, value] of byMinistryAgreement(expected, quarter)) {
          if (!key.startsWith("M1|")) continue;
          num += value.num;
          den += value.den;
        }
        expect(d.trend.find((t) => t.quarter === quarter)!.compliance, quarter).toEqual({ numeratorOre: num, denominatorOre: den });
      }
      const oracle = byMinistryAgreement(expected, "2026Q1");
      for (const a of d.agreements) expect({ num: a.numeratorOre, den: a.denominatorOre }).toEqual(oracle.get(`M1|${keyOf.agreement.get(a.agreementId)}`) ?? { num: 0n, den: 0n });
    };
    const first = await dashboard();
    expectOracle(first);
    expect((await dashboard()).agreements, "kept while nothing changed").toBe(first.agreements);

    // The quarter shown: i2 reports more lines, and the import's refresh of that institution.
    await supersedeManual("i2", "2026Q1");
    await addSubmission("i2", "2026Q1", "LINES", "ACTIVE", 30, { scale: 7n });
    await refreshCompliance(client, { quarter: "2026Q1", institutionIds: [ids.institution.get("i2")!] });
    const second = await dashboard();
    expect(second.total).not.toEqual(first.total);
    expectOracle(second);

    // A quarter of the trend only.
    await supersedeManual("i1", "2025Q4");
    await addSubmission("i1", "2025Q4", "LINES", "ACTIVE", 30, { scale: 5n });
    await refreshCompliance(client, { quarter: "2025Q4", institutionIds: [ids.institution.get("i1")!] });
    const third = await dashboard();
    expect(third.trend[0]).not.toEqual(second.trend[0]);
    expectOracle(third);

    // Another ministry's analyst does not get M1's kept figures: the scope is in the key and the WHERE.
    const outsider = await queries.ministryDashboard(users.get("analytiker.m2@test.dk")!, m1, "2026Q1", QUARTERS);
    expect(outsider.agreements.every((a) => a.denominatorOre === 0n)).toBe(true);
    expect(outsider.institutions).toEqual([]);
  });

  it("list exactly the lines behind each figure: their sum is the figure", async () => {
    const admin = users.get("admin@test.dk")!;
    const expected = expectedFigures(lines, submissions, suppliers);
    for (const quarter of QUARTERS) {
      for (const [key, want] of byMinistryAgreement(expected, quarter)) {
        const [ministry, agreement] = key.split("|");
        const base = filter({ quarter, ministryId: ids.ministry.get(ministry!)!, agreementId: ids.agreement.get(agreement!)! });
        expect((await trail.trailTotals(admin, base)).amountOre).toBe(want.den);
        expect((await trail.trailTotals(admin, { ...base, part: "aftale" })).amountOre).toBe(want.num);
        expect((await trail.trailTotals(admin, { ...base, part: "udenfor" })).amountOre).toBe(want.den - want.num);
      }
    }
    // One institution, one leakage supplier: the rollup's numbers again.
    const movedM1 = expected.compliance.get("2026Q1|M1|A1|moved")!;
    const one = filter({ agreementId: ids.agreement.get("A1")!, institutionId: ids.institution.get("moved")! });
    expect(await trail.trailTotals(admin, one)).toEqual({ lines: movedM1.lines, amountOre: movedM1.den });
    const leak = expected.leakage.get(`2026Q1|M1|A1|${UNKNOWN_CVR}`)!;
    expect((await trail.trailTotals(admin, filter({ agreementId: ids.agreement.get("A1")!, part: "udenfor", supplierCvr: UNKNOWN_CVR }))).amountOre).toBe(leak);
    const personal = expected.leakage.get("2026Q1|M1|A1|navn:Personligt udlæg");
    expect((await trail.trailTotals(admin, filter({ agreementId: ids.agreement.get("A1")!, part: "udenfor", supplierName: "Personligt udlæg" }))).amountOre).toBe(personal ?? 0n);
    // All agreements at once: the ministry's total, a line once per agreement it counts for.
    const total = [...byMinistryAgreement(expected, "2025Q4")].filter(([k]) => k.startsWith("M1|")).reduce((sum, [, v]) => sum + v.den, 0n);
    expect((await trail.trailTotals(admin, filter({ quarter: "2025Q4" }))).amountOre).toBe(total);
    // E-commerce.
    let ecom = 0n;
    for (const [key, e] of expected.ecommerce) if (key.startsWith("2026Q2|M3|")) ecom += e.ecom;
    expect((await trail.trailTotals(admin, filter({ quarter: "2026Q2", ministryId: ids.ministry.get("M3")!, figure: "ehandel", part: "ehandel" }))).amountOre).toBe(ecom);
    // The pages and the export agree.
    const page = await trail.trailPage(admin, one, 1);
    expect(page.length).toBe(Math.min(movedM1.lines, trail.TRAIL_PAGE_SIZE));
    let exported = 0n;
    let count = 0;
    for await (const line of trail.trailLines(admin, one)) {
      exported += line.amountOre;
      count++;
    }
    expect({ count, exported }).toEqual({ count: movedM1.lines, exported: movedM1.den });
  });

  it("export the lines of every figure, part and narrowing: the file's lines and sum are the page's", async () => {
    // Every combination the trail's URL can name (issue 16 item 9: figur=ehandel's export failed on
    // its keyset, ORDER BY a constant).
    const admin = users.get("admin@test.dk")!;
    const narrowings: Partial<import("@/lib/compliance/trail-params").TrailFilter>[] = [
      {},
      { institutionId: ids.institution.get("moved")! },
      { supplierCvr: UNKNOWN_CVR },
      { supplierName: "Personligt udlæg" },
    ];
    const figures = [
      ...(["alle", "aftale", "udenfor"] as const).flatMap((part) =>
        [null, ids.agreement.get("A1")!].map((agreementId) => ({ figure: "aftale" as const, part, agreementId })),
      ),
      ...(["alle", "ehandel", "ikke-ehandel"] as const).map((part) => ({ figure: "ehandel" as const, part, agreementId: null })),
    ];
    for (const quarter of QUARTERS) {
      for (const ministry of ["M1", "M3"]) {
        for (const figure of figures) {
          for (const narrowing of narrowings) {
            const one = filter({ quarter, ministryId: ids.ministry.get(ministry)!, ...figure, ...narrowing });
            const totals = await trail.trailTotals(admin, one);
            let exported = 0n;
            let count = 0;
            // A small batch, so the keyset's second and later pages are read too.
            for await (const line of trail.trailLines(admin, one, undefined, 7)) {
              exported += line.amountOre;
              count++;
            }
            expect({ count, exported }, JSON.stringify({ quarter, ministry, ...figure, ...narrowing })).toEqual({ count: totals.lines, exported: totals.amountOre });
            expect((await trail.trailPage(admin, one, 1)).length).toBe(Math.min(totals.lines, trail.TRAIL_PAGE_SIZE));
          }
        }
      }
    }
  });

  it("keep the lines in the user's scope even when the filter names another ministry", async () => {
    const other = users.get("analytiker.m2@test.dk")!;
    expect(await trail.trailTotals(other, filter({ agreementId: ids.agreement.get("A1")! }))).toEqual({ lines: 0, amountOre: 0n });
    const rows = await tender.spendBySupplier(other, { category: "1920", from: "2025Q4", to: "2026Q2", customers: "alle", ministryId: null }, QUARTERS);
    const m2 = lines.filter(
      (l) => l.ministry === "M2" && submissions.find((s) => s.id === l.submission)!.status === "ACTIVE" &&
        (l.categoryCode ?? (l.supplierCvr ? (suppliers.find((s) => s.cvr === l.supplierCvr)?.category ?? null) : null)) === "1920",
    );
    expect(rows.reduce((sum, r) => sum + r.totalOre, 0n)).toBe(m2.reduce((sum, l) => sum + l.amountOre, 0n));
  });

  it("produce every ministry's report for a quarter and send each to its analysts and group buyer", async () => {
    const admin = users.get("admin@test.dk")!;
    const { reports, message } = await report.produceAndSendReports(admin, "2026Q1");
    expect(reports.map((r) => r.ministryName).sort()).toEqual(["Ministerium M1", "Ministerium M2", "Ministerium M3"]);
    expect(message).toContain("3 ministerier");
    const messages = await client.query<{ recipientUserId: number; link: string; subject: string }>(
      `SELECT "recipientUserId", "link", "subject" FROM "OutboxMessage" ORDER BY "recipientUserId"`,
    );
    const m1 = reports.find((r) => r.ministryName === "Ministerium M1")!;
    expect(messages.rows.filter((r) => r.link === `/compliance/rapporter/${m1.reportId}`).map((r) => r.recipientUserId).sort()).toEqual(
      [users.get("analytiker.m1@test.dk")!.id, users.get("koncern.m1@test.dk")!.id].sort(),
    );
    expect(messages.rows.some((r) => r.recipientUserId === users.get("admin@test.dk")!.id)).toBe(false);
    const stored = await report.storedReport(users.get("analytiker.m1@test.dk")!, m1.reportId);
    expect(stored.status).toBe("found");
    if (stored.status === "found") expect(Buffer.from(stored.value.content).subarray(0, 2).toString()).toBe("PK");
    expect((await report.storedReport(users.get("analytiker.m2@test.dk")!, m1.reportId)).status).toBe("missing");
    const expected = expectedFigures(lines, submissions, suppliers);
    const total = [...byMinistryAgreement(expected, "2026Q1")].filter(([k]) => k.startsWith("M1|")).reduce(
      (sum, [, v]) => ({ num: sum.num + v.num, den: sum.den + v.den }),
      { num: 0n, den: 0n },
    );
    if (stored.status === "found") expect({ num: stored.value.numeratorOre, den: stored.value.denominatorOre }).toEqual(total);
  });
});

describe("another institution's own agreement on the compliance pages", () => {
  const viewer = (role: CurrentUser["role"], ministry: string | null): CurrentUser => ({
    id: 0,
    name: role,
    email: `${role}@test.dk`,
    role,
    institutionId: null,
    institutionName: null,
    ministryId: ministry ? ids.ministry.get(ministry)! : null,
    ministryName: ministry,
    supplierId: null,
    supplierName: null,
  });

  it("is neither shown nor named outside the owner's scope", async () => {
    process.env.DATABASE_URL = db.url;
    const queries = await import("@/lib/compliance/queries");
    const trail = await import("@/lib/compliance/trail");
    const owner = (await client.query<{ id: number }>(`SELECT "id" FROM "Institution" WHERE "ministryId" = $1 LIMIT 1`, [ids.ministry.get("M2")])).rows[0]!.id;
    const own = await insertReturning(
      `INSERT INTO "Agreement" ("reference", "name", "sortKey", "kind", "validFrom", "validTo", "ownerInstitutionId")
       VALUES ('EGEN-1', 'Egen hemmelig aftale', 'egen hemmelig aftale', 'OWN', '2020-01-01', '2030-12-31', $1) RETURNING "id"`,
      [owner],
    );
    const outsider = viewer("MINISTRY_ANALYST", "M1");
    expect(await queries.agreementInfo(outsider, own, "2026Q1")).toBeNull();
    expect(await queries.agreementInfo(viewer("MINISTRY_ANALYST", "M2"), own, "2026Q1")).toMatchObject({ name: "Egen hemmelig aftale" });
    expect(await queries.agreementInfo(viewer("ADMIN", null), own, "2026Q1")).toMatchObject({ name: "Egen hemmelig aftale" });
    expect(await queries.agreementInfo(outsider, ids.agreement.get("A1")!, "2026Q1")).toMatchObject({ measured: true });

    const filter = (agreementId: number) => ({
      ministryId: ids.ministry.get("M1")!,
      quarter: "2026Q1",
      figure: "aftale" as const,
      agreementId,
      institutionId: null,
      part: "alle" as const,
      supplierCvr: null,
      supplierName: null,
    });
    expect(await trail.trailHeading(outsider, filter(own), "M1")).toBeNull();
    expect(await trail.trailHeading(outsider, filter(ids.agreement.get("A1")!), "M1")).toMatch(/A1/);
  });
});

describe("a quarter another transaction is refreshing", () => {
  it("is left as it is without waiting ('busy'), and refreshed once the other is done", async () => {
    await client.query(`UPDATE "ComplianceQuarter" SET "stale" = true WHERE "quarter" = '2026Q2'`);
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      // Holds the quarter's refresh lock until ROLLBACK, as an import's final phase does until its commit.
      await other.query(`SELECT "compliance_refresh_stale"('2026Q2', true)`);
      expect(await refreshStaleCompliance(client, ["2026Q2"], { wait: false })).toEqual([{ quarter: "2026Q2", mode: "busy" }]);
      await other.query("ROLLBACK");
    } finally {
      await other.end();
    }
    expect(await refreshStaleCompliance(client, ["2026Q2"], { wait: false })).toEqual([expect.objectContaining({ quarter: "2026Q2", mode: "full" })]);
    expect(await staleQuarters(client, ["2026Q2"])).toEqual([]);
  });
});
