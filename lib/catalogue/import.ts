import "server-only";
import { createHash } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/types";
import { prisma, type Db } from "@/lib/db/client";
import { danishSortKey } from "@/lib/domain/danish-sort";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  agreementInclude,
  categorySnapshot,
  createAgreementRecord,
  supplierSnapshot,
  updateAgreementRecord,
  type AgreementWithLinks,
} from "@/lib/catalogue/admin";
import {
  AGREEMENT_SHEET,
  CATEGORY_SHEET,
  IMPORT_TEMPLATE,
  SUPPLIER_SHEET,
  checkImportReferences,
  parseImportWorkbook,
  type ImportProblem,
} from "@/lib/catalogue/import-rules";
import { refreshAgreementUse } from "@/lib/ceilings/refresh";
import { readXlsx, XlsxFileError, type XlsxFileProblem } from "@/lib/xlsx/reader";
import { buildTemplateWorkbook } from "@/lib/xlsx/template";

/**
 * Import of master data (categories, suppliers, agreements) from one xlsx workbook: the file is
 * checked and read (lib/xlsx/reader.ts), every row is validated (import-rules.ts) against the
 * database and the rest of the file, and only when no row has a problem are all rows upserted, in
 * one transaction, each change with its audit entry, plus one entry for the import itself.
 */

export type ImportCounts = { created: number; updated: number; unchanged: number };

export type ImportOutcome =
  | {
      ok: true;
      message: string;
      counts: { categories?: ImportCounts; suppliers?: ImportCounts; agreements?: ImportCounts };
    }
  | {
      ok: false;
      message: string;
      /** Why the file as a whole was refused; absent when single rows have problems. */
      fileProblem?: XlsxFileProblem | "columns" | "no-sheets" | "no-rows";
      /** The first MAX_PROBLEMS problems (sheet, row, column, reason), in file order. */
      problems: ImportProblem[];
      totalProblems: number;
    };

export const MAX_PROBLEMS = 500;
const CHUNK = 1000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type AuditRow = Prisma.AuditLogCreateManyInput;

async function writeAudit(tx: Db, rows: AuditRow[]): Promise<void> {
  for (const part of chunks(rows)) await tx.auditLog.createMany({ data: part });
}

function refused(message: string, problems: ImportProblem[], fileProblem?: Extract<ImportOutcome, { ok: false }>["fileProblem"]): ImportOutcome {
  return { ok: false, message, fileProblem, problems: problems.slice(0, MAX_PROBLEMS), totalProblems: problems.length };
}

function countsText(label: string, counts: ImportCounts | undefined): string | null {
  if (!counts) return null;
  return `${label}: ${counts.created} oprettet, ${counts.updated} ændret, ${counts.unchanged} uændret`;
}

