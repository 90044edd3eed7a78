/**
 * PostgreSQL's COPY binary format, written straight into buffers (no string per row): the shared
 * part of the bulk loaders (lib/purchase-data/bulk-load.ts, lib/sales-report/line-loader.ts).
 * A signature and two empty header fields, then per row the number of fields and each field as its
 * length (-1 for NULL) and its bytes in the column type's binary form; -1 ends the data.
 */
import type { Writable } from "node:stream";

export const COPY_CHUNK_BYTES = 512 * 1024;
const BINARY_SIGNATURE = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
export const BINARY_TRAILER = Buffer.from([0xff, 0xff]);
const TWO_32 = 4294967296;
const DAY_MS = 86_400_000;
const EPOCH_2000_DAYS = 10_957; // days from 1970-01-01 to 2000-01-01, PostgreSQL's date zero

/** The number written in `text` from `from`, `count` decimal digits. */
function digitsAt(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/**
 * One chunk of COPY data of about COPY_CHUNK_BYTES. A loader reserves room for a row (`fits`),
 * starts it (`row`) and writes its fields in the table's column order.
 */
export class BinaryCopyBuffer {
  buffer = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
  length = 0;
  rows = 0;

  /** The first chunk of a COPY starts with the signature. */
  signature(): void {
    BINARY_SIGNATURE.copy(this.buffer, 0);
    this.length = BINARY_SIGNATURE.length;
  }

  /** Makes room for a row of at most `need` bytes; false when the chunk is full and must be sent first. */
  fits(need: number): boolean {
    if (this.length + need <= this.buffer.length) return true;
    if (this.rows > 0) return false;
    this.buffer = Buffer.allocUnsafe(need);
    return true;
  }

  /** Starts a row of `fields` fields. */
  row(fields: number): void {
    const b = this.buffer;
    const at = this.length;
    b[at] = fields >>> 8;
    b[at + 1] = fields & 0xff;
    this.length = at + 2;
    this.rows++;
  }

  /** A 32-bit big-endian word at `at`, byte by byte (Buffer.writeInt32BE's range checks cost more than the write). */
  private word(at: number, n: number): void {
    const b = this.buffer;
    b[at] = n >>> 24;
    b[at + 1] = n >>> 16;
    b[at + 2] = n >>> 8;
    b[at + 3] = n;
  }

  int4(n: number): void {
    const at = this.length;
    this.word(at, 4);
    this.word(at + 4, n);
    this.length = at + 8;
  }

  /** A safe integer as a signed 64-bit integer: two 32-bit halves. */
  int8(n: number): void {
    const high = Math.floor(n / TWO_32);
    const at = this.length;
    this.word(at, 8);
    this.word(at + 4, high);
    this.word(at + 8, n - high * TWO_32);
    this.length = at + 12;
  }

  /** A bigint column (øre): the number path when it is a safe integer. */
  bigint(value: bigint): void {
    const n = Number(value);
    if (Number.isSafeInteger(n)) return this.int8(n);
    this.word(this.length, 8);
    this.buffer.writeBigInt64BE(value, this.length + 4);
    this.length += 12;
  }

  bool(value: boolean): void {
    const at = this.length;
    this.word(at, 1);
    this.buffer[at + 4] = value ? 1 : 0;
    this.length = at + 5;
  }

  /** An ISO date "YYYY-MM-DD" as days since 2000-01-01. */
  date(iso: string | null): void {
    if (iso === null) return this.nothing();
    const days = Date.UTC(digitsAt(iso, 0, 4), digitsAt(iso, 5, 2) - 1, digitsAt(iso, 8, 2)) / DAY_MS;
    const at = this.length;
    this.word(at, 4);
    this.word(at + 4, days - EPOCH_2000_DAYS);
    this.length = at + 8;
  }

  nothing(): void {
    this.word(this.length, -1);
    this.length += 4;
  }

  /**
   * Text as UTF-8, code unit by code unit for characters below U+0800 (Danish letters take two
   * bytes); from the first other character on (surrogates, U+0800 and above), Buffer.write.
   */
  text(value: string | null): void {
    if (value === null) return this.nothing();
    const buffer = this.buffer;
    const start = this.length + 4;
    let at = start;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c < 0x80) buffer[at++] = c;
      else if (c < 0x800) {
        buffer[at++] = 0xc0 | (c >> 6);
        buffer[at++] = 0x80 | (c & 0x3f);
      } else {
        at += buffer.write(value.slice(i), at, "utf8");
        break;
      }
    }
    this.word(this.length, at - start);
    this.length = at;
  }
}

/** Waits for an event on a stream, or rejects with the stream's error. */
export function waitFor(stream: Writable, event: "drain" | "finish"): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      stream.off("error", failed);
      resolve();
    };
    const failed = (error: unknown) => {
      stream.off(event, done);
      reject(error);
    };
    stream.once(event, done);
    stream.once("error", failed);
  });
}
