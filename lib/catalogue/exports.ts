import "server-only";
import type { Writable } from "node:stream";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AgreementKind, CustomerType, PartySource } from "@/lib/generated/prisma/enums";
import { prisma, type Db } from "@/lib/db/client";
import { keysetPages } from "@/lib/db/keyset-pages";
import { AGREEMENT_KIND_LABELS, CUSTOMER_TYPE_LABELS } from "@/lib/organisation/labels";
import {
  primeAsyncIterable,
  writeXlsx,
  xlsxResponse,
  type XlsxSheetSpec,
  type XlsxWriteOptions,
  type XlsxWriteResult,
} from "@/lib/xlsx/writer";

/**
 * The four lists the agency publishes (DOMAIN.md, "Lists the agency publishes"), as xlsx files.
 * They are public: no log-in, no row scope. Each list streams its rows from PostgreSQL in
 * keyset-paged batches (never the whole list in memory, and no connection held between batches,
 * so a slow download does not tie up the pool) into lib/xlsx/writer.ts.
 *
 * "The common state agreements" are the centrally coordinated and SKI agreements: every kind but
 * OWN (an institution's own agreement is not the agency's to publish), and not retired. All lists
 * of agreements use that one condition (COMMON_AGREEMENT).
 */

/** Rows per page. Measured on 100,000 parties: 2,000 holds the peak heap about 20 MB below 5,000 at the same speed. */
export const EXPORT_BATCH_SIZE = 2_000;

export const PARTY_SOURCE_LABELS: Record<PartySource, string> = {
  OBLIGATED: "Forpligtet kunde",
  PHASE_JOIN: "Tilsluttet fasen",
  ENROLMENT: "Tilmelding",
  OWNER: "Ejer af aftalen",
};

/** An agreement of the common state agreements (see above); `a` is the Agreement. */
const COMMON_AGREEMENT = Prisma.sql`a."kind" <> 'OWN' AND a."retiredAt" IS NULL`;

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

export type CategoryExportRow = {
  code: string;
  name: string;
  hasMandatoryAgreements: boolean;
  commonAgreements: number;
};

