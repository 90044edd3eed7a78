import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { UserError } from "@/lib/action-result";
import type { CurrentUser } from "@/lib/auth/types";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { isEmbeddedVersion, prismaConnection, type SqlConnection } from "./connection";
import { runImport, type ImportRequest, type ImportResult } from "./import";
import { copenhagenToday, quarterFromCode } from "./quarter";
import { inClientTransaction } from "./run";
import type { SubmissionScope } from "./rows";
import { sourceFromFile } from "./sources";

/**
 * The app's side of an import: who may report for whom, and which connection the import runs on.
 * On PostgreSQL an import gets a connection of its own from a small pool (COPY needs the raw
 * connection); on the embedded database it runs in a Prisma interactive transaction, since Prisma
 * holds PGlite's single connection.
 */

/** Files up to this size are kept with the submission (StoredFile); larger ones are named only. */
export const STORE_FILE_MAX_BYTES = 5 * 1024 * 1024;
/** The largest upload taken (a million line-format rows are about 70 MB as CSV). */
export const UPLOAD_MAX_BYTES = 300 * 1024 * 1024;

const globalForImports = globalThis as unknown as { purchaseImportPool?: pg.Pool; purchaseEmbedded?: Promise<boolean> };

function pool(): pg.Pool {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  globalForImports.purchaseImportPool ??= new pg.Pool({ connectionString: env.DATABASE_URL, max: 3, application_name: "sip-import" });
  return globalForImports.purchaseImportPool;
}

async function embedded(): Promise<boolean> {
  globalForImports.purchaseEmbedded ??= prisma
    .$queryRawUnsafe<{ version: string }[]>("SELECT version() AS version")
    .then((rows) => isEmbeddedVersion(rows[0]?.version ?? ""));
  return globalForImports.purchaseEmbedded;
}

class Rollback<Result> extends Error {
  constructor(readonly result: Result) {
    super("rollback");
  }
}

/**
 * Runs `work` on an import connection in a transaction of its own: committed when its result is
 * ok, rolled back otherwise (or when it throws). Purchase data and sales reports both load this way.
 */
export async function inImportTransaction<Result extends { ok: boolean }>(work: (conn: SqlConnection) => Promise<Result>): Promise<Result> {
  if (await embedded()) {
    try {
      return await prisma.$transaction(
        async (tx) => {
          const result = await work(prismaConnection(tx, true));
          if (!result.ok) throw new Rollback(result);
          return result;
        },
        { maxWait: 60_000, timeout: 30 * 60_000 },
      );
    } catch (error) {
      if (error instanceof Rollback) return error.result as Result;
      throw error;
    }
  }
  const client = await pool().connect();
  try {
    return await inClientTransaction(client, work, false);
  } finally {
    client.release();
  }
}

/** Runs an import in a transaction of its own: committed when ok, rolled back otherwise. */
export async function runImportTransaction(request: ImportRequest): Promise<ImportResult> {
  return inImportTransaction((conn) => runImport(conn, request));
}

/** Whom a person may report for: a buyer the own institution, a group buyer the ministry area. */
export async function manualScope(actor: CurrentUser): Promise<SubmissionScope> {
  if (actor.role === "BUYER" && actor.institutionId !== null) {
    return { channel: "MANUAL", institutionIds: new Set([actor.institutionId]), outsideMessage: "Du kan kun indsende data for din egen institution" };
  }
  if (actor.role === "GROUP_BUYER" && actor.ministryId !== null) {
    const institutions = await prisma.institution.findMany({ where: { ministryId: actor.ministryId }, select: { id: true } });
    return {
      channel: "MANUAL",
      institutionIds: new Set(institutions.map((i) => i.id)),
      outsideMessage: "Institutionen hører ikke under dit ministerområde",
    };
  }
  throw new UserError("Kun institutionens indkøber eller ministerområdets koncernindkøber kan indsende indkøbsdata.");
}

export type UploadedFile = { path: string; fileName: string; contentType: string; size: number };

/** A manual submission of a quarter's purchase data from an uploaded file. */
export async function submitPurchaseData(actor: CurrentUser, input: { quarter: string; file: UploadedFile }): Promise<ImportResult> {
  const quarter = quarterFromCode(input.quarter);
  if (!quarter) throw new UserError("Vælg et kvartal.", "quarter");
  const source = await sourceFromFile(input.file.path, input.file.fileName);
  let storeFile: ImportRequest["storeFile"] = null;
  if (input.file.size <= STORE_FILE_MAX_BYTES) {
    const content = await readFile(input.file.path);
    storeFile = { content, contentType: input.file.contentType, sha256: createHash("sha256").update(content).digest("hex") };
  }
  return runImportTransaction({
    quarter,
    channel: "MANUAL",
    scope: await manualScope(actor),
    actorId: actor.id,
    source,
    storeFile,
    today: copenhagenToday(),
  });
}

/**
 * A batch of the SKS feed sent by another system with an API key: the key acts as a buyer of its
 * institution (lib/auth/api-key.ts), so it delivers that institution's lines.
 */
export async function receiveSksBatch(
  caller: CurrentUser,
  input: { quarter: string; batch: string | null; file: UploadedFile },
): Promise<ImportResult> {
  const quarter = quarterFromCode(input.quarter);
  if (!quarter) throw new UserError("Angiv kvartalet som fx 2016Q4 (parameteren kvartal).", "quarter");
  if (caller.institutionId === null) throw new UserError("API-nøglen hører ikke til en institution.");
  return runImportTransaction({
    quarter,
    channel: "SKS_FEED",
    scope: { channel: "SKS_FEED", institutionIds: new Set([caller.institutionId]), outsideMessage: "API-nøglen gælder kun sin egen institution" },
    actorId: caller.id,
    source: await sourceFromFile(input.file.path, input.file.fileName),
    feedBatch: input.batch,
    today: copenhagenToday(),
  });
}
