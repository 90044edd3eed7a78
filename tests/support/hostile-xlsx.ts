import type { XlsxFileProblem } from "@/lib/xlsx/reader";
import { buildZip, unzip, type RepeatedContent, type ZipFixtureEntry } from "./zip";

/**
 * Hostile xlsx files for every upload path's tests, made from a real workbook of that path (so that
 * everything but the attack is what the path expects). Nothing big is committed: the bombs are
 * built in milliseconds by repeating compressed data (tests/support/zip.ts).
 *
 * - "ratio-bomb": one cell of 400 MB of text in 400 kB (the review's upload); sizes declared honestly.
 * - "shared-strings-bomb": 20 million shared strings (360 MB) for a sheet of a few cells.
 * - "giant-shared-string": one shared string of 300 MB.
 * - "styles-bomb": 10 million cell formats (500 MB).
 * - "lying-size": the sheet declares 2 kB in the directory and inflates to 400 MB.
 * - "hidden-entry": a 360 MB shared-strings part that the central directory does not list, before
 *   the listed parts (a streaming unzip reads it, a check of the directory alone never sees it).
 * The next ones compress no better than ordinary sheets, so only a check of the content stops them:
 * - "surplus-shared-strings": 50,000 different shared strings for a sheet of a few cells.
 * - "long-shared-string": one shared string of 2 MB (a cell holds at most 32,767 characters).
 * - "surplus-styles": 70,000 different cell formats (Excel allows at most 65,490).
 * - "deep-xml": elements nested 100,000 deep in a cell.
 * - "wide-row": one row of 100,000 cells (Excel's rows end at column XFD, 16,384).
 * - "many-entries": 5,000 parts.
 */
export const HOSTILE_KINDS = [
  "ratio-bomb",
  "shared-strings-bomb",
  "giant-shared-string",
  "styles-bomb",
  "lying-size",
  "hidden-entry",
  "surplus-shared-strings",
  "long-shared-string",
  "surplus-styles",
  "deep-xml",
  "wide-row",
  "many-entries",
] as const;

export type HostileKind = (typeof HOSTILE_KINDS)[number];

/**
 * How lib/xlsx/reader.ts refuses each: the problem and a part of the Danish message. The bombs are
 * over the 40 MB that the Skema and master-data imports allow; under the 1 GB that purchase data
 * allows, their compression ratio stops them (`streamed`).
 */
const BOMB = { problem: "too-much-content", text: "pakkes ud", streamed: "compression-ratio", streamedText: "zip-bombe" } as const;
export const HOSTILE_REFUSALS: Record<HostileKind, { problem: XlsxFileProblem; text: string; streamed?: XlsxFileProblem; streamedText?: string }> = {
  "ratio-bomb": BOMB,
  "shared-strings-bomb": BOMB,
  "giant-shared-string": BOMB,
  "styles-bomb": BOMB,
  "lying-size": { problem: "corrupt", text: "beskadiget" },
  "hidden-entry": { problem: "corrupt", text: "beskadiget" },
  "surplus-shared-strings": { problem: "shared-strings", text: "teksttabel" },
  "long-shared-string": { problem: "token-too-large", text: "over 1 MB" },
  "surplus-styles": { problem: "styles", text: "65.490" },
  "deep-xml": { problem: "xml-too-deep", text: "100 niveauer" },
  "wide-row": { problem: "row-too-wide", text: "16.384" },
  "many-entries": { problem: "too-much-content", text: "for mange dele" },
};

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A deterministic, poorly compressible token (so that a part's compression ratio stays ordinary). */
function token(i: number): string {
  let x = (i + 1) * 2654435761;
  x = (x ^ (x >>> 15)) >>> 0;
  return `${x.toString(36)}${i.toString(36)}`;
}

function sheetPart(entries: readonly ZipFixtureEntry[]): ZipFixtureEntry & { data: Buffer } {
  const sheet = entries.find(
    (e): e is ZipFixtureEntry & { data: Buffer } => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name) && Buffer.isBuffer(e.data) && e.data.includes("<sheetData"),
  );
  if (!sheet) throw new Error("the base workbook has no worksheet");
  return sheet;
}

/** The sheet's XML around its rows: what comes before the first row and after the last. */
function aroundRows(sheet: Buffer): { before: string; after: string } {
  const xml = sheet.toString("utf8");
  const empty = xml.indexOf("<sheetData/>");
  if (empty >= 0) return { before: `${xml.slice(0, empty)}<sheetData>`, after: `</sheetData>${xml.slice(empty + "<sheetData/>".length)}` };
  const open = xml.indexOf(">", xml.indexOf("<sheetData")) + 1;
  const close = xml.indexOf("</sheetData>");
  return { before: xml.slice(0, open), after: xml.slice(close) };
}

