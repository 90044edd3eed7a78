import { describe, expect, it } from "vitest";
import { BinaryCopyBuffer } from "./copy-binary";

/** The bytes of one field as Buffer's own writers make them: length, then the value. */
function field(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function written(write: (chunk: BinaryCopyBuffer) => void): Buffer {
  const chunk = new BinaryCopyBuffer();
  write(chunk);
  return Buffer.from(chunk.buffer.subarray(0, chunk.length));
}

describe("BinaryCopyBuffer", () => {
  it("writes integers as PostgreSQL's binary int4 and int8", () => {
    for (const n of [0, 1, -1, 255, 256, 2 ** 31 - 1, -(2 ** 31)]) {
      const expected = Buffer.alloc(4);
      expected.writeInt32BE(n);
      expect(written((c) => c.int4(n))).toEqual(field(expected));
    }
    for (const n of [0, 1, -1, 2 ** 32, 2 ** 32 + 5, -(2 ** 32) - 7, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1125899906842624]) {
      const expected = Buffer.alloc(8);
      expected.writeBigInt64BE(BigInt(n));
      expect(written((c) => c.int8(n))).toEqual(field(expected));
      expect(written((c) => c.bigint(BigInt(n)))).toEqual(field(expected));
    }
    const huge = 2n ** 62n + 3n;
    const expected = Buffer.alloc(8);
    expected.writeBigInt64BE(huge);
    expect(written((c) => c.bigint(huge))).toEqual(field(expected));
  });

  it("writes text as UTF-8, NULL as length -1, and row headers", () => {
    for (const text of ["", "2026Q3", "Indkøb ÆØÅ æøå", "Ünïcödé – “quotes” €", "emoji 🧾 and ø", "\u07ff\u0800"]) {
      expect(written((c) => c.text(text))).toEqual(field(Buffer.from(text, "utf8")));
    }
    expect(written((c) => c.text(null))).toEqual(Buffer.from([0xff, 0xff, 0xff, 0xff]));
    expect(written((c) => c.row(12))).toEqual(Buffer.from([0, 12]));
  });

  it("writes dates as days since 2000-01-01 and booleans as one byte", () => {
    const days = (iso: string) => {
      const b = Buffer.alloc(4);
      b.writeInt32BE((Date.parse(`${iso}T00:00:00Z`) - Date.parse("2000-01-01T00:00:00Z")) / 86_400_000);
      return field(b);
    };
    for (const iso of ["2000-01-01", "1999-12-31", "2026-07-01", "2026-09-30"]) expect(written((c) => c.date(iso))).toEqual(days(iso));
    expect(written((c) => c.bool(true))).toEqual(field(Buffer.from([1])));
    expect(written((c) => c.bool(false))).toEqual(field(Buffer.from([0])));
  });
});
