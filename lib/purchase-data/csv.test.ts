import { parse } from "csv-parse/sync";
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readCsvRecords } from "./csv";
import { PurchaseFileError, type FileDescription, type RawRow } from "./types";

async function* chunks(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function read(data: Uint8Array | string, chunkSize = 7): Promise<{ rows: RawRow[]; description?: FileDescription }> {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const rows: RawRow[] = [];
  let description: FileDescription | undefined;
  for await (const batch of readCsvRecords(chunks(bytes, chunkSize), (d) => (description = d))) rows.push(...batch);
  return { rows, description };
}

const cells = (rows: RawRow[]) => rows.map((r) => r.cells);

const AGENCY_HEADER = "År;Kvartal;Virk_CVR;Virksomhedsnavn;Kategorikode;Indkøbskategori;Kreditor_CVR;Kreditor_Navn;Beløb";
const AGENCY_ROW = "2011; 1; 10213231; Moderniseringsstyrelsen; 1920; Kontorartikler; 27985017; Staples Denmark ApS; 12345,67";

describe("CSV records", () => {
  it("reads the agency's example, trimming the spaces after each separator", async () => {
    const { rows, description } = await read(`${AGENCY_HEADER}\n${AGENCY_ROW}\n`);
    expect(cells(rows)).toEqual([
      ["År", "Kvartal", "Virk_CVR", "Virksomhedsnavn", "Kategorikode", "Indkøbskategori", "Kreditor_CVR", "Kreditor_Navn", "Beløb"],
      ["2011", "1", "10213231", "Moderniseringsstyrelsen", "1920", "Kontorartikler", "27985017", "Staples Denmark ApS", "12345,67"],
    ]);
    expect(description).toEqual({ kind: "csv", encoding: "UTF-8", delimiter: ";" });
    expect(rows.map((r) => r.line)).toEqual([1, 2]);
  });

  it("reads Windows-1252 with Danish letters intact, whatever the chunk boundaries", async () => {
    const text = `${AGENCY_HEADER}\r\n2016;4;10213231;Økonomistyrelsen;1920;Kontorartikler;;Åbenrå Æbler;1.234,50\r\n`;
    const bytes = iconv.encode(text, "windows-1252");
    for (const size of [1, 2, 3, 5, 64, 100_000]) {
      const { rows, description } = await read(bytes, size);
      expect(rows[0]!.cells[0]).toBe("År");
      expect(rows[1]!.cells[3]).toBe("Økonomistyrelsen");
      expect(rows[1]!.cells[7]).toBe("Åbenrå Æbler");
      expect(description?.encoding).toBe("Windows-1252");
    }
  });

  it("reads UTF-8 with and without a byte-order mark, whatever the chunk boundaries", async () => {
    const text = `${AGENCY_HEADER}\n2016;4;10213231;Økonomistyrelsen;1920;Kontorartikler;;Åbenrå Æbler;1.234,50\n`;
    for (const bom of [true, false]) {
      const bytes = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, "utf8")]);
      for (const size of [1, 2, 3, 4, 1000]) {
        const { rows, description } = await read(bytes, size);
        expect(rows[0]!.cells[0]).toBe("År");
        expect(rows[1]!.cells[7]).toBe("Åbenrå Æbler");
        expect(description?.encoding).toBe("UTF-8");
      }
    }
  });

  it("takes the separator the header uses: comma files keep a quoted decimal comma", async () => {
    const { rows, description } = await read('År,Kvartal,Beløb\n2016,4,"1.234,50"\n');
    expect(description?.delimiter).toBe(",");
    expect(cells(rows)).toEqual([["År", "Kvartal", "Beløb"], ["2016", "4", "1.234,50"]]);
  });

  it("reads quoted fields with separators, doubled quotes and line breaks, and numbers lines as an editor does", async () => {
    const text = 'a;b;c\n"x;y";"sagde ""hej""";"to\nlinjer"\n\n1;2;3\n;;\n4; "5" ;6';
    const { rows } = await read(text, 3);
    expect(cells(rows)).toEqual([["a", "b", "c"], ["x;y", 'sagde "hej"', "to\nlinjer"], ["1", "2", "3"], ["4", "5", "6"]]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 5, 7]);
    expect(rows.at(-1)?.unterminated).toBe(true);
  });

  it("refuses a file cut inside a quoted field, and one cut inside a character", async () => {
    await expect(read('a;b\n1;"abc')).rejects.toThrow(/afkortet.*linje 2/);
    const cut = Buffer.from("a;b\n1;Æ", "utf8").subarray(0, -1);
    await expect(read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), cut]))).rejects.toThrow(/afkortet: den slutter midt i et tegn/);
  });

  it("refuses UTF-16, binary files and mixed encodings", async () => {
    await expect(read(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).rejects.toThrow(/UTF-16/);
    await expect(read(Buffer.from([0x50, 0x00, 0x41, 0x00]))).rejects.toThrow(PurchaseFileError);
    const mixed = Buffer.concat([Buffer.from("a;b\nÆ;1\n", "utf8"), iconv.encode("Ø;2\n", "windows-1252")]);
    await expect(read(mixed, 4)).rejects.toThrow(/blander tegnsæt/);
  });

  it("gives nothing for an empty file", async () => {
    expect((await read("")).rows).toEqual([]);
    expect((await read("\n\n  \n")).rows).toEqual([]);
  });

  it("agrees with csv-parse on any quoted or unquoted content", async () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-zA-Z0-9æøåÆØÅ ,.]{0,8}$/).map((s) => s.trim()),
      fc.string({ unit: fc.constantFrom("a", ";", '"', "\n", "\r\n", " ", "ø", ","), maxLength: 8 }),
    );
    const quote = (value: string) => (/[;"\n\r]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 9 }), async (records, size) => {
        const text = `h1;h2;h3\n${records.map((r) => r.map(quote).join(";")).join("\n")}\n`;
        const expected = (parse(text, { delimiter: ";", relax_column_count: true, trim: true, skip_empty_lines: true }) as string[][]).filter(
          (r) => r.some((c) => c !== ""),
        );
        const { rows } = await read(text, size);
        expect(cells(rows)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
