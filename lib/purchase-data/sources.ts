import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { CSV_READ_CHUNK_BYTES, readCsvRecords } from "./csv";
import type { ImportSource } from "./import";
import { PurchaseFileError } from "./types";
import { readXlsxRecords, sniffKind } from "./xlsx";

/**
 * An import source for a file on disk (uploads are spooled to a temporary file first): CSV or xlsx,
 * told apart by the file's first bytes, not its name. An xlsx file is checked before it is parsed.
 */
export async function sourceFromFile(path: string, fileName: string | null): Promise<ImportSource> {
  const { size } = await stat(path);
  if (size === 0) throw new PurchaseFileError("Filen er tom.");
  const head = Buffer.alloc(8);
  const handle = await open(path, "r");
  try {
    await handle.read(head, 0, 8, 0);
  } finally {
    await handle.close();
  }
  const kind = sniffKind(head);
  if (kind === "xls") {
    throw new PurchaseFileError(
      "Filen er i det gamle Excel-format (.xls) eller beskyttet med adgangskode. Gem den som «Excel-projektmappe (.xlsx)» eller som CSV, og prøv igen.",
    );
  }
  if (kind === "xlsx") {
    // Checked (lib/xlsx/xlsx-guard.mjs) and read in a worker thread as the import reads the records.
    return { kind: "xlsx", fileName, records: (describe) => readXlsxRecords(path, describe) };
  }
  return {
    kind: "csv",
    fileName,
    records: (describe) => readCsvRecords(createReadStream(path, { highWaterMark: CSV_READ_CHUNK_BYTES }), describe),
  };
}
