import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  attachmentDisposition,
  EXTRACTED_ROW,
  FIRST_DATA_ROW,
  HEADER_ROW,
  MAX_CELL_TEXT,
  primeAsyncIterable,
  TITLE_ROW,
  writeXlsx,
  xlsxResponse,
  XLSX_CONTENT_TYPE,
  type XlsxSheetSpec,
} from "./writer";

type Item = { cvr: string; ean: string; name: string; count: number | bigint | null; day: Date | string | null; flag: boolean };

const SPEC: XlsxSheetSpec<Item> = {
  sheetName: "Prøve",
  title: "Prøveliste",
  columns: [
    { header: "CVR-nummer", type: "text", width: 12, value: (r) => r.cvr },
    { header: "EAN-nummer", type: "text", width: 16, value: (r) => r.ean },
    { header: "Navn", type: "text", width: 40, value: (r) => r.name },
    { header: "Antal", type: "number", width: 10, value: (r) => r.count },
    { header: "Dato", type: "date", width: 12, value: (r) => r.day },
    { header: "Obligatorisk", type: "text", width: 12, value: (r) => r.flag },
  ],
};

const HOSTILE = ["=1+1", "+45", "-3", "@SUM(A1)", "=HYPERLINK(\"http://example.invalid\",\"klik\")", "\t=1+1"];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "xlsx-writer-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function* items(list: Item[]): AsyncGenerator<Item> {
  for (const item of list) {
    await Promise.resolve();
    yield item;
  }
}

async function writeAndOpen(list: Item[], name: string, extractedAt?: Date): Promise<ExcelJS.Worksheet> {
  const file = path.join(dir, name);
  const result = await writeXlsx(createWriteStream(file), SPEC, items(list), { extractedAt });
  expect(result.rows).toBe(list.length);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet(SPEC.sheetName);
  if (!sheet) throw new Error("sheet missing");
  return sheet;
}

const BASE: Item = { cvr: "01234567", ean: "5798000000001", name: "Demo A/S", count: 7, day: "2017-01-01", flag: true };

describe("writeXlsx", () => {
  it("writes the title, the Danish date of extraction and a frozen, filterable header row", async () => {
    const sheet = await writeAndOpen([BASE, { ...BASE, name: "Anden" }], "layout.xlsx", new Date("2026-11-22T23:30:00Z"));
    expect(sheet.getCell(TITLE_ROW, 1).value).toBe("Prøveliste");
    expect(sheet.getCell(TITLE_ROW, 1).font?.bold).toBe(true);
    // 23:30 UTC is already 23 November in Copenhagen.
    expect(sheet.getCell(EXTRACTED_ROW, 1).value).toBe("Udtrukket 23. november 2026");
    expect(sheet.getRow(HEADER_ROW).values).toEqual([undefined, ...SPEC.columns.map((c) => c.header)]);
    expect(sheet.getCell(HEADER_ROW, 1).font?.bold).toBe(true);

    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: HEADER_ROW, topLeftCell: `A${FIRST_DATA_ROW}` });
    expect(sheet.autoFilter).toBe(`A${HEADER_ROW}:F${HEADER_ROW + 2}`);
    expect(sheet.rowCount).toBe(HEADER_ROW + 2);
    expect(sheet.getColumn(3).width).toBe(40);
    expect(sheet.getColumn(1).width).toBe(12);
  });

  it("types the cells: numbers as numbers, dates as dates with a Danish format, text as text", async () => {
    const sheet = await writeAndOpen(
      [
        { ...BASE, count: 42, day: new Date("2017-01-01T00:00:00Z") },
        { ...BASE, count: 9_007_199_254_740_991n, day: new Date("2026-03-31T22:30:00Z"), flag: false },
        { ...BASE, count: null, day: null },
      ],
      "types.xlsx",
    );
    const first = sheet.getRow(FIRST_DATA_ROW);
    expect(first.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(4).value).toBe(42);
    expect(first.getCell(5).type).toBe(ExcelJS.ValueType.Date);
    expect(first.getCell(5).value).toEqual(new Date("2017-01-01T00:00:00Z"));
    expect(first.getCell(5).numFmt).toBe("dd-mm-yyyy");
    expect(first.getCell(6).value).toBe("Ja");
    expect(first.getCell(3).type).toBe(ExcelJS.ValueType.String);

    const second = sheet.getRow(FIRST_DATA_ROW + 1);
    expect(second.getCell(4).value).toBe(Number.MAX_SAFE_INTEGER);
    // A timestamp is written as its day in Copenhagen (22:30 UTC on 31 March is 1 April there).
    expect(second.getCell(5).value).toEqual(new Date("2026-04-01T00:00:00Z"));
    expect(second.getCell(6).value).toBe("Nej");

    const third = sheet.getRow(FIRST_DATA_ROW + 2);
    expect(third.getCell(4).type).toBe(ExcelJS.ValueType.Null);
    expect(third.getCell(5).type).toBe(ExcelJS.ValueType.Null);
  });

  it("keeps CVR and EAN numbers as text with their leading zeros, in Text-formatted cells", async () => {
    const sheet = await writeAndOpen([{ ...BASE, cvr: "01234567", ean: "0012345678905" }], "identifiers.xlsx");
    const row = sheet.getRow(FIRST_DATA_ROW);
    for (const [col, expected] of [
      [1, "01234567"],
      [2, "0012345678905"],
    ] as const) {
      expect(row.getCell(col).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(col).value).toBe(expected);
      expect(row.getCell(col).numFmt).toBe("@");
    }
  });

  it("writes text that looks like a formula as plain strings, never as formulas", async () => {
    const sheet = await writeAndOpen(
      HOSTILE.map((text) => ({ ...BASE, cvr: text, name: text })),
      "formulas.xlsx",
    );
    HOSTILE.forEach((text, index) => {
      for (const col of [1, 3]) {
        const cell = sheet.getRow(FIRST_DATA_ROW + index).getCell(col);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.value).toBe(text);
        expect(cell.formula).toBeUndefined();
      }
    });
  });

  it("writes an empty list as title, date and header only", async () => {
    const sheet = await writeAndOpen([], "empty.xlsx");
    expect(sheet.rowCount).toBe(HEADER_ROW);
    expect(sheet.autoFilter).toBe(`A${HEADER_ROW}:F${HEADER_ROW + 1}`);
  });

  it("cuts text at Excel's cell limit and drops characters XML cannot hold", async () => {
    const sheet = await writeAndOpen([{ ...BASE, name: `a\u0001b${"x".repeat(MAX_CELL_TEXT)}` }], "long.xlsx");
    const value = sheet.getRow(FIRST_DATA_ROW).getCell(3).value as string;
    expect(value.startsWith("ab")).toBe(true);
    expect(value.length).toBe(MAX_CELL_TEXT - 1);
  });

  it("refuses values of the wrong type and breaks the output instead of ending it", async () => {
    const file = path.join(dir, "broken.xlsx");
    const out = createWriteStream(file);
    const bad = { ...BASE, count: Number.NaN };
    await expect(writeXlsx(out, SPEC, items([BASE, bad]))).rejects.toThrow(/Antal/);
    expect(out.destroyed).toBe(true);
  });

  it("breaks the output when the rows fail midway", async () => {
    async function* failing(): AsyncGenerator<Item> {
      yield BASE;
      throw new Error("database gone");
    }
    const out = createWriteStream(path.join(dir, "failing.xlsx"));
    await expect(writeXlsx(out, SPEC, failing())).rejects.toThrow("database gone");
    expect(out.destroyed).toBe(true);
  });

  it("refuses sheet names Excel does not accept", async () => {
    const out = createWriteStream(path.join(dir, "bad-name.xlsx"));
    await expect(writeXlsx(out, { ...SPEC, sheetName: "a/b" }, [])).rejects.toThrow(/sheet name/);
    out.destroy();
  });
});

