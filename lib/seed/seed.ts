/**
 * The demo seed: writes lib/seed/demo-data.ts and synthetic purchase lines into a migrated database.
 *
 * - Idempotent: when the Ministry table already has rows, nothing is written.
 * - All or nothing: everything is written in ONE transaction on ONE pg connection (the embedded
 *   PGlite database serves a single connection, so no second one is ever opened meanwhile).
 * - Fast: plain multi-row INSERTs for master data, unnest batches for purchase lines
 *   (lib/db/bulk-insert.ts).
 *
 * Also exported for scripts/generate-synthetic.ts: loading the generator's world from the database
 * and writing a quarter of synthetic lines with their submissions.
 */
import pg from "pg";
import bcrypt from "bcryptjs";
import { refreshAgreementUse } from "../ceilings/refresh";
import { danishSortKey } from "../domain/danish-sort";
import { PurchaseLineWriter, type SqlClient } from "../db/bulk-insert";
import { writeDemoSalesReports } from "./sales-reports";
import {
  DATA_QUARTERS,
  DEMO_AGREEMENTS,
  DEMO_BCRYPT_COST,
  DEMO_CATEGORIES,
  DEMO_DEADLINES,
  DEMO_ENROLMENTS,
  DEMO_INSTITUTIONS,
  DEMO_JOIN_REQUESTS,
  DEMO_MINISTRIES,
  DEMO_PASSWORD,
  DEMO_PHASES,
  DEMO_RESERVATIONS,
  DEMO_SUPPLIERS,
  DEMO_USERS,
  demoAgreementParties,
} from "./demo-data";
import {
  PurchaseLineGenerator,
  allocateLines,
  quarterInfo,
  type GeneratorInstitution,
  type GeneratorWorld,
} from "./purchase-lines";

/** Enough for the demo's dashboards: 4 quarters x 15,000 = 60,000 lines. */
export const DEFAULT_LINES_PER_QUARTER = 15_000;
/** The seed of the demo's purchase lines; the same seed gives the same lines. */
export const DEMO_GENERATOR_SEED = 20261122;
// Any fixed number: serialises concurrent seed runs against the same database.
const SEED_LOCK_KEY = 72707370;

export type SeedCounts = {
  ministries: number;
  institutions: number;
  memberships: number;
  eanLocations: number;
  categories: number;
  phases: number;
  suppliers: number;
  agreements: number;
  agreementParties: number;
  deadlines: number;
  users: number;
  enrolments: number;
  reservations: number;
  submissions: number;
  purchaseLines: number;
};

export type SeedResult = {
  /** False when demo data was already present and nothing was written. */
  seeded: boolean;
  message: string;
  /** Rows in the tables after the run. */
  counts: SeedCounts;
  durationMs: number;
};

export type SeedOptions = {
  /** Purchase lines per data quarter (2025Q4-2026Q3), split over all institutions. Default 15,000. */
  purchaseLinesPerQuarter?: number;
};

type Row = Record<string, unknown>;

/**
 * Multi-row INSERT in chunks that stay below PostgreSQL's 65,535 parameters. Parameters are sent
 * untyped, so each takes its target column's type (enums, dates, jsonb included).
 */
async function insertRows(
  client: pg.ClientBase,
  table: string,
  columns: string[],
  rows: unknown[][],
  returning?: string,
): Promise<Row[]> {
  const out: Row[] = [];
  const perChunk = Math.max(1, Math.floor(60_000 / columns.length));
  const columnList = columns.map((c) => `"${c}"`).join(", ");
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      if (row.length !== columns.length) throw new Error(`${table}: row has ${row.length} values for ${columns.length} columns`);
      const placeholders = row.map((value) => {
        values.push(value);
        return `$${values.length}`;
      });
      return `(${placeholders.join(", ")})`;
    });
    const sql = `INSERT INTO "${table}" (${columnList}) VALUES ${tuples.join(", ")}${returning ? ` RETURNING ${returning}` : ""}`;
    const result = await client.query(sql, values);
    out.push(...(result.rows as Row[]));
  }
  return out;
}

