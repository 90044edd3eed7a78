/**
 * One import of purchase data, all or nothing, inside a transaction the caller holds on `conn`:
 * a manual submission (an institution's, or its ministry's for several institutions at once) or a
 * batch of the SKS feed. Used by the upload page, the SKS endpoint, the SKS command line and the
 * benchmark; no "server-only" here.
 *
 *   1. refuse a manual submission after the quarter's deadline (message naming the date);
 *   2. read the reference data and reserve a Submission id per institution the sender may report;
 *   3. stream the file: header -> format, every row checked (rows.ts); checked lines go to the
 *      loader (bulk-load.ts) while the file is read; after the first problem nothing more is
 *      written, but the rest is still checked so that the report is complete;
 *   4. under one lock for the final phase of all imports: mark the institutions' previous manual
 *      submissions for the quarter SUPERSEDED (their lines stay, as history), insert the new
 *      Submission rows, complete the load, write the audit log.
 *
 * The caller commits only when the result is ok; anything else (a problem list, a thrown refusal, a
 * killed process) leaves the database as it was.
 */
import { formatDate, formatMoneyOre, formatNumber } from "@/lib/format";
import { PurchaseLineLoader, type LoadMode } from "./bulk-load";
import type { SqlConnection } from "./connection";
import { looksLikeHeader, matchHeader, normalizeHeader } from "./formats";
import { quarterLabel, type Quarter } from "./quarter";
import { loadReferenceData } from "./reference";
import { ProblemList, RowChecker, checkShape, type Channel, type CheckedLine, type SubmissionScope } from "./rows";
import { PurchaseFileError, type FileDescription, type Problem, type RawRow } from "./types";
import { UserError } from "@/lib/action-result";
import { refreshCompliance } from "@/lib/compliance/rollup";
import { refreshReconciliationForSubmission } from "@/lib/reconciliation/refresh";
import { purchaseSpendOf, refreshAgreementUseForPurchases } from "@/lib/ceilings/refresh";

export type ImportSource = {
  kind: "csv" | "xlsx";
  fileName: string | null;
  /** The file's records in batches, the header first; opened once. */
  records: (describe: (description: FileDescription) => void) => AsyncIterable<RawRow[]>;
};

export type StoredFileInput = { content: Buffer; contentType: string; sha256: string };

export type ImportRequest = {
  quarter: Quarter;
  channel: Channel;
  scope: SubmissionScope;
  /** The person responsible (the uploader, or the owner of the API key); null for the command line. */
  actorId: number | null;
  source: ImportSource;
  /** SKS feed: the batch's reference; a batch already received is not taken again. */
  feedBatch?: string | null;
  /** Kept with the submission (small files). */
  storeFile?: StoredFileInput | null;
  /** Today in Copenhagen, ISO (for the deadline). */
  today: string;
  partitionMinRows?: number;
  onProgress?: (rowsSent: number) => void;
  /** Called as each phase of an accepted file ends (the benchmark times them). */
  onPhase?: (phase: ImportPhase) => void;
  /** Problems listed in the report (all are counted). */
  reportLimit?: number;
};

/**
 * The phases of an accepted import, in order: "read" (every row read and checked, the lines sent),
 * "attached" (the lines' submissions written, their partition indexed and attached), then the
 * derived figures: "compliance", "reconciliation", "ceilings".
 */
export type ImportPhase = "read" | "attached" | "compliance" | "reconciliation" | "ceilings";

export type SubmissionOutcome = {
  submissionId: number;
  institutionId: number;
  institutionName: string;
  lineCount: number;
  totalOre: bigint;
  /** The institution's earlier manual submissions for the quarter, now SUPERSEDED. */
  replaced: number[];
};

export type ImportResult =
  | {
      ok: true;
      message: string;
      submissions: SubmissionOutcome[];
      lines: number;
      mode: LoadMode | null;
      partition: string | null;
      file: FileDescription | null;
      duplicateBatch: boolean;
    }
  | { ok: false; message: string; problems: Problem[]; totalProblems: number };

