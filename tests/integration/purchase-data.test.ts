import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "@/lib/action-result";
import type { CurrentUser } from "@/lib/auth/types";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import type { ImportRequest, ImportResult } from "@/lib/purchase-data/import";
import { quarterFromCode } from "@/lib/purchase-data/quarter";
import { importWithClient } from "@/lib/purchase-data/run";
import type { SubmissionScope } from "@/lib/purchase-data/rows";
import { sourceFromFile } from "@/lib/purchase-data/sources";
import { PurchaseFileError } from "@/lib/purchase-data/types";
import { DEMO_INSTITUTIONS, DEMO_SUPPLIERS } from "@/lib/seed/demo-data";
import { templateWorkbook } from "@/lib/purchase-data/template";
import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";
import { HOSTILE_KINDS, HOSTILE_REFUSALS, hostileXlsx } from "@/tests/support/hostile-xlsx";
import { currentUserByEmail } from "@/tests/support/users";

// The demo's "today": 2026Q3's deadline (16 Feb 2027) is ahead, 2026Q2's (17 Nov 2026) has passed.
const TODAY = "2026-11-22";
const OPEN_QUARTER = quarterFromCode("2026Q3")!;
const CLOSED_QUARTER = quarterFromCode("2026Q2")!;

let db: TestDatabase;
let prisma: PrismaClient;
let client: pg.Client;
let dir: string;
let deadlines: typeof import("@/lib/purchase-data/deadlines");
let reservations: typeof import("@/lib/purchase-data/reservations");
let status: typeof import("@/lib/purchase-data/status");

const oes = DEMO_INSTITUTIONS.find((i) => i.key === "oes")!; // Økonomistyrelsen: manual, Finansministeriet
const statensIt = DEMO_INSTITUTIONS.find((i) => i.key === "statens-it")!; // SKS, Finansministeriet
const toldst = DEMO_INSTITUTIONS.find((i) => i.key === "toldst")!; // manual, Skatteministeriet
const supplier = DEMO_SUPPLIERS.find((s) => s.categoryCode !== null)!;

const currentUser = (email: string): Promise<CurrentUser> => currentUserByEmail(prisma, email);

async function institutionId(cvr: string): Promise<number> {
  return (await prisma.institution.findUniqueOrThrow({ where: { cvr } })).id;
}

let fileCounter = 0;
function file(content: string | Buffer, extension = "csv"): string {
  const target = path.join(dir, `upload-${++fileCounter}.${extension}`);
  writeFileSync(target, content);
  return target;
}

/** An agency-format CSV for one institution: `rows` lines of `amount` kroner each. */
function agencyCsv(cvr: string, rows: number, amount = "1.000,50", quarter = OPEN_QUARTER): string {
  const lines = ["År;Kvartal;Virk_CVR;Virksomhedsnavn;Kategorikode;Indkøbskategori;Kreditor_CVR;Kreditor_Navn;Beløb"];
  for (let i = 0; i < rows; i++) {
    lines.push(`${quarter.year}; ${quarter.q}; ${cvr}; Institution; ${supplier.categoryCode}; Kategori; ${supplier.cvr}; ${supplier.name.slice(0, 50)}; ${amount}`);
  }
  return `${lines.join("\r\n")}\r\n`;
}

function manualScope(...ids: number[]): SubmissionScope {
  return { channel: "MANUAL", institutionIds: new Set(ids), outsideMessage: "Du kan kun indsende for din egen institution" };
}

async function submit(filePath: string, overrides: Partial<ImportRequest> & { scope: SubmissionScope }): Promise<ImportResult> {
  return importWithClient(client, {
    quarter: OPEN_QUARTER,
    channel: "MANUAL",
    actorId: null,
    source: await sourceFromFile(filePath, path.basename(filePath)),
    today: TODAY,
    ...overrides,
  });
}

async function activeSubmissions(institution: number, quarter = OPEN_QUARTER.code) {
  return prisma.submission.findMany({ where: { institutionId: institution, quarter, status: "ACTIVE" } });
}

/** Sum and count of the lines that count (ACTIVE submissions), through the view. */
async function activeLines(institution: number, quarter = OPEN_QUARTER.code): Promise<{ count: number; total: bigint }> {
  const { rows } = await client.query<{ count: number; total: string | null }>(
    `SELECT count(*)::int AS count, sum("amountOre")::text AS total FROM "ActivePurchaseLine" WHERE "institutionId" = $1 AND "quarter" = $2`,
    [institution, quarter],
  );
  return { count: rows[0]!.count, total: BigInt(rows[0]!.total ?? 0) };
}

