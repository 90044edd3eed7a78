/**
 * Streaming xlsx reading for purchase data: exceljs's WorkbookReader, row by row, in flat memory
 * (a million rows read at about 145 MB, STACK.md). The file is on disk (the upload is spooled there)
 * because a zip is read from its end.
 *
 * exceljs has no guard against hostile zip files, so the zip is checked first: its central
 * directory (entries, no encryption, no zip64, no macros, an actual workbook), the declared sizes
 * against a ceiling, and then every entry is inflated as a stream and counted, never beyond its
 * declared size (a zip bomb declares small sizes and inflates to gigabytes). Only then is the
 * workbook read.
 *
 * The data sheet is the first worksheet whose first row is a header of either format (the
 * template's guide sheet is skipped); a second sheet with data in a known format is refused.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInflateRaw } from "node:zlib";
import ExcelJS from "exceljs";
import { matchHeader } from "./formats";
import { PurchaseFileError, type Cell, type FileDescription, type RawRow } from "./types";

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export type XlsxLimits = {
  /** Sum of all entries' uncompressed sizes. A million purchase rows take about 400 MB. */
  maxUncompressedBytes: number;
  maxEntries: number;
};

export const DEFAULT_XLSX_LIMITS: XlsxLimits = { maxUncompressedBytes: 1_500_000_000, maxEntries: 1000 };

const CORRUPT = "Filen er beskadiget eller afkortet og kan ikke læses som et Excel-regneark (xlsx). Gem den igen, og send hele filen.";

type Entry = { name: string; flags: number; method: number; compressedSize: number; uncompressedSize: number; localOffset: number };

/** What kind of file the first bytes say it is. */
export function sniffKind(head: Uint8Array): "xlsx" | "xls" | "text" {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "xlsx";
  if (head.length >= 8 && OLE2_MAGIC.equals(Buffer.from(head.subarray(0, 8)))) return "xls";
  return "text";
}

async function readDirectory(path: string, limits: XlsxLimits): Promise<Entry[]> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === ZIP_END) {
        end = i;
        break;
      }
    }
    if (end < 0) throw new PurchaseFileError(CORRUPT);
    const count = tail.readUInt16LE(end + 10);
    const dirSize = tail.readUInt32LE(end + 12);
    const dirOffset = tail.readUInt32LE(end + 16);
    if (tail.readUInt16LE(end + 4) !== 0 || count === 0xffff || dirOffset === 0xffffffff) {
      throw new PurchaseFileError("Regnearket er for stort eller gemt i et format, portalen ikke læser (zip64). Del det op i flere filer, eller brug CSV.");
    }
    if (count > limits.maxEntries) throw new PurchaseFileError(`Filen indeholder for mange dele (${count}) til at være et almindeligt regneark.`);
    if (dirOffset + dirSize > size) throw new PurchaseFileError(CORRUPT);
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    const entries: Entry[] = [];
    let at = 0;
    for (let n = 0; n < count; n++) {
      if (at + 46 > dir.length || dir.readUInt32LE(at) !== ZIP_CENTRAL) throw new PurchaseFileError(CORRUPT);
      const nameLength = dir.readUInt16LE(at + 28);
      entries.push({
        flags: dir.readUInt16LE(at + 8),
        method: dir.readUInt16LE(at + 10),
        compressedSize: dir.readUInt32LE(at + 20),
        uncompressedSize: dir.readUInt32LE(at + 24),
        localOffset: dir.readUInt32LE(at + 42),
        name: dir.toString("utf8", at + 46, at + 46 + nameLength),
      });
      at += 46 + nameLength + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
    }
    // Where each entry's data starts: after its local header.
    for (const entry of entries) {
      const local = Buffer.alloc(30);
      await handle.read(local, 0, 30, entry.localOffset);
      if (local.readUInt32LE(0) !== ZIP_LOCAL) throw new PurchaseFileError(CORRUPT);
      entry.localOffset += 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (entry.localOffset + entry.compressedSize > size) throw new PurchaseFileError(CORRUPT);
    }
    return entries;
  } finally {
    await handle.close();
  }
}

async function inflatedSize(path: string, entry: Entry): Promise<number> {
  if (entry.compressedSize === 0) return 0;
  const raw = createReadStream(path, { start: entry.localOffset, end: entry.localOffset + entry.compressedSize - 1 });
  if (entry.method === 0) return entry.compressedSize;
  if (entry.method !== 8) throw new PurchaseFileError(CORRUPT);
  const inflate = createInflateRaw();
  raw.pipe(inflate);
  let total = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > entry.uncompressedSize) {
        raw.destroy();
        inflate.destroy();
        throw new PurchaseFileError(`Regnearkets del «${entry.name}» fylder mere, end filen angiver. Filen modtages ikke.`);
      }
    }
  } catch (error) {
    raw.destroy();
    if (error instanceof PurchaseFileError) throw error;
    throw new PurchaseFileError(CORRUPT);
  }
  return total;
}