/** Procurement categories by code, with the number of common agreements covering each. */
export function categoryRows(db: Db = prisma, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<CategoryExportRow> {
  return keysetPages(
    (after, limit) => db.$queryRaw<CategoryExportRow[]>`
      SELECT c."code", c."name", c."hasMandatoryAgreements",
             (SELECT count(*)::int FROM "AgreementCategory" x JOIN "Agreement" a ON a."id" = x."agreementId"
               WHERE x."categoryCode" = c."code" AND ${COMMON_AGREEMENT}) AS "commonAgreements"
        FROM "Category" c
       WHERE ${after ? Prisma.sql`c."code" > ${after.code}` : Prisma.sql`TRUE`}
       ORDER BY c."code"
       LIMIT ${limit}`,
    batchSize,
  );
}

export type SupplierExportRow = {
  supplierId: number;
  supplierSortKey: string;
  supplierCvr: string;
  supplierName: string;
  reference: string;
  agreementName: string;
  kind: AgreementKind;
  validFrom: Date;
  validTo: Date;
};

/** Suppliers on the common agreements: one row per supplier and agreement, by supplier name (Danish order). */
export function supplierRows(db: Db = prisma, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<SupplierExportRow> {
  return keysetPages(
    (after, limit) => db.$queryRaw<SupplierExportRow[]>`
      SELECT s."id" AS "supplierId", s."sortKey" AS "supplierSortKey", s."cvr" AS "supplierCvr", s."name" AS "supplierName",
             a."reference", a."name" AS "agreementName", a."kind"::text AS "kind", a."validFrom", a."validTo"
        FROM "Supplier" s
        JOIN "AgreementSupplier" x ON x."supplierId" = s."id"
        JOIN "Agreement" a ON a."id" = x."agreementId"
       WHERE ${COMMON_AGREEMENT}
         AND ${
           after
             ? Prisma.sql`s."sortKey" >= ${after.supplierSortKey}
                 AND (s."sortKey", s."id", a."reference") > (${after.supplierSortKey}, ${after.supplierId}, ${after.reference})`
             : Prisma.sql`TRUE`
         }
       ORDER BY s."sortKey", s."id", a."reference"
       LIMIT ${limit}`,
    batchSize,
  );
}

export type PartyExportRow = {
  institutionId: number;
  institutionSortKey: string;
  institutionCvr: string;
  institutionName: string;
  customerType: CustomerType;
  reference: string;
  agreementName: string;
  phaseNumber: number | null;
  since: Date;
  source: PartySource;
};

/**
 * Which institutions are party to which common agreements: by agreement reference, then institution
 * name (Danish order). The plan walks the agreements in reference order and each agreement's parties
 * through the (agreementId, institutionId) index, sorting one agreement's parties at a time.
 */
export function partyRows(db: Db = prisma, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<PartyExportRow> {
  return keysetPages(
    (after, limit) => db.$queryRaw<PartyExportRow[]>`
      SELECT i."id" AS "institutionId", i."sortKey" AS "institutionSortKey", i."cvr" AS "institutionCvr",
             i."name" AS "institutionName", i."customerType"::text AS "customerType",
             a."reference", a."name" AS "agreementName", ph."number" AS "phaseNumber",
             p."since", p."source"::text AS "source"
        FROM "Agreement" a
        JOIN "AgreementParty" p ON p."agreementId" = a."id"
        JOIN "Institution" i ON i."id" = p."institutionId"
        LEFT JOIN "Phase" ph ON ph."id" = a."phaseId"
       WHERE ${COMMON_AGREEMENT}
         AND ${
           after
             ? Prisma.sql`a."reference" >= ${after.reference}
                 AND (a."reference", i."sortKey", i."id") > (${after.reference}, ${after.institutionSortKey}, ${after.institutionId})`
             : Prisma.sql`TRUE`
         }
       ORDER BY a."reference", i."sortKey", i."id"
       LIMIT ${limit}`,
    batchSize,
  );
}

export type PhaseAgreementExportRow = {
  phaseNumber: number;
  phaseName: string;
  tenderYear: number;
  effectiveDate: Date;
  reference: string;
  agreementName: string;
  kind: AgreementKind;
  validFrom: Date;
  validTo: Date;
};

/** Which common agreements belong to which phase (tender round): by phase number, then reference. */
export function phaseAgreementRows(db: Db = prisma, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<PhaseAgreementExportRow> {
  return keysetPages(
    (after, limit) => db.$queryRaw<PhaseAgreementExportRow[]>`
      SELECT ph."number" AS "phaseNumber", ph."name" AS "phaseName", ph."tenderYear", ph."effectiveDate",
             a."reference", a."name" AS "agreementName", a."kind"::text AS "kind", a."validFrom", a."validTo"
        FROM "Phase" ph
        JOIN "Agreement" a ON a."phaseId" = ph."id"
       WHERE ${COMMON_AGREEMENT}
         AND ${
           after
             ? Prisma.sql`ph."number" >= ${after.phaseNumber}
                 AND (ph."number", a."reference") > (${after.phaseNumber}, ${after.reference})`
             : Prisma.sql`TRUE`
         }
       ORDER BY ph."number", a."reference"
       LIMIT ${limit}`,
    batchSize,
  );
}

// ---------------------------------------------------------------------------------------------
// Sheets
// ---------------------------------------------------------------------------------------------

const kindLabel = (kind: AgreementKind) => AGREEMENT_KIND_LABELS[kind] ?? kind;

const CATEGORY_SHEET: XlsxSheetSpec<CategoryExportRow> = {
  sheetName: "Indkøbskategorier",
  title: "Indkøbskategorier i Statens Indkøbsprogram",
  columns: [
    { header: "Kategorikode", type: "text", width: 14, value: (r) => r.code },
    { header: "Indkøbskategori", type: "text", width: 45, value: (r) => r.name },
    { header: "Har forpligtende aftaler", type: "text", width: 24, value: (r) => r.hasMandatoryAgreements },
    { header: "Antal fælles aftaler", type: "number", width: 20, value: (r) => r.commonAgreements },
  ],
};

const SUPPLIER_SHEET: XlsxSheetSpec<SupplierExportRow> = {
  sheetName: "Leverandører",
  title: "Leverandører på de fælles statslige aftaler",
  columns: [
    { header: "Leverandørens CVR-nr.", type: "text", width: 20, value: (r) => r.supplierCvr },
    { header: "Leverandør", type: "text", width: 40, value: (r) => r.supplierName },
    { header: "Aftalenr.", type: "text", width: 16, value: (r) => r.reference },
    { header: "Aftale", type: "text", width: 45, value: (r) => r.agreementName },
    { header: "Aftaletype", type: "text", width: 42, value: (r) => kindLabel(r.kind) },
    { header: "Gyldig fra", type: "date", width: 12, value: (r) => r.validFrom },
    { header: "Gyldig til", type: "date", width: 12, value: (r) => r.validTo },
  ],
};

const PARTY_SHEET: XlsxSheetSpec<PartyExportRow> = {
  sheetName: "Aftaleparter",
  title: "Offentlige institutioner, der er part på de fælles statslige aftaler",
  columns: [
    { header: "Institutionens CVR-nr.", type: "text", width: 21, value: (r) => r.institutionCvr },
    { header: "Institution", type: "text", width: 42, value: (r) => r.institutionName },
    { header: "Kundetype", type: "text", width: 16, value: (r) => CUSTOMER_TYPE_LABELS[r.customerType] ?? r.customerType },
    { header: "Aftalenr.", type: "text", width: 16, value: (r) => r.reference },
    { header: "Aftale", type: "text", width: 42, value: (r) => r.agreementName },
    { header: "Fase", type: "number", width: 7, numFmt: "0", value: (r) => r.phaseNumber },
    { header: "Part siden", type: "date", width: 12, value: (r) => r.since },
    { header: "Grundlag", type: "text", width: 18, value: (r) => PARTY_SOURCE_LABELS[r.source] ?? r.source },
  ],
};

const PHASE_SHEET: XlsxSheetSpec<PhaseAgreementExportRow> = {
  sheetName: "Aftaler og faser",
  title: "Aftaler og faser (udbudsrunder) i Statens Indkøbsprogram",
  columns: [
    { header: "Fase", type: "number", width: 7, numFmt: "0", value: (r) => r.phaseNumber },
    { header: "Fasenavn", type: "text", width: 14, value: (r) => r.phaseName },
    { header: "Udbudt år", type: "number", width: 10, numFmt: "0", value: (r) => r.tenderYear },
    { header: "Ikrafttrædelse", type: "date", width: 14, value: (r) => r.effectiveDate },
    { header: "Aftalenr.", type: "text", width: 16, value: (r) => r.reference },
    { header: "Aftale", type: "text", width: 45, value: (r) => r.agreementName },
    { header: "Aftaletype", type: "text", width: 42, value: (r) => kindLabel(r.kind) },
    { header: "Gyldig fra", type: "date", width: 12, value: (r) => r.validFrom },
    { header: "Gyldig til", type: "date", width: 12, value: (r) => r.validTo },
  ],
};

// ---------------------------------------------------------------------------------------------
// The published lists
// ---------------------------------------------------------------------------------------------

export type ExportOptions = Omit<XlsxWriteOptions, "signal"> & { db?: Db; batchSize?: number };

export type PublishedList = {
  /** The file name, also the last part of its address: /lister/<fileName>. */
  fileName: string;
  /** Danish title (row 1 of the sheet, and the link text). */
  title: string;
  /** One line of Danish saying what the list holds. */
  description: string;
  /** Writes the list to `target` (a file, a response) and ends it. */
  write(target: Writable, options?: ExportOptions & Pick<XlsxWriteOptions, "signal">): Promise<XlsxWriteResult>;
  /**
   * The streaming download. Reads the first batch before answering, so an unreachable database
   * gives an error response rather than a broken file.
   */
  response(options?: ExportOptions): Promise<Response>;
};

function publishedList<Row>(definition: {
  fileName: string;
  description: string;
  sheet: XlsxSheetSpec<Row>;
  rows: (db: Db, batchSize: number) => AsyncGenerator<Row>;
}): PublishedList {
  const { fileName, description, sheet, rows } = definition;
  return {
    fileName,
    title: sheet.title,
    description,
    write: (target, { db = prisma, batchSize = EXPORT_BATCH_SIZE, ...options } = {}) =>
      writeXlsx(target, sheet, rows(db, batchSize), options),
    response: async ({ db = prisma, batchSize = EXPORT_BATCH_SIZE, ...options } = {}) =>
      xlsxResponse(fileName, sheet, await primeAsyncIterable(rows(db, batchSize)), options),
  };
}

export const PUBLISHED_LISTS: readonly PublishedList[] = [
  publishedList({
    fileName: "indkoebskategorier.xlsx",
    description: "Alle indkøbskategorier med kode, og om kategorien har forpligtende aftaler.",
    sheet: CATEGORY_SHEET,
    rows: categoryRows,
  }),
  publishedList({
    fileName: "leverandoerer.xlsx",
    description: "Leverandørerne med CVR-nummer på de fælles statslige aftaler og SKI-aftaler, aftale for aftale.",
    sheet: SUPPLIER_SHEET,
    rows: supplierRows,
  }),
  publishedList({
    fileName: "aftaleparter.xlsx",
    description: "Hvilke offentlige institutioner der er part på hvilke aftaler, og siden hvornår.",
    sheet: PARTY_SHEET,
    rows: partyRows,
  }),
  publishedList({
    fileName: "aftaler-og-faser.xlsx",
    description: "Hvilke aftaler der hører til hvilken fase (udbudsrunde), med faser, datoer og aftalernes gyldighed.",
    sheet: PHASE_SHEET,
    rows: phaseAgreementRows,
  }),
];

const BY_FILE_NAME = new Map(PUBLISHED_LISTS.map((list) => [list.fileName, list]));

/** The published list with this file name, or undefined (any other name). */
export function findPublishedList(fileName: string): PublishedList | undefined {
  return BY_FILE_NAME.get(fileName);
}