async function partitions(): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c WHERE c.relname LIKE 'PurchaseLine_b%' AND c.relkind = 'r' ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.url, { purchaseLinesPerQuarter: 400 });
  prisma = createPrismaClient(db.url);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  dir = mkdtempSync(path.join(tmpdir(), "sip-purchase-data-"));
  process.env.DATABASE_URL = db.url;
  deadlines = await import("@/lib/purchase-data/deadlines");
  reservations = await import("@/lib/purchase-data/reservations");
  status = await import("@/lib/purchase-data/status");
});

afterAll(async () => {
  await (globalThis as { purchaseImportPool?: pg.Pool }).purchaseImportPool?.end();
  await client?.end();
  await prisma?.$disconnect();
  const { prisma: appClient } = await import("@/lib/db/client");
  await appClient.$disconnect();
  rmSync(dir, { recursive: true, force: true });
  await db?.drop();
});

describe("a manual submission", () => {
  it("replaces the institution's manual data for the quarter, never doubles it, and keeps the earlier version", async () => {
    const id = await institutionId(oes.cvr);
    const [seeded] = await activeSubmissions(id);
    expect(seeded).toBeDefined();
    const seededLines = seeded!.lineCount;

    const first = await submit(file(agencyCsv(oes.cvr, 3)), { scope: manualScope(id) });
    expect(first).toMatchObject({ ok: true, lines: 3, mode: "shared" });
    if (!first.ok) return;
    expect(first.message).toContain("3 linjer, i alt 3.001,50");
    expect(first.submissions[0]!.replaced).toEqual([seeded!.id]);
    expect(await activeLines(id)).toEqual({ count: 3, total: 300150n });

    const second = await submit(file(agencyCsv(oes.cvr, 2, "10,00")), { scope: manualScope(id) });
    expect(second.ok).toBe(true);
    expect(await activeLines(id)).toEqual({ count: 2, total: 2000n });
    const active = await activeSubmissions(id);
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({ format: "AGENCY", lineCount: 2, totalOre: 2000n, fileName: expect.stringMatching(/\.csv$/) });

    // History: both earlier versions are SUPERSEDED and keep their lines.
    const history = await prisma.submission.findMany({ where: { institutionId: id, quarter: OPEN_QUARTER.code }, orderBy: { id: "asc" } });
    expect(history.map((s) => s.status)).toEqual(["SUPERSEDED", "SUPERSEDED", "ACTIVE"]);
    expect(await prisma.purchaseLine.count({ where: { submissionId: seeded!.id } })).toBe(seededLines);
    expect(await prisma.purchaseLine.count({ where: { institutionId: id, quarter: OPEN_QUARTER.code } })).toBe(seededLines + 3 + 2);
    expect(await prisma.auditLog.count({ where: { action: "purchaseData.submit", entity: "Submission" } })).toBeGreaterThanOrEqual(2);
  });

  it("lets the database hold at most one active manual submission per institution and quarter", async () => {
    const id = await institutionId(oes.cvr);
    await expect(
      client.query(
        `INSERT INTO "Submission" ("institutionId", "quarter", "format", "status", "lineCount", "totalOre") VALUES ($1, $2, 'LINES', 'ACTIVE', 0, 0)`,
        [id, OPEN_QUARTER.code],
      ),
    ).rejects.toThrow(/Submission_one_active_manual_idx/);
  });

  it("refuses a file with problems as a whole and lists row, column and reason", async () => {
    const id = await institutionId(oes.cvr);
    const before = await activeLines(id);
    const submissionsBefore = await prisma.submission.count();
    const bad = agencyCsv(oes.cvr, 3).replace(/1\.000,50\r\n$/, "1000.50\r\n") + `${OPEN_QUARTER.year};${OPEN_QUARTER.q};${toldst.cvr};X;1920;K;;Udlæg;5\r\n`;
    const result = await submit(file(bad), { scope: manualScope(id) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^Filen er afvist, og intet er gemt: 2 fejl i 4 datarækker/);
    expect(result.problems).toEqual([
      { row: 4, column: "Beløb", message: "Beløbet «1000.50» har punktum som decimaltegn. Brug komma, fx 1000,50." },
      { row: 5, column: "Virk_CVR", message: `Du kan kun indsende for din egen institution (Toldstyrelsen, CVR ${toldst.cvr}).` },
    ]);
    expect(await activeLines(id)).toEqual(before);
    expect(await prisma.submission.count()).toBe(submissionsBefore);
  });

  it("refuses an empty file, an unknown column set, a repeated header and a truncated file, naming the place", async () => {
    const id = await institutionId(oes.cvr);
    const scope = manualScope(id);
    await expect(sourceFromFile(file(""), "tom.csv")).rejects.toThrow("Filen er tom.");
    await expect(submit(file("\r\n\r\n"), { scope })).rejects.toThrow("Filen er tom.");
    await expect(submit(file("År;Kvartal;Beløb\n2026;3;10\n"), { scope })).rejects.toThrow(/^Linje 1: kolonnerne passer hverken/);
    await expect(submit(file(agencyCsv(oes.cvr, 0)), { scope })).rejects.toThrow("Filen indeholder kun overskriftslinjen og ingen datarækker.");
    const twice = agencyCsv(oes.cvr, 2) + agencyCsv(oes.cvr, 1);
    const repeated = await submit(file(twice), { scope });
    expect(repeated.ok === false && repeated.problems).toEqual([
      { row: 4, column: null, message: "Overskriftslinjen står her igen. Er to filer sat sammen? Fjern linjen, og send filen igen." },
    ]);
    const cut = agencyCsv(oes.cvr, 3).slice(0, -20);
    await expect(submit(file(cut), { scope })).rejects.toThrow(/^Filen er afkortet: den sidste linje \(linje 4\)/);
    const columns = await submit(file(agencyCsv(oes.cvr, 2).replace(/\r\n$/, ";ekstra\r\n")), { scope });
    expect(columns.ok === false && columns.problems[0]).toMatchObject({ row: 3, column: null, message: expect.stringContaining("10 felter") });
  });

  it("refuses a manual submission after the quarter's deadline with a message naming the deadline", async () => {
    const id = await institutionId(oes.cvr);
    const before = await prisma.submission.count();
    const attempt = submit(file(agencyCsv(oes.cvr, 1, "1,00", CLOSED_QUARTER)), { scope: manualScope(id), quarter: CLOSED_QUARTER });
    await expect(attempt).rejects.toThrow(UserError);
    await expect(submit(file(agencyCsv(oes.cvr, 1, "1,00", CLOSED_QUARTER)), { scope: manualScope(id), quarter: CLOSED_QUARTER })).rejects.toThrow(
      "Fristen for manuel indsendelse af data for 2. kvartal 2026 var 17. november 2026. Indsendelsen er afvist. Kontakt Statens Indkøb, hvis data for kvartalet skal rettes.",
    );
    // The deadline day itself is still open.
    const onTheDay = await submit(file(agencyCsv(oes.cvr, 1, "1,00", CLOSED_QUARTER)), {
      scope: manualScope(id),
      quarter: CLOSED_QUARTER,
      today: "2026-11-17",
    });
    expect(onTheDay.ok).toBe(true);
    expect(await prisma.submission.count()).toBe(before + 1);
  });

  it("takes a ministry's file for several institutions, one submission each, and refuses institutions delivering through SKS", async () => {
    const groupBuyer = await currentUser("koncernindkoeber@demo.example.dk");
    const everyone = await prisma.institution.findMany({ where: { ministryId: groupBuyer.ministryId! } });
    const area = everyone.filter((i) => i.dataChannel === "MANUAL");
    expect(area.length).toBeGreaterThanOrEqual(1);
    const scope: SubmissionScope = { channel: "MANUAL", institutionIds: new Set(everyone.map((i) => i.id)), outsideMessage: "Uden for dit ministerområde" };
    const sksRow = agencyCsv(statensIt.cvr, 1).split("\r\n")[1]!;
    const refused = await submit(file(`${agencyCsv(area[0]!.cvr, 1)}${sksRow}\r\n`), { scope });
    expect(refused.ok === false && refused.problems[0]?.message).toContain("Statens It leverer indkøbsdata løbende via SKS");

    const body = area.map((i) => agencyCsv(i.cvr, 2).split("\r\n").slice(1, 3).join("\r\n")).join("\r\n");
    const result = await submit(file(`${agencyCsv(area[0]!.cvr, 0)}${body}\r\n`), { scope });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.submissions.map((s) => s.institutionId).sort()).toEqual(area.map((i) => i.id).sort());
    for (const institution of area) expect(await activeLines(institution.id)).toEqual({ count: 2, total: 200100n });
  });

  it("reads the line format as xlsx and Windows-1252 CSV", async () => {
    const id = await institutionId(oes.cvr);
    const ean = oes.eanLocations[0]!.ean;
    const csv = `Virk_CVR;EAN;Dato;Kreditor_CVR;Kreditor_Navn;Kategorikode;Beløb;E_handel\r\n;${ean};15-08-2026;;Udlæg Århus;1920;-12,50;nej\r\n${oes.cvr};;2026-09-30;${supplier.cvr};Æble ApS;;1.000.000,00;ja\r\n`;
    const { default: iconv } = await import("iconv-lite");
    const result = await submit(file(iconv.encode(csv, "windows-1252")), { scope: manualScope(id) });
    expect(result.ok && result.file).toEqual({ kind: "csv", encoding: "Windows-1252", delimiter: ";" });
    const lines = await prisma.purchaseLine.findMany({ where: { submission: { institutionId: id, quarter: OPEN_QUARTER.code, status: "ACTIVE" } }, orderBy: { id: "asc" } });
    expect(lines.map((l) => [l.supplierName, l.amountOre, l.ecommerce, l.ean, l.categoryCode])).toEqual([
      ["Udlæg Århus", -1250n, false, ean, "1920"],
      ["Æble ApS", 100000000n, true, null, null],
    ]);

    const ExcelJS = (await import("exceljs")).default;
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Vejledning").addRow(["Læs mig"]);
    const sheet = workbook.addWorksheet("Linjeformat");
    sheet.addRow(["Virk_CVR", "EAN", "Dato", "Kreditor_CVR", "Kreditor_Navn", "Kategorikode", "Beløb", "E_handel"]);
    sheet.addRow([Number(oes.cvr), null, new Date(Date.UTC(2026, 7, 1)), Number(supplier.cvr), "Leverandør", 1920, 1234.56, "ja"]);
    sheet.addRow([oes.cvr, null, "2026-08-02", null, "Udlæg", "1920", 10, false]);
    const xlsxPath = file(Buffer.from(await workbook.xlsx.writeBuffer()), "xlsx");
    const fromXlsx = await submit(xlsxPath, { scope: manualScope(id) });
    expect(fromXlsx).toMatchObject({ ok: true, lines: 2, file: { kind: "xlsx", sheet: "Linjeformat" } });
    expect(await activeLines(id)).toEqual({ count: 2, total: 124456n });
  });

  it("loads a large file through its own partition, indexed and attached, and replaces it like any other", async () => {
    const id = await institutionId(oes.cvr);
    const before = await partitions();
    const result = await submit(file(agencyCsv(oes.cvr, 3_000, "2,00")), { scope: manualScope(id), partitionMinRows: 1_000 });
    expect(result).toMatchObject({ ok: true, lines: 3_000, mode: "partition" });
    const after = await partitions();
    expect(after.length).toBe(before.length + 1);
    const partition = after.find((name) => !before.includes(name))!;
    expect(result.ok && result.partition).toBe(partition);
    const { rows: attached } = await client.query(`SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relname = $1`, [partition]);
    expect(attached).toHaveLength(1);
    const { rows: indexes } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = $1`, [partition]);
    expect(indexes[0]!.n).toBe(3);
    expect(await activeLines(id)).toEqual({ count: 3_000, total: 600000n });

    const again = await submit(file(agencyCsv(oes.cvr, 1)), { scope: manualScope(id), partitionMinRows: 1_000 });
    expect(again.ok).toBe(true);
    expect(await activeLines(id)).toEqual({ count: 1, total: 100050n });
    expect(await prisma.purchaseLine.count({ where: { submissionId: result.ok ? result.submissions[0]!.submissionId : -1 } })).toBe(3_000);
  });

  it("writes every value through COPY exactly as the batches of a small load do", async () => {
    const id = await institutionId(oes.cvr);
    const names = ["Back\\slash A/S", '"Tab\there ApS"', '"Linje\nskift ApS"', "Ærø Æbler og Ål ApS", "Æble 🍎 ApS", "Ikke \\N ApS"];
    const amounts = ["-1.234,56", "9.999.999.999.999,99", "0,01", "12", "-0,5", "1 234,5"];
    const rows = names.map((name, i) => `${oes.cvr};;2026-08-0${i + 1};${i % 2 ? supplier.cvr : ""};${name};${supplier.categoryCode};${amounts[i]};${i % 2 ? "ja" : "nej"}`);
    const content = `Virk_CVR;EAN;Dato;Kreditor_CVR;Kreditor_Navn;Kategorikode;Beløb;E_handel\n${rows.join("\n")}\n`;
    const linesOf = async (result: ImportResult) => {
      const { rows: lines } = await client.query(
        `SELECT "institutionId", "ministryId", "quarter", "purchaseDate"::text, "supplierCvr", "supplierName", "categoryCode",
                "amountOre"::text, "ecommerce", "ean"
           FROM "PurchaseLine" WHERE "submissionId" = $1 ORDER BY "id"`,
        [result.ok ? result.submissions[0]!.submissionId : -1],
      );
      return lines;
    };
    const copied = await submit(file(content), { scope: manualScope(id), partitionMinRows: 1 });
    expect(copied).toMatchObject({ ok: true, lines: 6, mode: "partition" });
    const batched = await submit(file(content), { scope: manualScope(id) });
    expect(batched).toMatchObject({ ok: true, lines: 6, mode: "shared" });
    const lines = await linesOf(copied);
    expect(lines).toEqual(await linesOf(batched));
    expect(lines.map((l) => l.supplierName)).toEqual(["Back\\slash A/S", "Tab\there ApS", "Linje\nskift ApS", "Ærø Æbler og Ål ApS", "Æble 🍎 ApS", "Ikke \\N ApS"]);
    expect(lines.map((l) => l.amountOre)).toEqual(["-123456", "999999999999999", "1", "1200", "-50", "123450"]);
  });

  it("leaves nothing behind when a large file fails its checks half-way through", async () => {
    const id = await institutionId(oes.cvr);
    const before = { lines: await activeLines(id), partitions: await partitions(), all: await prisma.purchaseLine.count() };
    const content = agencyCsv(oes.cvr, 2_500) + `${OPEN_QUARTER.year};${OPEN_QUARTER.q};${oes.cvr};X;9999;K;;Udlæg;5\r\n`;
    const result = await submit(file(content), { scope: manualScope(id), partitionMinRows: 1_000 });
    expect(result.ok === false && result.problems[0]).toMatchObject({ row: 2_502, column: "Kategorikode" });
    expect({ lines: await activeLines(id), partitions: await partitions(), all: await prisma.purchaseLine.count() }).toEqual(before);
  });
});

describe("a killed import", () => {
  async function killMidImport(partitionMinRows: number) {
    const id = await institutionId(oes.cvr);
    const before = {
      active: (await activeSubmissions(id)).map((s) => ({ id: s.id, lineCount: s.lineCount })),
      lines: await activeLines(id),
      all: await prisma.purchaseLine.count(),
      submissions: await prisma.submission.count(),
      partitions: await partitions(),
    };
    const big = file(agencyCsv(oes.cvr, 300_000, "3,00"));
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "tests/support/import-child.ts", db.url, big, OPEN_QUARTER.code, String(id), TODAY, String(partitionMinRows)],
      { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const started = await new Promise<number>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        const match = /progress (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
        if (chunk.toString().includes("done")) reject(new Error("the import finished before it could be killed"));
      });
      child.once("exit", (code) => reject(new Error(`child exited (${code}) before inserting: ${stderr}`)));
    });
    expect(started).toBeGreaterThan(0);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    // The server notices the dropped connection and rolls its transaction back.
    for (let i = 0; i < 100; i++) {
      const { rows } = await client.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'sip-import-child'`);
      if (rows.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect({
      active: (await activeSubmissions(id)).map((s) => ({ id: s.id, lineCount: s.lineCount })),
      lines: await activeLines(id),
      all: await prisma.purchaseLine.count(),
      submissions: await prisma.submission.count(),
      partitions: await partitions(),
    }).toEqual(before);
  }

  it("leaves none of its lines and the previous version intact (COPY into its own partition)", async () => {
    await killMidImport(1_000);
  });

  it("leaves none of its lines and the previous version intact (batches into the shared partition)", async () => {
    await killMidImport(1_000_000);
  });
});

describe("the SKS feed", () => {
  it("adds a batch for an SKS institution without approval, once per batch reference", async () => {
    const id = await institutionId(statensIt.cvr);
    const before = await activeLines(id);
    const feed: SubmissionScope = { channel: "SKS_FEED", institutionIds: "all", outsideMessage: "" };
    const content = agencyCsv(statensIt.cvr, 4, "25,00");
    const first = await submit(file(content), { scope: feed, channel: "SKS_FEED", feedBatch: "sks-2026q3-0001" });
    expect(first).toMatchObject({ ok: true, lines: 4, duplicateBatch: false });
    const again = await submit(file(content), { scope: feed, channel: "SKS_FEED", feedBatch: "sks-2026q3-0001" });
    expect(again).toMatchObject({ ok: true, lines: 0, duplicateBatch: true });
    expect(await activeLines(id)).toEqual({ count: before.count + 4, total: before.total + 10000n });
    const manualOnly = await submit(file(agencyCsv(oes.cvr, 1)), { scope: feed, channel: "SKS_FEED", feedBatch: "x" });
    expect(manualOnly.ok === false && manualOnly.problems[0]?.message).toContain("leverer ikke via SKS");
  });

  it("ignores the deadline", async () => {
    const id = await institutionId(statensIt.cvr);
    const feed: SubmissionScope = { channel: "SKS_FEED", institutionIds: new Set([id]), outsideMessage: "" };
    const result = await submit(file(agencyCsv(statensIt.cvr, 1, "1,00", CLOSED_QUARTER)), { scope: feed, channel: "SKS_FEED", quarter: CLOSED_QUARTER });
    expect(result.ok).toBe(true);
  });
});

describe("the app's entry points", () => {
  it("submit for a buyer's own institution, keep a small file with the submission, and refuse another institution's rows", async () => {
    const { submitPurchaseData } = await import("@/lib/purchase-data/submit");
    const buyer = await currentUser("koeber.stat@demo.example.dk");
    const content = agencyCsv(oes.cvr, 2, "7,00");
    const upload = { path: file(content), fileName: "økonomistyrelsen-q3.csv", contentType: "text/csv", size: Buffer.byteLength(content) };
    const result = await submitPurchaseData(buyer, { quarter: OPEN_QUARTER.code, file: upload });
    expect(result).toMatchObject({ ok: true, lines: 2 });
    const submission = (await activeSubmissions(buyer.institutionId!))[0]!;
    expect(submission).toMatchObject({ submittedById: buyer.id, fileName: "økonomistyrelsen-q3.csv" });
    const stored = await prisma.storedFile.findUniqueOrThrow({ where: { id: submission.fileId! } });
    expect(Buffer.from(stored.content).toString("utf8")).toBe(content);

    const foreign = agencyCsv(toldst.cvr, 1);
    const refused = await submitPurchaseData(buyer, {
      quarter: OPEN_QUARTER.code,
      file: { path: file(foreign), fileName: "x.csv", contentType: "text/csv", size: foreign.length },
    });
    expect(refused.ok === false && refused.problems[0]?.message).toMatch(/^Du kan kun indsende data for din egen institution/);
  });

  it("run in a Prisma transaction, as on the embedded database (no COPY), for both load paths", async () => {
    const { runImport } = await import("@/lib/purchase-data/import");
    const { prismaConnection } = await import("@/lib/purchase-data/connection");
    const id = await institutionId(oes.cvr);
    for (const [rows, mode] of [[5, "shared"], [1_500, "partition"]] as const) {
      const source = await sourceFromFile(file(agencyCsv(oes.cvr, rows, "1,00")), "prisma.csv");
      const result = await prisma.$transaction(
        (tx) =>
          runImport(prismaConnection(tx, true), {
            quarter: OPEN_QUARTER,
            channel: "MANUAL",
            scope: manualScope(id),
            actorId: null,
            source,
            today: TODAY,
            partitionMinRows: 1_000,
            storeFile: { content: Buffer.from("x"), contentType: "text/csv", sha256: "0".repeat(64) },
          }),
        { timeout: 60_000 },
      );
      expect(result).toMatchObject({ ok: true, lines: rows, mode });
      expect(await activeLines(id)).toEqual({ count: rows, total: BigInt(rows * 100) });
    }
  });
});

describe("hostile xlsx files", () => {
  it("are refused in Danish by the manual upload and the SKS API alike, and nothing is written", async () => {
    const { receiveSksBatch, submitPurchaseData } = await import("@/lib/purchase-data/submit");
    const buyer = await currentUser("koeber.stat@demo.example.dk");
    const sksCaller: CurrentUser = { ...buyer, institutionId: await institutionId(statensIt.cvr) };
    const storedCount = async () =>
      [await prisma.submission.count(), await prisma.storedFile.count(), await prisma.purchaseLine.count(), (await partitions()).length];
    const before = await storedCount();
    const base = await templateWorkbook();
    for (const kind of HOSTILE_KINDS) {
      const data = hostileXlsx(base, kind);
      const upload = { path: file(data, "xlsx"), fileName: `${kind}.xlsx`, contentType: "application/octet-stream", size: data.length };
      const expected = { name: "XlsxFileError", field: "file", problem: HOSTILE_REFUSALS[kind].streamed ?? HOSTILE_REFUSALS[kind].problem };
      await expect(submitPurchaseData(buyer, { quarter: OPEN_QUARTER.code, file: upload }), kind).rejects.toMatchObject(expected);
      await expect(receiveSksBatch(sksCaller, { quarter: OPEN_QUARTER.code, batch: `bombe-${kind}`, file: upload }), kind).rejects.toMatchObject(expected);
    }
    expect(await storedCount()).toEqual(before);
  }, 180_000);

  it("get a 422 with the Danish refusal from the SKS API's route handler, never a 500", async () => {
    const { createApiKey } = await import("@/lib/auth/api-key");
    const { POST } = await import("@/app/api/sks/route");
    const admin = await currentUser("admin@demo.example.dk");
    const { key } = await createApiKey(admin, { name: "SKS bombetest", institutionId: await institutionId(statensIt.cvr) });
    const base = await templateWorkbook();
    for (const kind of ["ratio-bomb", "deep-xml"] as const) {
      const request = new Request(`http://localhost/api/sks?kvartal=${OPEN_QUARTER.code}&batch=bombe-${kind}`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "x-file-name": `${kind}.xlsx` },
        body: new Uint8Array(hostileXlsx(base, kind)),
      });
      const response = await POST(request, {});
      expect(response.status, kind).toBe(422);
      expect(await response.json()).toEqual({ ok: false, message: expect.stringContaining(HOSTILE_REFUSALS[kind].streamedText ?? HOSTILE_REFUSALS[kind].text) });
    }
  }, 60_000);
});

