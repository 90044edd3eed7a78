/**
 * Streaming CSV reading for purchase data: bytes in, batches of records out, in constant memory.
 *
 * Encoding: UTF-8 (with or without a byte-order mark) or Windows-1252, which is what Danish Excel
 * writes for "CSV (semikolonsepareret)". The bytes are read as UTF-8 until the first invalid
 * sequence; if every byte before it was ASCII (identical in both encodings) the rest is read as
 * Windows-1252, otherwise the file mixes encodings and is refused. A UTF-16 file is refused with a
 * hint on how to save it.
 *
 * Records: the separator (";", "," or tab) is the one the header line uses most. Fields may be
 * quoted ("..." with "" for a quote) and then hold separators and line breaks; spaces around fields
 * are dropped (the agency's own example writes "2011; 1; 10213231; ..."). Blank lines, and lines of
 * separators only (Excel's empty rows), are skipped but counted, so line numbers are the ones an
 * editor shows.
 *
 * Own tokenizer rather than csv-parse: a million lines take about a quarter of csv-parse's time here
 * (records without a quote take a split-based fast path), and the import's budget is a few seconds.
 * csv-parse is the oracle in the property test (csv.test.ts).
 */
import iconv from "iconv-lite";
import { needsTrim } from "./text";
import { PurchaseFileError, type FileDescription, type RawRow } from "./types";

/** A record longer than this without a line break is refused (a binary or one-line file). */
const MAX_RECORD_CHARS = 1_000_000;
/** Records handed on per batch. */
const BATCH = 2_000;

/**
 * Bytes read from a CSV file at a time (Node's default for file streams). With 256 kB chunks the
 * decoded text and the tokenizer's strings were larger than V8's regular heap objects (128 kB),
 * which it places one by one in its large-object space: the 1,000,000-line benchmark file took
 * 2.3–3.1 s of the importing process's CPU to read and check instead of 1.7–1.8 s (128 kB: 2.7 s;
 * 32 kB: 1.8 s). docs/decisions/0005-purchase-data-import.md, "Issue 17".
 */
export const CSV_READ_CHUNK_BYTES = 64 * 1024;

class EncodingError extends Error {}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}


/** Bytes to text, deciding between UTF-8 and Windows-1252 as it goes (see the module comment). */
export class CsvDecoder {
  encoding: "undecided" | "UTF-8" | "Windows-1252" = "undecided";
  private readonly utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  private carry: Uint8Array | null = null;
  private first = true;

  decode(chunk: Uint8Array, final = false): string {
    let data = chunk;
    if (this.first) {
      // The byte-order mark may arrive split over chunks: wait for the first three bytes.
      if (this.carry) {
        data = concat(this.carry, data);
        this.carry = null;
      }
      if (data.length < 3 && !final) {
        this.carry = data.length > 0 ? data.slice() : null;
        return "";
      }
      if (data.length === 0) return "";
      this.first = false;
      if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
        throw new PurchaseFileError(
          "Filen er gemt som UTF-16 (Unicode-tekst) og kan ikke læses. Gem den i Excel som «CSV UTF-8 (kommasepareret)» eller «CSV (semikolonsepareret)».",
        );
      }
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
        this.encoding = "UTF-8";
        data = data.subarray(3);
      }
      if (data.subarray(0, 4096).includes(0)) {
        throw new PurchaseFileError("Filen er ikke en tekstfil (CSV). Upload en CSV-fil eller et Excel-regneark (xlsx).");
      }
    }
    if (this.encoding === "UTF-8") {
      try {
        return this.utf8.decode(data, { stream: !final });
      } catch {
        throw new EncodingError(final ? "truncated" : "mixed");
      }
    }
    if (this.encoding === "Windows-1252") return iconv.decode(Buffer.from(data.buffer, data.byteOffset, data.byteLength), "windows-1252");

    // Undecided: everything so far was ASCII.
    if (this.carry) {
      data = concat(this.carry, data);
      this.carry = null;
    }
    let high = -1;
    for (let i = 0; i < data.length; i++) {
      if (data[i]! >= 0x80) {
        high = i;
        break;
      }
    }
    const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (high === -1) return buffer.toString("latin1");
    if (!final && high >= data.length - 3) {
      // A multi-byte character may be cut by the chunk boundary: decide with the next chunk.
      this.carry = data.slice(high);
      return buffer.toString("latin1", 0, high);
    }
    try {
      const text = this.utf8.decode(data, { stream: !final });
      this.encoding = "UTF-8";
      return text;
    } catch {
      this.encoding = "Windows-1252";
      return iconv.decode(buffer, "windows-1252");
    }
  }

  end(): string {
    if (this.first) return this.decode(new Uint8Array(0), true);
    if (this.carry) {
      const carry = this.carry;
      this.carry = null;
      return this.decode(carry, true);
    }
    if (this.encoding === "UTF-8") return this.decode(new Uint8Array(0), true);
    return "";
  }
}

