// The checks an uploaded xlsx passes before exceljs sees it, run inside the parsing worker
// (xlsx-worker.mjs). exceljs has no guard against hostile zip files: it inflates whatever a part
// holds and keeps every shared string, however many. So the zip is read here first, in flat memory:
//
// 1. the central directory: entry count, no encryption, no zip64, no duplicate names; every local
//    header agrees with it, and the entries cover the file from its first byte to the directory
//    without a gap (a streaming unzip, such as exceljs's, reads local headers: a part the directory
//    does not list would otherwise reach exceljs unchecked);
// 2. sizes: the declared sizes together at most `maxUncompressedBytes`; each entry at most
//    `maxRatio` times its compressed size (beyond a small grace); each entry is inflated as a stream
//    and stopped the moment it passes its declared size, whatever the directory claims;
// 3. the XML of every part, scanned as it inflates, byte by byte, without building it: no DTD or
//    entity declaration; nesting at most `maxDepth` deep; no tag or run of text over `maxTokenBytes`;
//    and what a sheet can need: no cell or shared string over `maxCellBytes`, rows of at most
//    16,384 cells and sheets of at most 1,048,576 rows (Excel's own limits), no more shared strings
//    than the sheets have cells, at most 65,490 entries in any list of styles (Excel's limit).
//    Worksheets are scanned first, so the shared strings are measured against their cells.
//
// A refusal throws XlsxRefusal { problem, detail }; lib/xlsx/reader.ts words it in Danish.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";

export const GUARD_DEFAULTS = Object.freeze({
  maxEntries: 1000,
  maxUncompressedBytes: 40 * 1024 * 1024,
  maxRatio: 100,
  ratioGraceBytes: 1024 * 1024,
  maxDepth: 100,
  maxTokenBytes: 1024 * 1024,
  maxCellBytes: 1024 * 1024,
  maxCellsPerRow: 16_384,
  maxRowsPerSheet: 1_048_576,
  maxStyleEntries: 65_490,
  sharedStringsSlack: 1000,
});

export class XlsxRefusal extends Error {
  constructor(problem, detail = {}) {
    super(problem);
    this.name = "XlsxRefusal";
    this.problem = problem;
    this.detail = detail;
  }
}

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
const ZIP_DESCRIPTOR = 0x08074b50;

const corrupt = () => new XlsxRefusal("corrupt");

/** Random access to the upload: a file on disk or a buffer in memory. */
export function bufferSource(data) {
  return {
    size: data.length,
    read: async (position, length) => data.subarray(position, Math.min(data.length, position + length)),
    stream: (start, end) => Readable.from([data.subarray(start, end)]),
    close: async () => {},
  };
}

export async function fileSource(path) {
  const handle = await open(path, "r");
  const { size } = await handle.stat();
  return {
    size,
    read: async (position, length) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
      await handle.read(buffer, 0, buffer.length, position);
      return buffer;
    },
    stream: (start, end) => createReadStream(path, { start, end: end - 1, highWaterMark: 256 * 1024 }),
    close: () => handle.close(),
  };
}

async function readDirectory(source, limits) {
  const tailLength = Math.min(source.size, 22 + 0xffff);
  const tail = await source.read(source.size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === ZIP_END && i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
      end = i;
      break;
    }
  }
  if (end < 0) throw corrupt();
  const count = tail.readUInt16LE(end + 10);
  const dirSize = tail.readUInt32LE(end + 12);
  const dirOffset = tail.readUInt32LE(end + 16);
  const endOffset = source.size - tailLength + end;
  if (tail.readUInt16LE(end + 4) !== 0 || tail.readUInt16LE(end + 6) !== 0 || count !== tail.readUInt16LE(end + 8)) throw corrupt();
  if (count === 0xffff || dirOffset === 0xffffffff) throw new XlsxRefusal("zip64");
  if (count > limits.maxEntries) throw new XlsxRefusal("too-many-entries", { count });
  if (dirOffset + dirSize !== endOffset) throw corrupt();
  const dir = await source.read(dirOffset, dirSize);
  const entries = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== ZIP_CENTRAL) throw corrupt();
    const nameLength = dir.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
    if (next > dir.length) throw corrupt();
    const entry = {
      flags: dir.readUInt16LE(at + 8),
      method: dir.readUInt16LE(at + 10),
      compressedSize: dir.readUInt32LE(at + 20),
      uncompressedSize: dir.readUInt32LE(at + 24),
      localOffset: dir.readUInt32LE(at + 42),
      rawName: dir.subarray(at + 46, at + 46 + nameLength),
      name: dir.toString("utf8", at + 46, at + 46 + nameLength),
      dataStart: 0,
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localOffset === 0xffffffff) {
      throw new XlsxRefusal("zip64");
    }
    entries.push(entry);
    at = next;
  }
  if (at !== dir.length) throw corrupt();
  await checkLayout(source, entries, dirOffset);
  return entries;
}