describe("deadlines", () => {
  it("are set by the agency after the quarter's end, audited, and refuse a later manual submission naming the date", async () => {
    const admin = await currentUser("admin@demo.example.dk");
    await expect(deadlines.setDeadline(admin, { quarter: "2026Q4", deadline: "2026-12-01" })).rejects.toThrow(
      "Fristen skal ligge efter kvartalets sidste dag (31. december 2026).",
    );
    expect(await deadlines.setDeadline(admin, { quarter: "2026Q3", deadline: "2026-11-01" })).toBe("Fristen for 3. kvartal 2026 er 1. november 2026.");
    expect(await prisma.auditLog.count({ where: { action: "deadline.set", entityId: "2026Q3" } })).toBe(1);
    const id = await institutionId(oes.cvr);
    await expect(submit(file(agencyCsv(oes.cvr, 1)), { scope: manualScope(id) })).rejects.toThrow(
      "Fristen for manuel indsendelse af data for 3. kvartal 2026 var 1. november 2026.",
    );
    expect(await deadlines.upcomingDeadlines(TODAY)).toEqual([
      { quarter: "2026Q4", deadline: "2027-05-18" },
    ]);
    await deadlines.setDeadline(admin, { quarter: "2026Q3", deadline: "2027-02-16" });
    expect((await deadlines.listDeadlines()).find((d) => d.quarter === "2026Q3")?.deadline).toBe("2027-02-16");
  });
});

