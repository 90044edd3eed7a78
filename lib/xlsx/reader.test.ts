import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { HOSTILE_KINDS, HOSTILE_REFUSALS, hostileXlsx } from "@/tests/support/hostile-xlsx";
import { buildZip, unzip } from "@/tests/support/zip";
import { checkXlsxFileName, readXlsx, readXlsxRows, XlsxFileError, type XlsxFileProblem } from "./reader";

async function workbook(fill: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function refusal(data: Buffer, options?: Parameters<typeof readXlsx>[1]): Promise<{ problem: XlsxFileProblem; message: string }> {
  try {
    await readXlsx(data, options);
  } catch (error) {
    if (error instanceof XlsxFileError) return { problem: error.problem, message: error.message };
    throw error;
  }
  throw new Error("the file was read");
}

describe("readXlsx", () => {
  it("reads text, numbers, dates, booleans, rich text, formulas and errors as plain values", async () => {
    const data = await workbook((wb) => {
      const sheet = wb.addWorksheet("Leverandører");
      sheet.addRow(["CVR-nummer", "Navn", "Dato", "Ja", "Formel"]);
      sheet.addRow([13748136, { richText: [{ text: "Kontor" }, { text: "grossisten" }] }, new Date(Date.UTC(2026, 0, 31)), true, { formula: "1+1", result: 2 }]);
      sheet.addRow([]);
      sheet.getCell("A4").value = { error: "#N/A" };
    });
    const [sheet] = await readXlsx(data);
    expect(sheet!.name).toBe("Leverandører");
    expect(sheet!.rows.map((row) => row.number)).toEqual([1, 2, 4]);
    expect(sheet!.rows[1]!.cells).toEqual([13748136, "Kontorgrossisten", new Date(Date.UTC(2026, 0, 31)), true, 2]);
    expect(sheet!.rows[2]!.cells).toEqual([{ error: "#N/A" }]);
  });

  it("refuses a file that is not a zip, naming what it is", async () => {
    expect(await refusal(Buffer.from("CVR;Navn\n13748136;Kontor A/S\n"))).toMatchObject({ problem: "not-xlsx", message: expect.stringContaining("ikke et Excel-regneark") });
    const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect(await refusal(ole2)).toMatchObject({ problem: "legacy-or-encrypted", message: expect.stringContaining(".xls") });
    expect(await refusal(Buffer.alloc(0))).toMatchObject({ problem: "empty" });
  });

  it("refuses a file over the size limit before reading it", async () => {
    const data = await workbook((wb) => wb.addWorksheet("Ark1").addRow(["x"]));
    expect(await refusal(data, { maxBytes: 100 })).toMatchObject({ problem: "too-large", message: expect.stringContaining("for stor") });
  });

  it("refuses a workbook with a macro part", async () => {
    const entries = unzip(await workbook((wb) => wb.addWorksheet("Ark1").addRow(["x"])));
    const macro = buildZip([...entries, { name: "xl/vbaProject.bin", data: Buffer.from("macro") }]);
    expect(await refusal(macro)).toMatchObject({ problem: "macro", message: expect.stringContaining("makroer") });
  });

  it("refuses a zip that is not a workbook, and a truncated or damaged workbook", async () => {
    expect(await refusal(buildZip([{ name: "readme.txt", data: Buffer.from("hej") }]))).toMatchObject({ problem: "zip-not-xlsx" });
    const real = await workbook((wb) => wb.addWorksheet("Ark1").addRow(["x"]));
    expect(await refusal(real.subarray(0, real.length - 40))).toMatchObject({ problem: "corrupt", message: expect.stringContaining("beskadiget") });
    const entries = unzip(real).map((entry) =>
      entry.name === "xl/workbook.xml" ? { ...entry, data: Buffer.from("<workbook><sheets><sheet") } : entry,
    );
    expect(await refusal(buildZip(entries))).toMatchObject({ problem: "corrupt" });
  }, 30_000);

  it("refuses an entry that inflates beyond its declared size, and too much content", async () => {
    const entries = unzip(await workbook((wb) => wb.addWorksheet("Ark1").addRow(["x"])));
    const sheet = entries.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    // Padding that compresses no better than an ordinary sheet: only the sizes are at stake here.
    const noise = Array.from({ length: 200_000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join(" ");
    const padded = Buffer.from(sheet.data.toString("utf8").replace("<sheetData>", `<sheetData><!-- ${noise} -->`));
    const lying = entries.map((e) => (e === sheet ? { ...e, data: padded, declaredSize: 1000 } : e));
    expect(await refusal(buildZip(lying))).toMatchObject({ problem: "corrupt" });
    const honest = entries.map((e) => (e === sheet ? { ...e, data: padded } : e));
    expect(await refusal(buildZip(honest), { maxUncompressedBytes: 1_000_000 })).toMatchObject({ problem: "too-much-content" });
    expect((await readXlsx(buildZip(honest)))[0]!.rows).toHaveLength(1);
  }, 30_000);

  it("refuses a sheet with more rows than allowed", async () => {
    const data = await workbook((wb) => {
      const sheet = wb.addWorksheet("Aftaler");
      for (let i = 0; i < 5; i++) sheet.addRow([i + 1]);
    });
    expect(await refusal(data, { maxRowsPerSheet: 3 })).toMatchObject({ problem: "too-much-content", message: expect.stringContaining("«Aftaler»") });
  });

  it("reports each sheet's visibility and the cells that hold formulas", async () => {
    const data = await workbook((wb) => {
      wb.addWorksheet("Synlig").addRow(["a", { formula: "1+1", result: 2 }]);
      const hidden = wb.addWorksheet("Skjult");
      hidden.addRow(["b"]);
      hidden.state = "hidden";
    });
    const sheets = await readXlsx(data);
    expect(sheets.map((s) => [s.name, s.state, s.formulaCount])).toEqual([
      ["Synlig", "visible", 1],
      ["Skjult", "hidden", 0],
    ]);
    expect(sheets[0]!.formulas).toEqual([{ row: 1, column: 2 }]);
  });

  it("refuses XML parts with a DTD (entity expansion) and a macro-enabled workbook renamed to .xlsx", async () => {
    const entries = unzip(await workbook((wb) => wb.addWorksheet("Ark1").addRow(["x"])));
    const dtd = entries.map((e) =>
      e.name === "xl/workbook.xml" ? { ...e, data: Buffer.from(`<!DOCTYPE x [<!ENTITY a "aaaa">]>${e.data.toString("utf8").replace(/^<\?xml[^>]*>/, "")}`) } : e,
    );
    expect(await refusal(buildZip(dtd))).toMatchObject({ problem: "xml-entities", message: expect.stringContaining("entiteter") });
    const xlsm = entries.map((e) => (e.name === "[Content_Types].xml" ? { ...e, data: Buffer.from(e.data.toString("utf8").replace("sheet.main+xml", "sheet.macroEnabled.main+xml")) } : e));
    expect(await refusal(buildZip(xlsm))).toMatchObject({ problem: "macro", message: expect.stringContaining(".xlsm") });
  });

  it("parses in a worker whose heap limit stops a workbook too big for it, leaving the process untouched", async () => {
    const data = await workbook((wb) => {
      const sheet = wb.addWorksheet("Stor");
      for (let i = 0; i < 20_000; i++) sheet.addRow([`række ${i}`, i, `tekst ${i}`, i * 2, `mere tekst ${i}`]);
    });
    expect(await refusal(data, { workerHeapMb: 16 })).toMatchObject({ problem: "too-much-content", message: expect.stringContaining("for stort eller for komplekst") });
    expect((await readXlsx(data))[0]!.rows).toHaveLength(20_000);
  }, 30_000);

  it("stops a parse that takes too long", async () => {
    const data = await workbook((wb) => {
      const sheet = wb.addWorksheet("Ark");
      for (let i = 0; i < 2000; i++) sheet.addRow([i]);
    });
    expect(await refusal(data, { timeoutMs: 1 })).toMatchObject({ problem: "too-much-content" });
  });

  it("refuses wrong file names with their own messages", () => {
    expect(() => checkXlsxFileName("Skema.xlsx")).not.toThrow();
    expect(() => checkXlsxFileName("Skema.XLSX")).not.toThrow();
    expect(() => checkXlsxFileName("Skema.xlsm")).toThrow(expect.objectContaining({ problem: "macro", message: expect.stringContaining(".xlsm") }));
    expect(() => checkXlsxFileName("Skema.xls")).toThrow(expect.objectContaining({ message: expect.stringContaining("gammel Excel-fil") }));
    expect(() => checkXlsxFileName("Skema.csv")).toThrow(expect.objectContaining({ message: expect.stringContaining("CSV") }));
    expect(() => checkXlsxFileName("Skema.pdf")).toThrow(expect.objectContaining({ problem: "not-xlsx" }));
  });
});

describe("hostile workbooks", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sip-hostile-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = workbook((wb) => {
    const sheet = wb.addWorksheet("Ark1");
    sheet.addRow(["Navn", "Beløb"]);
    sheet.addRow(["Kontor A/S", 12.5]);
  });

  it.each(HOSTILE_KINDS)("refuses the %s in Danish, from memory and streamed from disk", { timeout: 60_000 }, async (kind) => {
    const data = hostileXlsx(await base, kind);
    const expected = HOSTILE_REFUSALS[kind];
    const fromMemory = await refusal(data);
    expect(fromMemory).toMatchObject({ problem: expected.problem });
    expect(fromMemory.message).toContain(expected.text);

    const file = path.join(dir, `${kind}.xlsx`);
    writeFileSync(file, data);
    const streamed = readXlsxRows(file, { maxUncompressedBytes: 1024 * 1024 * 1024 });
    await expect(streamed.next()).rejects.toMatchObject({ name: "XlsxFileError", problem: expected.streamed ?? expected.problem });
  });

  it("reads a cell, shared string and row at Excel's own limits", async () => {
    const data = await workbook((wb) => {
      const sheet = wb.addWorksheet("Grænser");
      sheet.addRow(["x".repeat(32_767)]);
      sheet.addRow(Array.from({ length: 16_384 }, (_, i) => i));
    });
    const [sheet] = await readXlsx(data);
    expect(sheet!.rows[0]!.cells[0]).toHaveLength(32_767);
    expect(sheet!.rows[1]!.cells).toHaveLength(16_384);
  }, 30_000);

  it("keeps the reading process's memory bounded: the review's 400 kB bomb, read as each upload path reads it", async () => {
    // In a fresh process each (scripts/bench-upload-bombs.ts), so that its peak RSS is the read's
    // alone: before the guard, the purchase-data reader grew to about 1.3 GB on this file.
    const file = path.join(dir, "bomb-child.xlsx");
    writeFileSync(file, hostileXlsx(await base, "ratio-bomb"));
    for (const reader of ["purchase-data", "workbook"]) {
      const child = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench-upload-bombs.ts", "--child", reader, file], { encoding: "utf8" });
      const result = JSON.parse(child.stdout.trim().split("\n").pop()!) as { outcome: string; maxRssMb: number };
      expect(result.maxRssMb).toBeLessThan(400);
      expect(result.outcome).toMatch(/^XlsxFileError: .*(zip-bombe|pakkes ud)/);
    }
  }, 60_000);
});