export async function importMasterData(
  actor: CurrentUser,
  file: { name: string; data: Uint8Array },
  db?: Db,
): Promise<ImportOutcome> {
  let sheets;
  try {
    sheets = await readXlsx(file.data);
  } catch (error) {
    if (error instanceof XlsxFileError) return refused(`${error.message} Intet er importeret.`, [], error.problem);
    throw error;
  }

  const parsed = parseImportWorkbook(sheets);
  if (parsed.fileProblems.length > 0) {
    const noSheets = parsed.sheetsFound.length === 0;
    return refused(
      `${parsed.fileProblems.map((p) => p.message).join(" ")} Intet er importeret.`,
      parsed.fileProblems,
      noSheets ? "no-sheets" : "columns",
    );
  }
  const rowCount = parsed.categories.length + parsed.suppliers.length + parsed.agreements.length + parsed.problems.length;
  if (rowCount === 0) {
    return refused(`Arkene ${parsed.sheetsFound.map((s) => `«${s}»`).join(", ")} har ingen rækker under overskrifterne. Intet er importeret.`, [], "no-rows");
  }
  const sha256 = createHash("sha256").update(file.data).digest("hex");

  const run = async (tx: Db): Promise<ImportOutcome> => {
    // What the rows refer to, as the database holds it now.
    const ownerCvrs = [...new Set(parsed.agreements.flatMap((r) => (r.input.ownerCvr ? [r.input.ownerCvr] : [])))];
    const supplierCvrs = [...new Set([...parsed.suppliers.map((r) => r.input.cvr), ...parsed.agreements.flatMap((r) => r.input.supplierCvrs)])];
    // One query after the other: a transaction is one connection.
    const categories = await tx.category.findMany();
    const phases = await tx.phase.findMany({ select: { number: true } });
    const institutions = ownerCvrs.length ? await tx.institution.findMany({ where: { cvr: { in: ownerCvrs } }, select: { cvr: true } }) : [];
    const suppliers = [];
    for (const part of chunks(supplierCvrs, 5000)) suppliers.push(...(await tx.supplier.findMany({ where: { cvr: { in: part } } })));
    checkImportReferences(parsed, {
      phaseNumbers: new Set(phases.map((p) => p.number)),
      institutionCvrs: new Set(institutions.map((i) => i.cvr)),
      categoryCodes: new Set(categories.map((c) => c.code)),
      supplierCvrs: new Set(suppliers.map((s) => s.cvr)),
    });
    if (parsed.problems.length > 0) {
      const n = parsed.problems.length;
      return refused(
        `Filen indeholder ${n === 1 ? "1 fejl" : `${n} fejl`}, og intet er importeret. Ret ${n === 1 ? "fejlen" : "fejlene"}, og prøv igen.`,
        parsed.problems,
      );
    }

    const audits: AuditRow[] = [];
    const record = (action: string, entity: string, entityId: string | number, before: unknown, after: unknown) =>
      audits.push({
        actorId: actor.id,
        action,
        entity,
        entityId: String(entityId),
        before: (before ?? undefined) as Prisma.InputJsonValue | undefined,
        after: after as Prisma.InputJsonValue,
      });
    const counts: Extract<ImportOutcome, { ok: true }>["counts"] = {};

    // 1. Categories (few): created or updated one by one.
    if (parsed.sheetsFound.includes(CATEGORY_SHEET.name)) {
      const c: ImportCounts = (counts.categories = { created: 0, updated: 0, unchanged: 0 });
      const byCode = new Map(categories.map((category) => [category.code, category]));
      for (const { input } of parsed.categories) {
        const existing = byCode.get(input.code);
        const after = categorySnapshot(input);
        if (!existing) {
          await tx.category.create({ data: input });
          record("category.create", "Category", input.code, null, after);
          c.created++;
        } else if (JSON.stringify(categorySnapshot(existing)) !== JSON.stringify(after)) {
          await tx.category.update({ where: { code: input.code }, data: { name: input.name, hasMandatoryAgreements: input.hasMandatoryAgreements, contractType: input.contractType } });
          record("category.update", "Category", input.code, categorySnapshot(existing), after);
          c.updated++;
        } else {
          c.unchanged++;
        }
      }
    }

    // 2. Suppliers (possibly many): new ones in batches, changed ones one by one.
    if (parsed.sheetsFound.includes(SUPPLIER_SHEET.name)) {
      const c: ImportCounts = (counts.suppliers = { created: 0, updated: 0, unchanged: 0 });
      const byCvr = new Map(suppliers.map((supplier) => [supplier.cvr, supplier]));
      const fresh: Prisma.SupplierCreateManyInput[] = [];
      for (const { input } of parsed.suppliers) {
        const existing = byCvr.get(input.cvr);
        const data = { name: input.name, sortKey: danishSortKey(input.name), categoryCode: input.categoryCode };
        if (!existing) {
          fresh.push({ cvr: input.cvr, ...data });
          c.created++;
        } else if (JSON.stringify(supplierSnapshot(existing)) !== JSON.stringify(supplierSnapshot(input))) {
          await tx.supplier.update({ where: { id: existing.id }, data });
          record("supplier.update", "Supplier", existing.id, supplierSnapshot(existing), supplierSnapshot(input));
          c.updated++;
        } else {
          c.unchanged++;
        }
      }
      for (const part of chunks(fresh)) {
        const created = await tx.supplier.createManyAndReturn({ data: part, select: { id: true, cvr: true, name: true, categoryCode: true } });
        for (const supplier of created) record("supplier.create", "Supplier", supplier.id, null, supplierSnapshot(supplier));
      }
    }

    // 3. Agreements: through the same functions as the form, each with its own audit entry.
    if (parsed.sheetsFound.includes(AGREEMENT_SHEET.name)) {
      const c: ImportCounts = (counts.agreements = { created: 0, updated: 0, unchanged: 0 });
      const references = parsed.agreements.map((r) => r.input.reference);
      const existing = new Map<string, AgreementWithLinks>();
      for (const part of chunks(references, 5000)) {
        for (const agreement of await tx.agreement.findMany({ where: { reference: { in: part } }, include: agreementInclude })) {
          existing.set(agreement.reference, agreement);
        }
      }
      const changedIds: number[] = [];
      for (const { input } of parsed.agreements) {
        const current = existing.get(input.reference);
        if (!current) {
          changedIds.push((await createAgreementRecord(tx, actor, input)).id);
          c.created++;
        } else if (await updateAgreementRecord(tx, actor, current, input)) {
          changedIds.push(current.id);
          c.updated++;
        } else {
          c.unchanged++;
        }
      }
      // The use of the changed agreements (and the warnings a lowered maximum calls for), in one statement.
      await refreshAgreementUse(tx, { agreementIds: changedIds });
    }

    const summary = [
      countsText("Kategorier", counts.categories),
      countsText("Leverandører", counts.suppliers),
      countsText("Aftaler", counts.agreements),
    ].filter(Boolean);
    record("catalogue.import", "Import", sha256.slice(0, 16), null, { fileName: file.name, sha256, counts });
    await writeAudit(tx, audits);
    return { ok: true, message: `Importen er gennemført. ${summary.join(". ")}.`, counts };
  };

  return db ? run(db) : prisma.$transaction((tx) => run(tx), { timeout: 120_000, maxWait: 10_000 });
}

/** The blank import workbook with its guide sheet. */
export async function importTemplateWorkbook(): Promise<Buffer> {
  return buildTemplateWorkbook(IMPORT_TEMPLATE);
}