function isBlank(cells: string[]): boolean {
  for (const cell of cells) if (cell !== "") return false;
  return true;
}

/** Splits text into records (see the module comment). Feed it with push(), then end(). */
export class CsvTokenizer {
  delimiter: string | null = null;
  /** Physical lines consumed so far. */
  line = 0;
  private buffer = "";
  private position = 0;

  constructor(delimiter?: string) {
    if (delimiter) this.delimiter = delimiter;
  }

  push(text: string, out: RawRow[]): void {
    this.buffer = this.position > 0 ? this.buffer.slice(this.position) + text : this.buffer + text;
    this.position = 0;
    if (this.delimiter === null && !this.detectDelimiter(false)) return;
    this.consume(false, out);
  }

  end(out: RawRow[]): void {
    if (this.delimiter === null) this.detectDelimiter(true);
    this.consume(true, out);
  }

  /** The separator the first line uses most: ";" then "," then tab. */
  private detectDelimiter(atEnd: boolean): boolean {
    let end = this.buffer.indexOf("\n");
    if (end === -1) {
      if (!atEnd && this.buffer.length < MAX_RECORD_CHARS) return false;
      end = this.buffer.length;
    }
    const first = this.buffer.slice(0, end);
    let best = ";";
    let bestCount = 0;
    for (const candidate of [";", ",", "\t"]) {
      let count = 0;
      let quoted = false;
      for (let i = 0; i < first.length; i++) {
        const c = first[i];
        if (c === '"') quoted = !quoted;
        else if (!quoted && c === candidate) count++;
      }
      if (count > bestCount) {
        best = candidate;
        bestCount = count;
      }
    }
    this.delimiter = best;
    return true;
  }

  private consume(atEnd: boolean, out: RawRow[]): void {
    const buffer = this.buffer;
    const delimiter = this.delimiter!;
    let position = this.position;
    // The next quote at or after `position` (-1: none left); searched again only once passed, so a
    // file without quotes is scanned once rather than once per record.
    let nextQuote = buffer.indexOf('"', position);
    while (position < buffer.length) {
      const newline = buffer.indexOf("\n", position);
      if (newline === -1 && !atEnd) {
        if (buffer.length - position > MAX_RECORD_CHARS) {
          throw new PurchaseFileError(`Linje ${this.line + 1} er længere end ${MAX_RECORD_CHARS.toLocaleString("da-DK")} tegn uden linjeskift. Er det en CSV-fil?`);
        }
        break;
      }
      const stop = newline === -1 ? buffer.length : newline;
      if (nextQuote !== -1 && nextQuote < position) nextQuote = buffer.indexOf('"', position);
      if (nextQuote === -1 || nextQuote > stop) {
        // Fast path: no quote in this record.
        let segmentEnd = stop;
        if (segmentEnd > position && buffer.charCodeAt(segmentEnd - 1) === 13) segmentEnd--;
        const cells = buffer.slice(position, segmentEnd).split(delimiter);
        for (let i = 0; i < cells.length; i++) {
          const cell = cells[i]!;
          if (needsTrim(cell)) cells[i] = cell.trim();
        }
        this.line++;
        if (!isBlank(cells)) out.push(newline === -1 ? { line: this.line, cells, unterminated: true } : { line: this.line, cells });
        position = stop + 1;
        continue;
      }
      const record = this.parseQuoted(buffer, position, delimiter, atEnd);
      if (record === null) break; // needs more text
      const startLine = this.line + 1;
      this.line += record.lines;
      if (!isBlank(record.cells)) {
        out.push(record.unterminated ? { line: startLine, cells: record.cells, unterminated: true } : { line: startLine, cells: record.cells });
      }
      position = record.next;
    }
    this.position = position;
    if (atEnd) {
      this.buffer = "";
      this.position = 0;
    }
  }