/** Every byte before the directory belongs to a listed entry, whose local header agrees with it. */
async function checkLayout(source, entries, dirOffset) {
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  const names = new Set();
  let expected = 0;
  for (const entry of byOffset) {
    if (names.has(entry.name)) throw corrupt();
    names.add(entry.name);
    if (entry.localOffset !== expected) throw corrupt();
    const local = await source.read(entry.localOffset, 30 + entry.rawName.length);
    if (local.length < 30 || local.readUInt32LE(0) !== ZIP_LOCAL) throw corrupt();
    const nameLength = local.readUInt16LE(26);
    if (nameLength !== entry.rawName.length || !local.subarray(30, 30 + nameLength).equals(entry.rawName)) throw corrupt();
    if (local.readUInt16LE(8) !== entry.method || (local.readUInt16LE(6) & 0x9) !== (entry.flags & 0x9)) throw corrupt();
    entry.dataStart = entry.localOffset + 30 + nameLength + local.readUInt16LE(28);
    let next = entry.dataStart + entry.compressedSize;
    if (entry.flags & 0x8) {
      // Sizes in a data descriptor after the data (streaming writers), with or without its signature.
      const descriptor = await source.read(next, 16);
      const signed = descriptor.length >= 16 && descriptor.readUInt32LE(0) === ZIP_DESCRIPTOR ? 4 : 0;
      if (descriptor.length < 12 + signed) throw corrupt();
      if (descriptor.readUInt32LE(signed + 4) !== entry.compressedSize || descriptor.readUInt32LE(signed + 8) !== entry.uncompressedSize) throw corrupt();
      next += 12 + signed;
    } else if (local.readUInt32LE(18) !== entry.compressedSize || local.readUInt32LE(22) !== entry.uncompressedSize) {
      throw corrupt();
    }
    expected = next;
  }
  if (expected !== dirOffset) throw corrupt();
}

const XML_PART = /\.(xml|rels|vml)$/i;
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

function partKind(name) {
  const lower = name.toLowerCase();
  if (WORKSHEET.test(lower)) return "worksheet";
  if (lower === "xl/sharedstrings.xml") return "sharedStrings";
  if (lower === "xl/styles.xml") return "styles";
  if (lower === "[content_types].xml") return "contentTypes";
  return XML_PART.test(lower) ? "xml" : "binary";
}

// Scanner states.
const TEXT = 0;
const TAG_START = 1; // just after "<"
const NAME = 2; // in the element's name
const ATTRIBUTES = 3; // after the name, up to ">"
const QUOTED = 4; // in an attribute's value
const BANG = 5; // after "<!": a comment, CDATA, or a declaration (refused)
const SKIP = 6; // in a comment, CDATA or processing instruction, up to its end
// The element names the scanner counts, as their bytes packed into a number (after any prefix).
const NAME_C = 0x63;
const NAME_SI = 0x7369;
const NAME_ROW = 0x726f77;

/**
 * The checks of a part's XML; one per part, fed the inflated bytes chunk by chunk. One pass over
 * the bytes with a handful of states: a sheet of a million rows (400 MB) takes a few seconds.
 */
class XmlScanner {
  constructor(kind, limits, totals) {
    this.kind = kind;
    this.limits = limits;
    this.totals = totals;
    this.offset = 0; // of the current chunk's first byte in the part
    this.state = TEXT;
    this.tokenStart = 0; // where the current tag or run of text began
    this.closing = false; // the tag is an end tag
    this.name = 0; // the name's last bytes (after any prefix), packed
    this.nameLength = 0;
    this.last = 0; // the tag's last byte that is not a space ("/" before ">": an empty element)
    this.quote = 0;
    this.bang = "";
    this.skipEnd = null; // the bytes that end the current comment, CDATA or instruction
    this.skipMatched = 0;
    this.depth = 0;
    this.elementStart = -1; // where the open cell (c) or shared string (si) began
    this.elementDepth = 0;
    this.rows = 0;
    this.cellsInRow = 0;
    this.styleEntries = 0;
    this.macroCarry = kind === "contentTypes" ? Buffer.alloc(0) : null;
  }