/** Checks that the file at `path` is a plain, honest xlsx workbook (see the module comment). */
export async function checkXlsxZip(path: string, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): Promise<void> {
  const entries = await readDirectory(path, limits);
  const names = new Set(entries.map((e) => e.name.replace(/^\//, "").toLowerCase()));
  if (names.has("xl/vbaproject.bin")) {
    throw new PurchaseFileError("Filen indeholder makroer og modtages ikke. Gem den som almindelig «Excel-projektmappe (.xlsx)», og prøv igen.");
  }
  if (!names.has("[content_types].xml") || !names.has("xl/workbook.xml")) {
    throw new PurchaseFileError("Filen er en zip-fil, men ikke et Excel-regneark (xlsx).");
  }
  if (entries.some((e) => e.flags & 0x1)) {
    throw new PurchaseFileError("Regnearket er beskyttet med adgangskode. Fjern beskyttelsen, gem filen, og prøv igen.");
  }
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > limits.maxUncompressedBytes) {
    throw new PurchaseFileError("Regnearket fylder for meget, når det pakkes ud. Del det op i flere filer, eller brug CSV.");
  }
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    const actual = await inflatedSize(path, entry);
    if (actual !== entry.uncompressedSize) throw new PurchaseFileError(CORRUPT);
  }
}

function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if ("richText" in v && Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((p) => p.text).join("");
  if ("result" in v || "formula" in v || "sharedFormula" in v) return cellValue(v.result);
  if ("text" in v) return cellValue(v.text);
  if ("error" in v) return `#${String(v.error).replace(/^#/, "")}`;
  return null;
}

function rowCells(values: unknown): Cell[] {
  // exceljs row.values is 1-based: index 0 is empty.
  const list = Array.isArray(values) ? values : [];
  const cells: Cell[] = new Array(Math.max(0, list.length - 1));
  for (let i = 1; i < list.length; i++) cells[i - 1] = cellValue(list[i]);
  return cells;
}

function isEmptyRow(cells: Cell[]): boolean {
  for (const cell of cells) if (cell !== null && cell !== undefined && cell !== "") return false;
  return true;
}

/** Batches of records of the data sheet; the first record is its header. Call checkXlsxZip first. */
export async function* readXlsxRecords(path: string, describe?: (description: FileDescription) => void): AsyncGenerator<RawRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    styles: "ignore",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  let dataSheet: string | null = null;
  let headerOnly: RawRow | null = null;
  let firstHeaderProblem: string | null = null;
  let batch: RawRow[] = [];
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name?: string }).name ?? "Ark";
      // header: looking for the header row; pending: header found, no data yet; data; skip.
      let state: "header" | "pending" | "data" | "skip" = "header";
      let header: RawRow | null = null;
      for await (const row of worksheet) {
        if (state === "skip") continue;
        const cells = rowCells(row.values);
        if (isEmptyRow(cells)) continue;
        if (state === "header") {
          const match = matchHeader(cells);
          if (!match.ok) {
            firstHeaderProblem ??= `Arket «${name}», række ${row.number}: ${match.message.replace(/^Linje 1: /, "")}`;
            state = "skip";
          } else {
            header = { line: row.number, cells };
            headerOnly ??= header;
            state = "pending";
          }
          continue;
        }
        if (state === "pending") {
          if (dataSheet !== null) {
            throw new PurchaseFileError(`Både arket «${dataSheet}» og arket «${name}» indeholder indkøbsdata. Send ét ark ad gangen.`);
          }
          dataSheet = name;
          describe?.({ kind: "xlsx", sheet: name });
          batch.push(header!);
          state = "data";
        }
        batch.push({ line: row.number, cells });
        if (batch.length >= 2000) {
          yield batch;
          batch = [];
        }
      }
    }
  } catch (error) {
    if (error instanceof PurchaseFileError) throw error;
    throw new PurchaseFileError(CORRUPT);
  }
  if (dataSheet === null) {
    // A sheet with the right header and no data: the import says "only the header".
    if (headerOnly) {
      yield [headerOnly];
      return;
    }
    throw new PurchaseFileError(firstHeaderProblem ?? "Regnearket er tomt: intet ark har en overskriftsrække. Brug skabelonen.");
  }
  if (batch.length > 0) yield batch;
}
