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
 * starts it (`row`) and writes its fields in the table's column order. ASCII text is copied code
 * unit by code unit; text with other characters takes Buffer.write.
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
    this.buffer.writeInt16BE(fields, this.length);
    this.length += 2;
    this.rows++;
  }

  int4(n: number): void {
    this.buffer.writeInt32BE(4, this.length);
    this.buffer.writeInt32BE(n, this.length + 4);
    this.length += 8;
  }

  /** A safe integer as a signed 64-bit integer: two 32-bit halves. */
  int8(n: number): void {
    const high = Math.floor(n / TWO_32);
    this.buffer.writeInt32BE(8, this.length);
    this.buffer.writeInt32BE(high, this.length + 4);
    this.buffer.writeUInt32BE(n - high * TWO_32, this.length + 8);
    this.length += 12;
  }

  /** A bigint column (øre): the number path when it is a safe integer. */
  bigint(value: bigint): void {
    const n = Number(value);
    if (Number.isSafeInteger(n)) return this.int8(n);
    this.buffer.writeInt32BE(8, this.length);
    this.buffer.writeBigInt64BE(value, this.length + 4);
    this.length += 12;
  }

  bool(value: boolean): void {
    this.buffer.writeInt32BE(1, this.length);
    this.buffer[this.length + 4] = value ? 1 : 0;
    this.length += 5;
  }

  /** An ISO date "YYYY-MM-DD" as days since 2000-01-01. */
  date(iso: string | null): void {
    if (iso === null) return this.nothing();
    const days = Date.UTC(digitsAt(iso, 0, 4), digitsAt(iso, 5, 2) - 1, digitsAt(iso, 8, 2)) / DAY_MS;
    this.buffer.writeInt32BE(4, this.length);
    this.buffer.writeInt32BE(days - EPOCH_2000_DAYS, this.length + 4);
    this.length += 8;
  }

  nothing(): void {
    this.buffer.writeInt32BE(-1, this.length);
    this.length += 4;
  }

  text(value: string | null): void {
    if (value === null) return this.nothing();
    const buffer = this.buffer;
    const start = this.length + 4;
    let at = start;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) {
        at += buffer.write(value.slice(i), at, "utf8");
        break;
      }
      buffer[at++] = c;
    }
    buffer.writeInt32BE(at - start, this.length);
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