/** Reading stops after this many problems: the report is long enough to act on. */
const STOP_AFTER_PROBLEMS = 10_000;
// Any fixed number: serialises the final phase of imports (supersede, insert, attach).
const FINAL_PHASE_LOCK = 72707371;

/** The deadline of a quarter (ISO date), or null when none is set. */
export async function quarterDeadline(conn: SqlConnection, quarter: string): Promise<string | null> {
  const { rows } = await conn.query<{ deadline: string }>(`SELECT "deadline"::text AS deadline FROM "Deadline" WHERE "quarter" = $1`, [quarter]);
  return rows[0]?.deadline ?? null;
}

/** Danish date of an ISO day: "20. februar 2018". */
export function danishDay(iso: string): string {
  return formatDate(new Date(`${iso}T12:00:00Z`));
}

/**
 * Refuses what comes after the quarter's deadline (the deadline day itself is allowed), with a
 * message naming the deadline. `what` is e.g. "manuel indsendelse af data".
 */
export function assertBeforeDeadline(deadline: string | null, quarter: Quarter, today: string, what: string, refused: string): void {
  if (deadline !== null && today > deadline) {
    throw new UserError(`Fristen for ${what} for ${quarterLabel(quarter)} var ${danishDay(deadline)}. ${refused}`, "quarter");
  }
}

function literalInts(values: number[]): string {
  return `{${values.join(",")}}`;
}