  write(chunk) {
    if (this.macroCarry) {
      // A macro-enabled workbook (.xlsm) renamed to .xlsx says so in its content types.
      const window = Buffer.concat([this.macroCarry, chunk]);
      if (window.includes("macroEnabled")) throw new XlsxRefusal("macro-workbook");
      this.macroCarry = window.subarray(Math.max(0, window.length - 11));
    }
    const maxToken = this.limits.maxTokenBytes;
    const end = chunk.length;
    let state = this.state;
    let i = 0;
    while (i < end) {
      if (state === TEXT) {
        const lt = chunk.indexOf(0x3c, i);
        if (lt < 0) break;
        if (this.offset + lt - this.tokenStart > maxToken) throw new XlsxRefusal("token-too-large");
        this.tokenStart = this.offset + lt;
        state = TAG_START;
        i = lt + 1;
        continue;
      }
      const byte = chunk[i++];
      switch (state) {
        case TAG_START:
          this.closing = byte === 0x2f;
          this.name = 0;
          this.nameLength = 0;
          this.last = 0;
          if (byte === 0x21) {
            state = BANG;
            this.bang = "";
          } else if (byte === 0x3f) {
            state = this.skip([0x3f, 0x3e]); // <? ... ?>
          } else if (this.closing) {
            state = NAME;
          } else {
            state = NAME;
            this.name = byte;
            this.nameLength = 1;
          }
          break;
        case NAME:
          if (byte === 0x3e) {
            state = this.closeTag(this.offset + i - 1);
          } else if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) {
            state = ATTRIBUTES;
          } else if (byte === 0x2f) {
            this.last = byte;
            state = ATTRIBUTES;
          } else if (byte === 0x3a) {
            this.name = 0;
            this.nameLength = 0;
          } else {
            this.name = this.nameLength < 3 ? this.name * 256 + byte : -1;
            this.nameLength++;
          }
          break;
        case ATTRIBUTES:
          if (byte === 0x3e) state = this.closeTag(this.offset + i - 1);
          else if (byte === 0x22 || byte === 0x27) {
            this.quote = byte;
            this.last = byte;
            state = QUOTED;
          } else if (byte > 0x20) this.last = byte;
          break;
        case QUOTED: {
          const close = chunk.indexOf(this.quote, i - 1);
          if (close < 0) i = end;
          else {
            i = close + 1;
            state = ATTRIBUTES;
          }
          break;
        }
        case BANG:
          this.bang += String.fromCharCode(byte);
          if (this.bang === "--") state = this.skip([0x2d, 0x2d, 0x3e]); // <!-- ... -->
          else if (this.bang === "[CDATA[") state = this.skip([0x5d, 0x5d, 0x3e]); // <![CDATA[ ... ]]>
          else if (!"--".startsWith(this.bang) && !"[CDATA[".startsWith(this.bang)) throw new XlsxRefusal("xml-entities"); // <!DOCTYPE, <!ENTITY
          break;
        case SKIP:
          if (byte === this.skipEnd[this.skipMatched]) {
            if (++this.skipMatched === this.skipEnd.length) {
              state = TEXT;
              this.tokenStart = this.offset + i;
            }
          } else {
            this.skipMatched = byte === this.skipEnd[0] ? 1 : 0;
          }
          break;
      }
    }
    this.state = state;
    this.offset += end;
    if (state !== SKIP && this.offset - this.tokenStart > maxToken) throw new XlsxRefusal("token-too-large");
    if (this.elementStart >= 0 && this.offset - this.elementStart > this.limits.maxCellBytes) throw new XlsxRefusal("cell-too-large");
  }

  skip(endBytes) {
    this.skipEnd = endBytes;
    this.skipMatched = 0;
    return SKIP;
  }

  /** A tag ended at `position` (its ">"); returns the next state. */
  closeTag(position) {
    const tagStart = this.tokenStart;
    this.tokenStart = position + 1;
    const name = this.nameLength <= 3 ? this.name : -1;
    if (this.closing) {
      if (this.depth === this.elementDepth && this.elementStart >= 0) {
        if (position - this.elementStart > this.limits.maxCellBytes) throw new XlsxRefusal("cell-too-large");
        this.elementStart = -1;
      }
      this.depth--;
      return TEXT;
    }
    const empty = this.last === 0x2f;
    this.depth++;
    if (this.depth > this.limits.maxDepth) throw new XlsxRefusal("xml-too-deep");
    if (this.kind === "worksheet") {
      if (name === NAME_ROW) {
        this.cellsInRow = 0;
        if (++this.rows > this.limits.maxRowsPerSheet) throw new XlsxRefusal("sheet-too-long");
      } else if (name === NAME_C) {
        this.totals.cells++;
        if (++this.cellsInRow > this.limits.maxCellsPerRow) throw new XlsxRefusal("row-too-wide");
        if (!empty) this.startElement(tagStart);
      }
    } else if (this.kind === "sharedStrings" && name === NAME_SI) {
      if (++this.totals.sharedStrings > this.totals.cells + this.limits.sharedStringsSlack) throw new XlsxRefusal("shared-strings");
      if (!empty) this.startElement(tagStart);
    } else if (this.kind === "styles") {
      // A list of styles (fonts, fills, borders, cellXfs, ...) and its entries.
      if (this.depth === 2) this.styleEntries = 0;
      else if (this.depth === 3 && ++this.styleEntries > this.limits.maxStyleEntries) throw new XlsxRefusal("styles");
    }
    if (empty) this.depth--;
    return TEXT;
  }

  startElement(start) {
    if (this.elementStart < 0) {
      this.elementStart = start;
      this.elementDepth = this.depth;
    }
  }
}