function withPart(entries: readonly ZipFixtureEntry[], part: ZipFixtureEntry): ZipFixtureEntry[] {
  const replaced = entries.map((e) => (e.name === part.name ? part : e));
  return replaced.some((e) => e === part) ? replaced : [...replaced, part];
}

function withRows(entries: readonly ZipFixtureEntry[], rows: RepeatedContent | string): ZipFixtureEntry[] {
  const sheet = sheetPart(entries);
  const { before, after } = aroundRows(sheet.data);
  const data: Buffer | RepeatedContent =
    typeof rows === "string" ? Buffer.from(`${before}${rows}${after}`) : { ...rows, head: `${before}${rows.head}`, tail: `${rows.tail}${after}` };
  return withPart(entries, { name: sheet.name, data });
}

function sharedStrings(content: RepeatedContent | string): ZipFixtureEntry {
  const head = `${XML_DECLARATION}<sst xmlns="${MAIN_NS}">`;
  const data = typeof content === "string" ? Buffer.from(`${head}${content}</sst>`) : { ...content, head: `${head}${content.head}`, tail: `${content.tail}</sst>` };
  return { name: "xl/sharedStrings.xml", data };
}

function styles(cellXfs: RepeatedContent | string): ZipFixtureEntry {
  const head =
    `${XML_DECLARATION}<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs>';
  const tail = '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
  const data = typeof cellXfs === "string" ? Buffer.from(`${head}${cellXfs}${tail}`) : { ...cellXfs, head: `${head}${cellXfs.head}`, tail: `${cellXfs.tail}${tail}` };
  return { name: "xl/styles.xml", data };
}

const MANY_SHARED_STRINGS: RepeatedContent = { head: "", body: "<si><t>x</t></si>", times: 20_000_000, tail: "" };

/** The workbook `base` (a valid xlsx of the path under test) with the attack `kind` built in. */
export function hostileXlsx(base: Buffer, kind: HostileKind): Buffer {
  const entries: ZipFixtureEntry[] = unzip(base);
  switch (kind) {
    case "ratio-bomb":
      return buildZip(withRows(entries, { head: '<row r="2"><c r="A2" t="inlineStr"><is><t>', body: "a", times: 400_000_000, tail: "</t></is></c></row>" }));
    case "shared-strings-bomb":
      return buildZip(withPart(entries, sharedStrings(MANY_SHARED_STRINGS)));
    case "giant-shared-string":
      return buildZip(withPart(entries, sharedStrings({ head: "<si><t>", body: "a", times: 300_000_000, tail: "</t></si>" })));
    case "styles-bomb":
      return buildZip(
        withPart(entries, styles({ head: "", body: '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', times: 10_000_000, tail: "" })),
      );
    case "lying-size": {
      const sheet = withRows(entries, { head: '<row r="2">', body: '<c t="inlineStr"><is><t>a</t></is></c>', times: 10_000_000, tail: "</row>" });
      return buildZip(sheet.map((e) => (e.name === sheetPart(entries).name ? { ...e, declaredSize: 2048 } : e)));
    }
    case "hidden-entry":
      return buildZip([{ ...sharedStrings(MANY_SHARED_STRINGS), hidden: true }, ...entries]);
    case "surplus-shared-strings":
      return buildZip(withPart(entries, sharedStrings(Array.from({ length: 50_000 }, (_, i) => `<si><t>${token(i)}</t></si>`).join(""))));
    case "long-shared-string":
      return buildZip(withPart(entries, sharedStrings(`<si><t>${Array.from({ length: 200_000 }, (_, i) => token(i)).join(" ").slice(0, 2_000_000)}</t></si>`)));
    case "surplus-styles":
      return buildZip(
        withPart(
          entries,
          styles(Array.from({ length: 70_000 }, (_, i) => `<xf numFmtId="${i % 200}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="${token(i)}"/>`).join("")),
        ),
      );
    case "deep-xml":
      return buildZip(withRows(entries, `<row r="2"><c r="A2" t="inlineStr"><is>${"<r>".repeat(100_000)}${"</r>".repeat(100_000)}</is></c></row>`));
    case "wide-row":
      return buildZip(withRows(entries, `<row r="2">${Array.from({ length: 100_000 }, (_, i) => `<c t="inlineStr"><is><t>${token(i)}</t></is></c>`).join("")}</row>`));
    case "many-entries":
      return buildZip([...entries, ...Array.from({ length: 5_000 }, (_, i) => ({ name: `xl/media/image${i + 1}.bin`, data: Buffer.from(token(i)) }))]);
  }
}