export async function runImport(conn: SqlConnection, request: ImportRequest): Promise<ImportResult> {
  const { quarter, channel, scope, today } = request;
  const label = quarterLabel(quarter);
  if (quarter.start > today) throw new UserError(`${label} er ikke begyndt endnu.`, "quarter");
  if (channel === "MANUAL") {
    assertBeforeDeadline(
      await quarterDeadline(conn, quarter.code),
      quarter,
      today,
      "manuel indsendelse af data",
      "Indsendelsen er afvist. Kontakt Statens Indkøb, hvis data for kvartalet skal rettes.",
    );
  }
  const feedBatch = channel === "SKS_FEED" ? (request.feedBatch ?? null) : null;
  if (feedBatch) {
    const { rows } = await conn.query(`SELECT 1 FROM "Submission" WHERE "feedBatch" = $1 AND "quarter" = $2 LIMIT 1`, [feedBatch, quarter.code]);
    if (rows.length > 0) {
      return {
        ok: true,
        message: `SKS-batch «${feedBatch}» for ${label} er allerede modtaget; den er ikke indlæst igen.`,
        submissions: [],
        lines: 0,
        mode: null,
        partition: null,
        file: null,
        duplicateBatch: true,
      };
    }
  }

  const refs = await loadReferenceData(conn);
  const channelName = channel === "SKS_FEED" ? "SKS" : "MANUAL";
  const reserved = new Map<number, number>(
    (
      await conn.query<{ institutionId: number; submissionId: string }>(
        `SELECT i."id" AS "institutionId", nextval(pg_get_serial_sequence('"Submission"', 'id'))::text AS "submissionId"
           FROM "Institution" i
          WHERE i."dataChannel"::text = $1 AND ($2::int[] IS NULL OR i."id" = ANY($2::int[]))`,
        [channelName, scope.institutionIds === "all" ? null : literalInts([...scope.institutionIds])],
      )
    ).rows.map((r) => [Number(r.institutionId), Number(r.submissionId)]),
  );

  const problems = new ProblemList(request.reportLimit ?? 1000);
  const loader = new PurchaseLineLoader(conn, { partitionMinRows: request.partitionMinRows, onProgress: request.onProgress });
  const perInstitution = new Map<number, { count: number; total: bigint }>();
  let description: FileDescription | null = null;
  let checker: RowChecker | null = null;
  let width = 0;
  let headerFirst = "";
  let dataRows = 0;
  let writing = true;

  try {
    reading: for await (const batch of request.source.records((d) => (description = d))) {
      const checked: CheckedLine[] = [];
      for (const raw of batch) {
        if (!checker) {
          const match = matchHeader(raw.cells);
          if (!match.ok) {
            const place = request.source.kind === "xlsx" ? `Række ${raw.line}:` : `Linje ${raw.line}:`;
            throw new PurchaseFileError(match.message.replace(/^Linje 1:/, place));
          }
          checker = new RowChecker({ format: match.format, indexOf: match.indexOf, quarter, refs, scope });
          width = match.width;
          headerFirst = normalizeHeader(String(raw.cells[0] ?? ""));
          continue;
        }
        dataRows++;
        const cells = checkShape(raw, width, headerFirst, request.source.kind, problems, looksLikeHeader);
        if (!cells) continue;
        const line = checker.check(cells === raw.cells ? raw : { line: raw.line, cells }, problems);
        if (!line) continue;
        const submissionId = reserved.get(line.institutionId);
        if (submissionId === undefined) {
          // The checker has refused institutions outside the scope; this is the belt to its braces.
          problems.add(line.row, null, "Institutionen kan ikke indsende i denne sammenhæng.");
          continue;
        }
        line.submissionId = submissionId;
        const stats = perInstitution.get(line.institutionId);
        if (stats) {
          stats.count++;
          stats.total += line.amountOre;
        } else perInstitution.set(line.institutionId, { count: 1, total: line.amountOre });
        if (writing) checked.push(line);
      }
      if (problems.total > 0) {
        if (writing) {
          writing = false;
          await loader.abandon();
        }
        if (problems.total >= STOP_AFTER_PROBLEMS) break reading;
        continue;
      }
      if (checked.length > 0) await loader.add(checked);
    }
  } catch (error) {
    await loader.abandon();
    throw error;
  }

  if (!checker) throw new PurchaseFileError("Filen er tom.");
  if (problems.total > 0) {
    const more = problems.total >= STOP_AFTER_PROBLEMS ? "mindst " : "";
    return {
      ok: false,
      message: `Filen er afvist, og intet er gemt: ${more}${formatNumber(problems.total)} fejl i ${formatNumber(dataRows)} datarækker. Ret fejlene, og send hele filen igen.`,
      problems: problems.items,
      totalProblems: problems.total,
    };
  }
  if (dataRows === 0) throw new PurchaseFileError("Filen indeholder kun overskriftslinjen og ingen datarækker.");

  await loader.endInput();
  request.onPhase?.("read");

  // Final phase, one import at a time.
  await conn.query(`SELECT 1 AS locked FROM pg_advisory_xact_lock(${FINAL_PHASE_LOCK})`);
  const institutionIds = [...perInstitution.keys()].sort((a, b) => a - b);
  const replacedBy = new Map<number, number[]>();
  if (channel === "MANUAL") {
    const superseded = await conn.query<{ id: number; institutionId: number }>(
      `UPDATE "Submission" SET "status" = 'SUPERSEDED', "supersededAt" = now()
        WHERE "institutionId" = ANY($1::int[]) AND "quarter" = $2 AND "status" = 'ACTIVE' AND "format" <> 'SKS_FEED'
        RETURNING "id", "institutionId"`,
      [literalInts(institutionIds), quarter.code],
    );
    for (const row of superseded.rows) {
      const list = replacedBy.get(Number(row.institutionId)) ?? [];
      list.push(Number(row.id));
      replacedBy.set(Number(row.institutionId), list);
    }
  }

  let fileId: number | null = null;
  if (request.storeFile) {
    const stored = await conn.query<{ id: number }>(
      `INSERT INTO "StoredFile" ("fileName", "contentType", "size", "sha256", "content", "uploadedById")
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING "id"`,
      [
        request.source.fileName ?? "indkoebsdata",
        request.storeFile.contentType,
        request.storeFile.content.length,
        request.storeFile.sha256,
        request.storeFile.content,
        request.actorId,
      ],
    );
    fileId = Number(stored.rows[0]!.id);
  }

  const format = channel === "SKS_FEED" ? "SKS_FEED" : checker.formatCode;
  const submissionIds = institutionIds.map((id) => reserved.get(id)!);
  await conn.query(
    `INSERT INTO "Submission" ("id", "institutionId", "quarter", "format", "status", "fileId", "fileName", "feedBatch",
                               "lineCount", "totalOre", "submittedById")
     SELECT t.id, t.institution, $3, $4::"SubmissionFormat", 'ACTIVE', $5::int, $6, $7, t.lines, t.total, $8::int
       FROM unnest($1::int[], $2::int[], $9::int[], $10::bigint[]) AS t(id, institution, lines, total)`,
    [
      literalInts(submissionIds),
      literalInts(institutionIds),
      quarter.code,
      format,
      fileId,
      request.source.fileName,
      feedBatch,
      request.actorId,
      literalInts(institutionIds.map((id) => perInstitution.get(id)!.count)),
      `{${institutionIds.map((id) => perInstitution.get(id)!.total.toString()).join(",")}}`,
    ],
  );

  const summary = await loader.complete();
  request.onPhase?.("attached");
  // The compliance figures of these institutions for the quarter, in this transaction (lib/compliance/rollup.ts),
  // then the agreements' use by the change in these institutions' spend (lib/ceilings/refresh.ts).
  const spendBefore = await purchaseSpendOf(conn, quarter.code, institutionIds);
  await refreshCompliance(conn, { quarter: quarter.code, institutionIds });
  request.onPhase?.("compliance");
  // Their reconciliation with the suppliers' reports, from the spend just rebuilt (lib/reconciliation).
  await refreshReconciliationForSubmission(conn, { quarter: quarter.code, institutionIds });
  request.onPhase?.("reconciliation");
  await refreshAgreementUseForPurchases(conn, { quarter: quarter.code, institutionIds, spendBefore });
  request.onPhase?.("ceilings");

  const names = new Map([...refs.institutionsByCvr.values()].map((i) => [i.id, i.name]));
  const submissions: SubmissionOutcome[] = institutionIds.map((institutionId) => ({
    submissionId: reserved.get(institutionId)!,
    institutionId,
    institutionName: names.get(institutionId) ?? String(institutionId),
    lineCount: perInstitution.get(institutionId)!.count,
    totalOre: perInstitution.get(institutionId)!.total,
    replaced: replacedBy.get(institutionId) ?? [],
  }));
  await conn.query(
    `INSERT INTO "AuditLog" ("actorId", "action", "entity", "entityId", "after")
     SELECT $1::int, $2, 'Submission', e->>'id', e->'after' FROM jsonb_array_elements($3::jsonb) AS e`,
    [
      request.actorId,
      channel === "SKS_FEED" ? "purchaseData.feed" : "purchaseData.submit",
      JSON.stringify(
        submissions.map((s) => ({
          id: String(s.submissionId),
          after: {
            institutionId: s.institutionId,
            quarter: quarter.code,
            format,
            lineCount: s.lineCount,
            totalOre: s.totalOre.toString(),
            fileName: request.source.fileName,
            feedBatch,
            replaced: s.replaced,
            storage: summary.partition ?? "shared",
          },
        })),
      ),
    ],
  );

  const lines = submissions.reduce((n, s) => n + s.lineCount, 0);
  const total = submissions.reduce((n, s) => n + s.totalOre, 0n);
  const replacedAny = submissions.some((s) => s.replaced.length > 0);
  const who = submissions.length === 1 ? submissions[0]!.institutionName : `${submissions.length} institutioner`;
  const message =
    `${channel === "SKS_FEED" ? "SKS-data" : "Data"} for ${label} er modtaget for ${who}: ` +
    `${formatNumber(lines)} ${lines === 1 ? "linje" : "linjer"}, i alt ${formatMoneyOre(total)} uden moms.` +
    (replacedAny ? " Tidligere indsendte data for kvartalet er erstattet og gemt i historikken." : "");
  return { ok: true, message, submissions, lines, mode: summary.mode, partition: summary.partition, file: description, duplicateBatch: false };
}