/** Inflates one entry as a stream, never beyond its declared size, feeding the scanner. */
async function inflateEntry(source, entry, scanner) {
  if (entry.compressedSize === 0 && entry.uncompressedSize === 0) return;
  const raw = source.stream(entry.dataStart, entry.dataStart + entry.compressedSize);
  let inflated = raw;
  if (entry.method === 8) inflated = raw.pipe(createInflateRaw());
  else if (entry.method !== 0 || entry.compressedSize !== entry.uncompressedSize) throw corrupt();
  let total = 0;
  try {
    for await (const chunk of inflated) {
      total += chunk.length;
      if (total > entry.uncompressedSize) throw corrupt();
      scanner?.write(chunk);
    }
  } catch (error) {
    if (error instanceof XlsxRefusal) throw error.detail.part ? error : new XlsxRefusal(error.problem, { ...error.detail, part: entry.name });
    throw corrupt(); // invalid deflate data
  } finally {
    raw.destroy();
    if (inflated !== raw) inflated.destroy();
  }
  if (total !== entry.uncompressedSize) throw corrupt();
}

/** Parts that carry code: VBA projects, Excel 4 macro sheets, ActiveX controls. */
function isMacroPart(name) {
  return name.endsWith("vbaproject.bin") || name.startsWith("xl/macrosheets/") || name.startsWith("xl/activex/");
}

/**
 * Checks the zip behind `source` (bufferSource or fileSource) as the module comment says; throws
 * XlsxRefusal. `limits` overrides GUARD_DEFAULTS.
 */
export async function guardXlsx(source, limits = {}) {
  const all = { ...GUARD_DEFAULTS, ...limits };
  const entries = await readDirectory(source, all);
  const names = new Set(entries.map((entry) => entry.name.replace(/^\//, "").toLowerCase()));
  if ([...names].some(isMacroPart)) throw new XlsxRefusal("macro");
  if (!names.has("[content_types].xml") || !names.has("xl/workbook.xml")) throw new XlsxRefusal("zip-not-xlsx");
  if (entries.some((entry) => entry.flags & 0x1)) throw new XlsxRefusal("legacy-or-encrypted");
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > all.maxUncompressedBytes) throw new XlsxRefusal("too-much-content", { limit: all.maxUncompressedBytes });
  for (const entry of entries) {
    if (entry.uncompressedSize > Math.max(all.ratioGraceBytes, all.maxRatio * entry.compressedSize)) {
      throw new XlsxRefusal("compression-ratio", { part: entry.name });
    }
  }
  const totals = { cells: 0, sharedStrings: 0 };
  const order = { worksheet: 0, xml: 1, contentTypes: 1, binary: 1, sharedStrings: 2, styles: 2 };
  const scanOrder = [...entries].sort((a, b) => order[partKind(a.name)] - order[partKind(b.name)]);
  for (const entry of scanOrder) {
    if (entry.name.endsWith("/") && entry.uncompressedSize === 0) continue;
    const kind = partKind(entry.name);
    await inflateEntry(source, entry, kind === "binary" ? null : new XmlScanner(kind, all, totals));
  }
}