  /** A record with quoted fields; null when the text ends inside it and more is coming. */
  private parseQuoted(
    buffer: string,
    start: number,
    delimiter: string,
    atEnd: boolean,
  ): { cells: string[]; next: number; lines: number; unterminated: boolean } | null {
    const cells: string[] = [];
    let lines = 1;
    let i = start;
    for (;;) {
      let j = i;
      while (j < buffer.length && (buffer[j] === " " || (buffer[j] === "\t" && delimiter !== "\t"))) j++;
      let value: string;
      if (buffer[j] === '"') {
        j++;
        value = "";
        for (;;) {
          const close = buffer.indexOf('"', j);
          if (close === -1) {
            if (!atEnd) {
              if (buffer.length - start > MAX_RECORD_CHARS) {
                throw new PurchaseFileError(`Linje ${this.line + 1}: et felt i anførselstegn slutter aldrig (over ${MAX_RECORD_CHARS.toLocaleString("da-DK")} tegn).`);
              }
              return null;
            }
            throw new PurchaseFileError(
              `Filen er afkortet: den slutter inde i et felt i anførselstegn, der begynder i linje ${this.line + 1}. Kontrollér, at hele filen er kommet med.`,
            );
          }
          const part = buffer.slice(j, close);
          value += part;
          for (let k = part.indexOf("\n"); k !== -1; k = part.indexOf("\n", k + 1)) lines++;
          if (buffer[close + 1] === '"') {
            value += '"';
            j = close + 2;
            continue;
          }
          if (close + 1 >= buffer.length && !atEnd) return null; // the next chunk may start with the second quote
          j = close + 1;
          break;
        }
        // Text between the closing quote and the separator is kept (lenient, as Excel is).
        let k = j;
        while (k < buffer.length && buffer[k] !== delimiter && buffer[k] !== "\n") k++;
        if (k >= buffer.length && !atEnd) return null;
        const rest = buffer.slice(j, k).replace(/\r$/, "").trim();
        if (rest) value += rest;
        j = k;
      } else {
        let k = j;
        while (k < buffer.length && buffer[k] !== delimiter && buffer[k] !== "\n") k++;
        if (k >= buffer.length && !atEnd) return null;
        value = buffer.slice(j, k).replace(/\r$/, "").trim();
        j = k;
      }
      cells.push(value);
      if (j >= buffer.length) return { cells, next: j, lines, unterminated: true };
      if (buffer[j] === "\n") return { cells, next: j + 1, lines, unterminated: false };
      i = j + 1; // past the separator
    }
  }
}

/** Batches of records from CSV bytes. The first record is the header. */
export async function* readCsvRecords(
  source: AsyncIterable<Uint8Array>,
  describe?: (description: FileDescription) => void,
): AsyncGenerator<RawRow[]> {
  const decoder = new CsvDecoder();
  const tokenizer = new CsvTokenizer();
  let out: RawRow[] = [];
  const encodingProblem = (error: unknown): never => {
    if (!(error instanceof EncodingError)) throw error;
    if (error.message === "truncated") {
      throw new PurchaseFileError("Filen er afkortet: den slutter midt i et tegn. Kontrollér, at hele filen er kommet med.");
    }
    throw new PurchaseFileError(
      `Filen blander tegnsæt: efter linje ${tokenizer.line} kommer tegn, der ikke er UTF-8, selv om filen indtil da var UTF-8. Gem filen igen som «CSV UTF-8».`,
    );
  };
  let described = false;
  for await (const chunk of source) {
    let text: string;
    try {
      text = decoder.decode(chunk);
    } catch (error) {
      encodingProblem(error);
      throw error;
    }
    tokenizer.push(text, out);
    if (!described && describe && decoder.encoding !== "undecided" && tokenizer.delimiter) {
      described = true;
      describe({ kind: "csv", encoding: decoder.encoding, delimiter: tokenizer.delimiter });
    }
    if (out.length >= BATCH) {
      yield out;
      out = [];
    }
  }
  let rest: string;
  try {
    rest = decoder.end();
  } catch (error) {
    encodingProblem(error);
    throw error;
  }
  if (rest) tokenizer.push(rest, out);
  tokenizer.end(out);
  if (!described && describe) {
    describe({ kind: "csv", encoding: decoder.encoding === "undecided" ? "UTF-8" : decoder.encoding, delimiter: tokenizer.delimiter ?? ";" });
  }
  if (out.length > 0) yield out;
}