describe("xlsxResponse", () => {
  it("streams a download with the xlsx content type and an attachment file name", async () => {
    const response = xlsxResponse("proeve.xlsx", SPEC, items([BASE, BASE, BASE]));
    expect(response.headers.get("content-type")).toBe(XLSX_CONTENT_TYPE);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="proeve.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.getWorksheet(SPEC.sheetName)?.rowCount).toBe(HEADER_ROW + 3);
  });

  it("stops reading the rows when the client cancels the download", async () => {
    let produced = 0;
    let finished = false;
    async function* endless(): AsyncGenerator<Item> {
      try {
        for (;;) {
          produced++;
          yield { ...BASE, name: `række ${produced} ${"x".repeat(200)}` };
          if (produced % 500 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        }
      } finally {
        finished = true;
      }
    }
    const response = xlsxResponse("endeloes.xlsx", SPEC, endless());
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await expect.poll(() => finished, { timeout: 5_000 }).toBe(true);
    const after = produced;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(produced).toBe(after);
  });

  it("errors the stream (no truncated file) when the rows fail", async () => {
    async function* failing(): AsyncGenerator<Item> {
      yield BASE;
      throw new Error("database gone");
    }
    const response = xlsxResponse("fejl.xlsx", SPEC, failing());
    const original = console.error;
    console.error = () => undefined;
    try {
      await expect(response.arrayBuffer()).rejects.toThrow();
    } finally {
      console.error = original;
    }
  });
});

describe("attachmentDisposition", () => {
  it("quotes a plain name and adds filename* for a Danish one", () => {
    expect(attachmentDisposition("aftaleparter.xlsx")).toBe('attachment; filename="aftaleparter.xlsx"');
    expect(attachmentDisposition("indkøb.xlsx")).toBe(`attachment; filename="indkoeb.xlsx"; filename*=UTF-8''indk%C3%B8b.xlsx`);
    expect(attachmentDisposition('a"b.xlsx')).toBe(`attachment; filename="a_b.xlsx"; filename*=UTF-8''a%22b.xlsx`);
  });
});

describe("primeAsyncIterable", () => {
  it("takes the first item at once and then yields all items in order", async () => {
    let started = false;
    async function* source() {
      started = true;
      yield 1;
      yield 2;
    }
    const primed = await primeAsyncIterable(source());
    expect(started).toBe(true);
    const seen: number[] = [];
    for await (const n of primed) seen.push(n);
    expect(seen).toEqual([1, 2]);
  });

  it("lets a failure to start surface before any response is made", async () => {
    async function* source(): AsyncGenerator<number> {
      throw new Error("no database");
    }
    await expect(primeAsyncIterable(source())).rejects.toThrow("no database");
  });
});
