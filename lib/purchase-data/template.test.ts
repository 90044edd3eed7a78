import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCsvRecords } from "./csv";
import { AGENCY_FORMAT, LINES_FORMAT, matchHeader } from "./formats";
import { templateCsv, templateWorkbook } from "./template";
import { readXlsxRecords } from "./xlsx";

async function* once(data: Buffer) {
  yield data;
}

describe("the templates", () => {
  it("give a CSV header each reader recognises", async () => {
    for (const format of [AGENCY_FORMAT, LINES_FORMAT]) {
      const rows = [];
      for await (const batch of readCsvRecords(once(templateCsv(format)))) rows.push(...batch);
      const match = matchHeader(rows[0]!.cells);
      expect(match.ok && match.format.code).toBe(format.code);
    }
  });

  it("give a workbook documenting every column, whose data sheets the xlsx reader finds (empty: the header only)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sip-template-"));
    try {
      const file = path.join(dir, "skabelon.xlsx");
      writeFileSync(file, await templateWorkbook());
      const rows = [];
      let sheet: string | undefined;
      for await (const batch of readXlsxRecords(file, (d) => (sheet = d.sheet))) rows.push(...batch);
      expect(sheet).toBeUndefined();
      expect(rows.map((r) => r.cells)).toEqual([AGENCY_FORMAT.columns.map((c) => c.header)]);

      // Filled in the second data sheet: that one is read.
      const ExcelJS = (await import("exceljs")).default;
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await templateWorkbook()) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
      workbook.getWorksheet("Portalens linjeformat")!.addRow(["10213231", "", "2016-11-15", "", "Udlæg", "1920", "12,50", "nej"]);
      writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
      const filled = [];
      for await (const batch of readXlsxRecords(file, (d) => (sheet = d.sheet))) filled.push(...batch);
      expect(sheet).toBe("Portalens linjeformat");
      expect(filled.map((r) => r.line)).toEqual([1, 2]);
      expect(filled[1]!.cells).toEqual(["10213231", null, "2016-11-15", null, "Udlæg", "1920", "12,50", "nej"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
