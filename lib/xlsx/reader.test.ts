import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildZip, unzip } from "@/tests/support/zip";
import { checkXlsxFile, readXlsx, XlsxFileError, type XlsxFileProblem } from "./reader";

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
});
