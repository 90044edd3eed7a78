import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildZip, unzip } from "@/tests/support/zip";
import { checkXlsxFile, checkXlsxFileName, readXlsx, XlsxFileError, type XlsxFileProblem } from "./reader";

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
  });

  it("refuses an entry that inflates beyond its declared size, and too much content", () => {
    const entries = [
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") },
      { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(2_000_000, 0x20), declaredSize: 1000 },
    ];
    expect(() => checkXlsxFile(buildZip(entries))).toThrow(expect.objectContaining({ problem: "corrupt" }));
    const honest = entries.map(({ name, data }) => ({ name, data }));
    expect(() => checkXlsxFile(buildZip(honest), { maxUncompressedBytes: 1_000_000 })).toThrow(
      expect.objectContaining({ problem: "too-much-content" }),
    );
    expect(() => checkXlsxFile(buildZip(honest))).not.toThrow();
  });

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
  });

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