function idMap<K extends string | number>(rows: Row[], key: string): Map<K, number> {
  return new Map(rows.map((r) => [r[key] as K, Number(r.id)]));
}

function need<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo data refers to unknown ${what} ${String(key)}`);
  return value;
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function countDemoRows(client: pg.ClientBase): Promise<SeedCounts> {
  const { rows } = await client.query(`SELECT
      (SELECT count(*) FROM "Ministry")::int AS ministries,
      (SELECT count(*) FROM "Institution")::int AS institutions,
      (SELECT count(*) FROM "InstitutionMembership")::int AS memberships,
      (SELECT count(*) FROM "EanLocation")::int AS "eanLocations",
      (SELECT count(*) FROM "Category")::int AS categories,
      (SELECT count(*) FROM "Phase")::int AS phases,
      (SELECT count(*) FROM "Supplier")::int AS suppliers,
      (SELECT count(*) FROM "Agreement")::int AS agreements,
      (SELECT count(*) FROM "AgreementParty")::int AS "agreementParties",
      (SELECT count(*) FROM "Deadline")::int AS deadlines,
      (SELECT count(*) FROM "User")::int AS users,
      (SELECT count(*) FROM "Enrolment")::int AS enrolments,
      (SELECT count(*) FROM "Reservation")::int AS reservations,
      (SELECT count(*) FROM "Submission")::int AS submissions,
      (SELECT count(*) FROM "PurchaseLine")::int AS "purchaseLines"`);
  return rows[0] as SeedCounts;
}

/**
 * Seeds the demo data into the database at `databaseUrl` unless it is already there.
 * Needs the migrations applied. Safe to run concurrently (an advisory lock serialises runs).
 */
export async function seedDemoData(databaseUrl: string, options: SeedOptions = {}): Promise<SeedResult> {
  const started = Date.now();
  const linesPerQuarter = options.purchaseLinesPerQuarter ?? DEFAULT_LINES_PER_QUARTER;
  if (!Number.isInteger(linesPerQuarter) || linesPerQuarter < 0) {
    throw new Error(`purchaseLinesPerQuarter must be a non-negative integer: ${linesPerQuarter}`);
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock($1)", [SEED_LOCK_KEY]);
      const existing = await client.query(`SELECT count(*)::int AS n FROM "Ministry"`);
      if ((existing.rows[0] as { n: number }).n > 0) {
        await client.query("ROLLBACK");
        return {
          seeded: false,
          message: "Demodata findes allerede (tabellen Ministry er ikke tom); intet er skrevet.",
          counts: await countDemoRows(client),
          durationMs: Date.now() - started,
        };
      }
      const passwordHash = await bcrypt.hash(DEMO_PASSWORD, DEMO_BCRYPT_COST);
      await writeMasterData(client, passwordHash);
      const world = await loadGeneratorWorld(client);
      const generator = new PurchaseLineGenerator(world.generatorWorld, DEMO_GENERATOR_SEED);
      for (const quarter of DATA_QUARTERS) {
        const end = quarterInfo(quarter).end;
        await writeQuarterLines(client, generator, world, {
          quarter,
          totalLines: linesPerQuarter,
          createdAt: (format) =>
            format === "SKS_FEED" ? `${addDays(end, 12)}T05:00:00Z` : `${addDays(end, 40)}T09:30:00Z`,
        });
      }
      // The compliance figures of the demo quarters, so the first dashboard view need not compute them.
      for (const quarter of DATA_QUARTERS) await client.query(`SELECT "compliance_refresh"($1::text)`, [quarter]);
      // The suppliers' sales reports and the full reconciliation of the demo quarters (lib/seed/sales-reports.ts).
      await writeDemoSalesReports(client);
      await writeDemoCeilings(client);
      const counts = await countDemoRows(client);
      await client.query("COMMIT");
      return {
        seeded: true,
        message: `Demodata skrevet: ${counts.institutions} institutioner, ${counts.agreements} aftaler, ${counts.purchaseLines} indkøbslinjer.`,
        counts,
        durationMs: Date.now() - started,
      };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } finally {
    await client.end();
  }
}

/** The agreement with most of its maximum used in the demo (about 96 %: both warnings given). */
export const DEMO_NEARLY_EXHAUSTED = "SIP 11.06";
/** The agreement left without a maximum ("maksimum ikke registreret"), besides the institutions' own. */
export const DEMO_WITHOUT_MAXIMUM = "SIP 12.04";

/**
 * The agreements' estimated and maximum values, from their use in the demo's purchase data (so that
 * the figures look like an agreement's life): the maximum is two and a half times the use so far in
 * whole millions (at least 5 mio. kr.), the estimate 60 % of it; DEMO_NEARLY_EXHAUSTED is set just
 * above its use, DEMO_WITHOUT_MAXIMUM and own agreements get none. Then the warnings due are given.
 */
async function writeDemoCeilings(client: pg.ClientBase): Promise<void> {
  await refreshAgreementUse(client);
  await client.query(
    `UPDATE "Agreement" a
        SET "maximumValueOre" = v.maximum, "estimatedValueOre" = round(v.maximum * 0.6 / 100000000) * 100000000
       FROM (SELECT a2."id",
                    CASE WHEN a2."reference" = $1 THEN GREATEST(ceil(COALESCE(u."useOre", 0) / 0.96 / 100000) * 100000, 100000)
                         ELSE GREATEST(ceil(COALESCE(u."useOre", 0) * 2.5 / 100000000) * 100000000, 500000000) END::bigint AS maximum
               FROM "Agreement" a2 LEFT JOIN "AgreementUse" u ON u."agreementId" = a2."id") v
      WHERE v."id" = a."id" AND a."kind" <> 'OWN' AND a."reference" <> $2`,
    [DEMO_NEARLY_EXHAUSTED, DEMO_WITHOUT_MAXIMUM],
  );
  await refreshAgreementUse(client);
}

/** Everything but the purchase lines. Runs inside the caller's transaction. */
async function writeMasterData(client: pg.ClientBase, passwordHash: string): Promise<void> {
  const ministryIds = idMap<string>(
    await insertRows(client, "Ministry", ["code", "name"], DEMO_MINISTRIES.map((m) => [m.code, m.name]), "id, code"),
    "code",
  );
  const ministry = (code: string) => need(ministryIds, code, "ministry");

  const institutionIdsByCvr = idMap<string>(
    await insertRows(
      client,
      "Institution",
      ["cvr", "name", "sortKey", "kind", "customerType", "dataChannel", "ministryId", "address"],
      DEMO_INSTITUTIONS.map((i) => [
        i.cvr,
        i.name,
        danishSortKey(i.name),
        i.kind,
        i.customerType,
        i.dataChannel,
        ministry(i.ministryCode),
        i.address,
      ]),
      "id, cvr",
    ),
    "cvr",
  );
  const institutionIds = new Map(DEMO_INSTITUTIONS.map((i) => [i.key, need(institutionIdsByCvr, i.cvr, "institution")]));
  const institution = (key: string) => need(institutionIds, key, "institution");

  await insertRows(
    client,
    "InstitutionMembership",
    ["institutionId", "ministryId", "customerType", "validFrom", "validTo"],
    DEMO_INSTITUTIONS.flatMap((i) =>
      i.memberships.map((m) => [institution(i.key), ministry(m.ministryCode), m.customerType, m.validFrom, m.validTo]),
    ),
  );
  await insertRows(
    client,
    "EanLocation",
    ["ean", "name", "institutionId", "accountingInstitution", "bookingCircle"],
    DEMO_INSTITUTIONS.flatMap((i) =>
      i.eanLocations.map((l) => [l.ean, l.name, institution(i.key), l.accountingInstitution, l.bookingCircle]),
    ),
  );
  await insertRows(
    client,
    "Category",
    ["code", "name", "hasMandatoryAgreements"],
    DEMO_CATEGORIES.map((c) => [c.code, c.name, c.hasMandatoryAgreements]),
  );
  const phaseIds = idMap<number>(
    await insertRows(
      client,
      "Phase",
      ["number", "name", "tenderYear", "effectiveDate", "closed"],
      DEMO_PHASES.map((p) => [p.number, p.name, p.tenderYear, p.effectiveDate, p.closed]),
      "id, number",
    ),
    "number",
  );
  const supplierIdsByCvr = idMap<string>(
    await insertRows(
      client,
      "Supplier",
      ["cvr", "name", "sortKey", "categoryCode"],
      DEMO_SUPPLIERS.map((s) => [s.cvr, s.name, danishSortKey(s.name), s.categoryCode]),
      "id, cvr",
    ),
    "cvr",
  );
  const supplierIds = new Map(DEMO_SUPPLIERS.map((s) => [s.key, need(supplierIdsByCvr, s.cvr, "supplier")]));

  const agreementIds = idMap<string>(
    await insertRows(
      client,
      "Agreement",
      ["reference", "name", "sortKey", "description", "kind", "phaseId", "validFrom", "validTo", "ownerInstitutionId", "ecommerce"],
      DEMO_AGREEMENTS.map((a) => [
        a.reference,
        a.name,
        danishSortKey(a.name),
        a.description,
        a.kind,
        a.phaseNumber === null ? null : need(phaseIds, a.phaseNumber, "phase"),
        a.validFrom,
        a.validTo,
        a.ownerKey === null ? null : institution(a.ownerKey),
        a.ecommerce,
      ]),
      "id, reference",
    ),
    "reference",
  );
  const agreement = (reference: string) => need(agreementIds, reference, "agreement");
  await insertRows(
    client,
    "AgreementCategory",
    ["agreementId", "categoryCode"],
    DEMO_AGREEMENTS.flatMap((a) => a.categoryCodes.map((code) => [agreement(a.reference), code])),
  );
  await insertRows(
    client,
    "AgreementSupplier",
    ["agreementId", "supplierId"],
    DEMO_AGREEMENTS.flatMap((a) => a.supplierKeys.map((key) => [agreement(a.reference), need(supplierIds, key, "supplier")])),
  );
  await insertRows(
    client,
    "AgreementParty",
    ["agreementId", "institutionId", "source", "since"],
    demoAgreementParties().map((p) => [agreement(p.agreementReference), institution(p.institutionKey), p.source, p.since]),
  );
  await insertRows(client, "Deadline", ["quarter", "deadline"], DEMO_DEADLINES.map((d) => [d.quarter, d.deadline]));

  const userIds = idMap<string>(
    await insertRows(
      client,
      "User",
      ["email", "name", "title", "phone", "contactEmail", "passwordHash", "role", "institutionId", "ministryId", "supplierId"],
      DEMO_USERS.map((u) => [
        u.email,
        u.name,
        u.title,
        u.phone,
        u.contactEmail,
        passwordHash,
        u.role,
        u.institutionKey === null ? null : institution(u.institutionKey),
        u.ministryCode === null ? null : ministry(u.ministryCode),
        u.supplierKey === undefined ? null : need(supplierIds, u.supplierKey, "supplier"),
      ]),
      "id, email",
    ),
    "email",
  );
  const user = (email: string) => need(userIds, email, "user");

  for (const e of DEMO_ENROLMENTS) {
    const owner = DEMO_INSTITUTIONS.find((i) => i.key === e.institutionKey)!;
    const [row] = await insertRows(
      client,
      "Enrolment",
      [
        "agreementId",
        "institutionId",
        "status",
        "cvr",
        "ean",
        "address",
        "contactName",
        "contactEmail",
        "contactPhone",
        "signatoryName",
        "signedOn",
        "acceptsNoObligation",
        "createdById",
        "decidedById",
        "decidedAt",
        "createdAt",
      ],
      [
        [
          agreement(e.agreementReference),
          institution(e.institutionKey),
          e.status,
          owner.cvr,
          owner.eanLocations[0]!.ean,
          owner.address,
          e.contactName,
          e.contactEmail,
          e.contactPhone,
          e.signatoryName,
          e.signedOn,
          true,
          user(e.createdByEmail),
          e.decidedByEmail === null ? null : user(e.decidedByEmail),
          e.decidedAt,
          e.createdAt,
        ],
      ],
      "id",
    );
    const enrolmentId = Number(row!.id);
    if (e.rows.length > 0) {
      await insertRows(
        client,
        "EnrolmentRow",
        ["enrolmentId", "rowNumber", "data"],
        e.rows.map((data, index) => [enrolmentId, index + 1, JSON.stringify(data)]),
      );
    }
    await insertRows(
      client,
      "EnrolmentEvent",
      ["enrolmentId", "actorId", "fromStatus", "toStatus", "note", "createdAt"],
      e.events.map((ev) => [enrolmentId, user(ev.actorEmail), ev.fromStatus, ev.toStatus, ev.note, ev.at]),
    );
  }

  await insertRows(
    client,
    "JoinPhaseRequest",
    ["institutionId", "phaseId", "agreementId", "message", "status", "requestedById", "createdAt"],
    DEMO_JOIN_REQUESTS.map((r) => [
      institution(r.institutionKey),
      need(phaseIds, r.phaseNumber, "phase"),
      r.agreementReference === null ? null : agreement(r.agreementReference),
      r.message,
      r.status,
      user(r.requestedByEmail),
      r.createdAt,
    ]),
  );
  await insertRows(
    client,
    "Reservation",
    ["ministryId", "quarter", "text", "createdById", "createdAt"],
    DEMO_RESERVATIONS.map((r) => [ministry(r.ministryCode), r.quarter, r.text, user(r.createdByEmail), r.createdAt]),
  );
}

// ---------------------------------------------------------------------------------------------
// Synthetic purchase lines (shared with scripts/generate-synthetic.ts)
// ---------------------------------------------------------------------------------------------

export type LoadedWorld = {
  generatorWorld: GeneratorWorld;
  /** Per institution id: how its data arrives, and who submits manual data (a buyer there, if any). */
  institutionMeta: Map<number, { dataChannel: "SKS" | "MANUAL"; submitterUserId: number | null }>;
};

/** Phases whose agreements need a voluntary customer's enrolment (DOMAIN.md: phases 8 to 10). */
function phaseNeedsEnrolment(phaseNumber: number | null): boolean {
  return phaseNumber !== null && phaseNumber >= 8 && phaseNumber <= 10;
}

/**
 * Reads the generator's world from the database: institutions (with memberships, EANs and the
 * agreements they may use), suppliers, agreements and categories. Volumes and buying habits come
 * from the demo data by CVR / category code, with defaults for anything else.
 */
export async function loadGeneratorWorld(client: pg.ClientBase): Promise<LoadedWorld> {
  const demoByCvr = new Map(DEMO_INSTITUTIONS.map((i) => [i.cvr, i]));
  const demoCategory = new Map(DEMO_CATEGORIES.map((c) => [c.code, c]));

  const institutions = (
    await client.query(`SELECT i.id, i.cvr, i."customerType", i."dataChannel",
        (SELECT min(u.id) FROM "User" u WHERE u."institutionId" = i.id AND u.role = 'BUYER' AND u.active) AS "submitterUserId",
        COALESCE((SELECT array_agg(e.ean ORDER BY e.ean) FROM "EanLocation" e WHERE e."institutionId" = i.id), '{}') AS eans
      FROM "Institution" i ORDER BY i.id`)
  ).rows as { id: number; cvr: string; customerType: string; dataChannel: "SKS" | "MANUAL"; submitterUserId: number | null; eans: string[] }[];

  const memberships = (
    await client.query(`SELECT "institutionId", "ministryId", "validFrom"::text AS "validFrom", "validTo"::text AS "validTo"
      FROM "InstitutionMembership" ORDER BY "institutionId", "validFrom"`)
  ).rows as { institutionId: number; ministryId: number; validFrom: string; validTo: string | null }[];
  const institutionMinistry = new Map(
    ((await client.query(`SELECT id, "ministryId" FROM "Institution"`)).rows as { id: number; ministryId: number }[]).map((r) => [
      r.id,
      r.ministryId,
    ]),
  );

  const usable = (
    await client.query(`SELECT p."institutionId", p."agreementId", ph.number AS "phaseNumber", i."customerType",
        EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."agreementId" = p."agreementId"
                  AND e."institutionId" = p."institutionId" AND e.status = 'APPROVED') AS enrolled
      FROM "AgreementParty" p
      JOIN "Agreement" a ON a.id = p."agreementId"
      JOIN "Institution" i ON i.id = p."institutionId"
      LEFT JOIN "Phase" ph ON ph.id = a."phaseId"
      WHERE a."retiredAt" IS NULL`)
  ).rows as { institutionId: number; agreementId: number; phaseNumber: number | null; customerType: string; enrolled: boolean }[];

  const agreements = (
    await client.query(`SELECT a.id, a.kind, a."validFrom"::text AS "validFrom", a."validTo"::text AS "validTo", a.ecommerce,
        COALESCE((SELECT array_agg(c."categoryCode" ORDER BY c."categoryCode") FROM "AgreementCategory" c WHERE c."agreementId" = a.id), '{}') AS "categoryCodes",
        COALESCE((SELECT array_agg(s.cvr ORDER BY s.cvr) FROM "AgreementSupplier" x JOIN "Supplier" s ON s.id = x."supplierId" WHERE x."agreementId" = a.id), '{}') AS "supplierCvrs"
      FROM "Agreement" a WHERE a."retiredAt" IS NULL ORDER BY a.id`)
  ).rows as GeneratorWorld["agreements"][number][];

  const suppliers = (await client.query(`SELECT cvr, name, "categoryCode" FROM "Supplier" ORDER BY id`)).rows as GeneratorWorld["suppliers"][number][];
  const categories = ((await client.query(`SELECT code FROM "Category" ORDER BY code`)).rows as { code: string }[]).map((c) => ({
    code: c.code,
    lineWeight: demoCategory.get(c.code)?.lineWeight ?? 1,
    typicalAmountKr: demoCategory.get(c.code)?.typicalAmountKr ?? 5_000,
  }));

  const usableByInstitution = new Map<number, Set<number>>();
  for (const u of usable) {
    if (u.customerType === "VOLUNTARY" && phaseNeedsEnrolment(u.phaseNumber) && !u.enrolled) continue;
    let set = usableByInstitution.get(u.institutionId);
    if (!set) usableByInstitution.set(u.institutionId, (set = new Set()));
    set.add(u.agreementId);
  }
  const membershipsByInstitution = new Map<number, GeneratorInstitution["memberships"][number][]>();
  for (const m of memberships) {
    let list = membershipsByInstitution.get(m.institutionId);
    if (!list) membershipsByInstitution.set(m.institutionId, (list = []));
    list.push({ ministryId: m.ministryId, validFrom: m.validFrom, validTo: m.validTo });
  }

  const generatorInstitutions: GeneratorInstitution[] = institutions.map((i) => {
    const demo = demoByCvr.get(i.cvr);
    const own = membershipsByInstitution.get(i.id);
    return {
      id: i.id,
      size: demo?.size ?? 3,
      agreementUse: demo?.agreementUse ?? 0.75,
      eans: i.eans,
      // An institution without membership rows belongs to its current ministry throughout.
      memberships: own ?? [{ ministryId: institutionMinistry.get(i.id)!, validFrom: "0001-01-01", validTo: null }],
      usableAgreementIds: usableByInstitution.get(i.id) ?? new Set(),
    };
  });

  return {
    generatorWorld: { institutions: generatorInstitutions, suppliers, agreements, categories },
    institutionMeta: new Map(institutions.map((i) => [i.id, { dataChannel: i.dataChannel, submitterUserId: i.submitterUserId }])),
  };
}

export type WriteQuarterOptions = {
  quarter: string;
  /** Lines in total for the quarter, split over the institutions by size. */
  totalLines: number;
  /** Distinguishes repeated runs for the same quarter (different lines); default 0. */
  stream?: number;
  /**
   * When true, a new manual (LINES) submission replaces the institution's active manual and agency
   * submissions for the quarter: they are marked SUPERSEDED and their lines deleted. SKS feed
   * batches are always added. Default false (the seed writes into an empty quarter).
   */
  replaceManual?: boolean;
  /** Submission timestamp (ISO) per format; default now. */
  createdAt?: (format: "LINES" | "SKS_FEED") => string;
  batchSize?: number;
  onProgress?: (linesWritten: number) => void;
};

/**
 * Writes one quarter of synthetic lines: per institution one Submission (SKS_FEED for SKS
 * institutions, LINES for manual ones; ACTIVE, with lineCount and totalOre) and its lines, streamed
 * in batches. Runs on the caller's connection and transaction.
 */
export async function writeQuarterLines(
  client: pg.ClientBase & SqlClient,
  generator: PurchaseLineGenerator,
  world: LoadedWorld,
  options: WriteQuarterOptions,
): Promise<{ submissions: number; lines: number; totalOre: bigint }> {
  const institutions = generator.world.institutions;
  const counts = allocateLines(institutions, options.totalLines);
  const writer = new PurchaseLineWriter(client, options.batchSize, options.onProgress);
  const submissionIds: number[] = [];
  const submissionTotals: string[] = [];
  let grandTotal = 0n;
  for (let i = 0; i < institutions.length; i++) {
    const institution = institutions[i]!;
    const count = counts[i]!;
    if (count === 0) continue;
    const meta = world.institutionMeta.get(institution.id);
    const format = meta?.dataChannel === "SKS" ? "SKS_FEED" : "LINES";
    // Surface a failed batch here rather than as "current transaction is aborted" below.
    await writer.drain();
    if (format === "LINES" && options.replaceManual) {
      const superseded = await client.query(
        `UPDATE "Submission" SET status = 'SUPERSEDED', "supersededAt" = now()
          WHERE "institutionId" = $1 AND quarter = $2 AND status = 'ACTIVE' AND format <> 'SKS_FEED'
          RETURNING id`,
        [institution.id, options.quarter],
      );
      if (superseded.rows.length > 0) {
        await client.query(`DELETE FROM "PurchaseLine" WHERE "submissionId" = ANY($1::int[])`, [
          superseded.rows.map((r: { id: number }) => r.id),
        ]);
      }
    }
    const inserted = await client.query(
      `INSERT INTO "Submission" ("institutionId", quarter, format, status, "lineCount", "totalOre", "submittedById", "createdAt")
       VALUES ($1, $2, $3, 'ACTIVE', $4, 0, $5, $6) RETURNING id`,
      [
        institution.id,
        options.quarter,
        format,
        count,
        format === "LINES" ? (meta?.submitterUserId ?? null) : null,
        options.createdAt ? options.createdAt(format) : new Date().toISOString(),
      ],
    );
    const submissionId = Number((inserted.rows[0] as { id: number }).id);
    let total = 0n;
    for (const line of generator.linesFor(institution, options.quarter, count, options.stream ?? 0)) {
      total += line.amountOre;
      if (writer.push({ ...line, submissionId })) await writer.flush();
    }
    submissionIds.push(submissionId);
    submissionTotals.push(total.toString());
    grandTotal += total;
  }
  const lines = await writer.finish();
  if (submissionIds.length > 0) {
    await client.query(
      `UPDATE "Submission" s SET "totalOre" = t.total
         FROM unnest($1::int[], $2::bigint[]) AS t(id, total) WHERE s.id = t.id`,
      [submissionIds, submissionTotals],
    );
  }
  return { submissions: submissionIds.length, lines, totalOre: grandTotal };
}
