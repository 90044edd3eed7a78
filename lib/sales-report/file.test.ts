import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { salesFile } from "./file";
import type { SalesRowInput } from "./rows";

const dir = mkdtempSync(path.join(tmpdir(), "sales-file-"));
let n = 0;

async function rowsOf(content: Buffer): Promise<{ kind: string; rows: SalesRowInput[] }> {
  const target = path.join(dir, `f${++n}`);
  writeFileSync(target, content);
  const file = await salesFile(target);
  const rows: SalesRowInput[] = [];
  for await (const batch of file.rows) rows.push(...batch);
  return { kind: file.kind, rows };
}

const text = "Kunde-CVR;Kundenavn;EAN;Kategorikode;Beløb ekskl. moms;E-handel\r\n13748136;Økonomistyrelsen;;1410;1.234,50;ja\r\n\r\n";

describe("a sales report CSV as Danish Excel writes it", () => {
  it("is read from Windows-1252, keeping Danish letters and the editor's line numbers", async () => {
    const { kind, rows } = await rowsOf(iconv.encode(text, "windows-1252"));
    expect(kind).toBe("CSV");
    expect(rows).toEqual([{ row: 2, cells: { customerCvr: "13748136", customerName: "Økonomistyrelsen", ean: "", categoryCode: "1410", amount: "1.234,50", ecommerce: "ja" } }]);
  });

  it("is read from UTF-8 with a byte-order mark", async () => {
    const { rows } = await rowsOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]));
    expect(rows[0]?.cells.customerName).toBe("Økonomistyrelsen");
  });

  it("is refused in Danish when it is an old .xls or has the wrong header", async () => {
    await expect(rowsOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).rejects.toThrow(/gamle Excel-format/);
    await expect(rowsOf(Buffer.from("CVR;Pris\r\n1;2\r\n"))).rejects.toThrow(/Overskriftsrækken passer ikke/);
  });
});