describe("reservations", () => {
  it("are recorded by the ministry before the deadline, seen by that ministry only, and refused after it", async () => {
    const analyst = await currentUser("analytiker@demo.example.dk");
    const otherAnalyst = await currentUser("analytiker.skm@demo.example.dk");
    const buyer = await currentUser("koeber.stat@demo.example.dk");
    const text = "Forbehold for SKS-data: en kreditnota på 1,2 mio. kr. er bogført i forkert kvartal.";
    expect(await reservations.createReservation(analyst, { quarter: "2026Q3", text }, undefined, TODAY)).toBe(
      "Forbeholdet for 3. kvartal 2026 er registreret.",
    );
    const own = await reservations.listReservations(analyst, { quarters: ["2026Q3"] });
    expect(own.map((r) => [r.ministryId, r.text, r.createdByName])).toEqual([[analyst.ministryId, text, analyst.name]]);
    expect((await reservations.listReservations(otherAnalyst, { quarters: ["2026Q3"] })).every((r) => r.ministryId === otherAnalyst.ministryId)).toBe(true);
    await expect(reservations.createReservation(buyer, { quarter: "2026Q3", text }, undefined, TODAY)).rejects.toThrow(UserError);
    await expect(reservations.createReservation(analyst, { quarter: "2026Q2", text }, undefined, TODAY)).rejects.toThrow(
      "Fristen for forbehold over for SKS-data for 2. kvartal 2026 var 17. november 2026. Forbeholdet er afvist.",
    );
    const byQuarter = await reservations.reservationsByQuarter(analyst, analyst.ministryId!, ["2026Q3"]);
    expect(byQuarter.get("2026Q3")).toHaveLength(1);
    await expect(reservations.withdrawReservation(otherAnalyst, { reservationId: own[0]!.id }, undefined, TODAY)).rejects.toThrow(
      "Forbeholdet findes ikke i dit ministerområde.",
    );
    await reservations.withdrawReservation(analyst, { reservationId: own[0]!.id }, undefined, TODAY);
    expect((await reservations.reservationsByQuarter(analyst, analyst.ministryId!, ["2026Q3"])).get("2026Q3")).toBeUndefined();
    expect(await prisma.auditLog.count({ where: { entity: "Reservation", entityId: String(own[0]!.id) } })).toBe(2);
  });
});

describe("the status page", () => {
  it("shows a ministry which institutions delivered which quarters, by which channel, and refuses other ministries", async () => {
    const groupBuyer = await currentUser("koncernindkoeber@demo.example.dk");
    const result = await status.ministryStatus(groupBuyer, groupBuyer.ministryId!, TODAY);
    expect(result.status).toBe("found");
    if (result.status !== "found") return;
    expect(result.value.quarters.map((q) => q.code)).toEqual(["2026Q3", "2026Q2", "2026Q1", "2025Q4"]);
    const row = (cvr: string) => result.value.institutions.find((i) => i.cvr === cvr)!;
    expect(row(oes.cvr).cells["2026Q3"]).toMatchObject({ state: "submitted" });
    expect(row(statensIt.cvr).cells["2026Q3"]).toMatchObject({ state: "sks" });
    const other = await prisma.ministry.findFirstOrThrow({ where: { id: { not: groupBuyer.ministryId! } } });
    expect((await status.ministryStatus(groupBuyer, other.id, TODAY)).status).toBe("missing");

    // A manual institution without data: missing before the deadline, overdue after it.
    const id = await institutionId(oes.cvr);
    await client.query(`UPDATE "Submission" SET "status" = 'SUPERSEDED' WHERE "institutionId" = $1 AND "quarter" IN ('2026Q2', '2026Q3') AND "status" = 'ACTIVE'`, [id]);
    const after = await status.ministryStatus(groupBuyer, groupBuyer.ministryId!, TODAY);
    expect(after.status).toBe("found");
    if (after.status !== "found") return;
    const cells = after.value.institutions.find((i) => i.cvr === oes.cvr)!.cells;
    expect([cells["2026Q3"]!.state, cells["2026Q2"]!.state]).toEqual(["missing", "overdue"]);
  });
});

describe("sums over purchase lines", () => {
  it("count only active submissions", async () => {
    const { rows } = await client.query<{ all: number; active: number; expected: number }>(`SELECT
        (SELECT count(*)::int FROM "PurchaseLine") AS all,
        (SELECT count(*)::int FROM "ActivePurchaseLine") AS active,
        (SELECT coalesce(sum("lineCount"), 0)::int FROM "Submission" WHERE "status" = 'ACTIVE') AS expected`);
    expect(rows[0]!.active).toBe(rows[0]!.expected);
    expect(rows[0]!.all).toBeGreaterThan(rows[0]!.active);
    const { activeLineWhere } = await import("@/lib/purchase-data/active");
    expect(await prisma.purchaseLine.count({ where: activeLineWhere })).toBe(rows[0]!.expected);
  });
});

describe("refusals are user errors", () => {
  it("are PurchaseFileError for files", () => {
    expect(new PurchaseFileError("x")).toBeInstanceOf(UserError);
  });
});
