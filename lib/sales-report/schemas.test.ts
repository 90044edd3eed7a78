import { describe, expect, it } from "vitest";
import { API_MAX_ROWS, apiReportSchema } from "./schemas";

describe("the sales-report API's body", () => {
  const row = { customerCvr: "12345678", categoryCode: "08.01", amountOre: 100, ecommerce: false };
  const body = (rows: number) => ({ agreement: "SIP 08.01", quarter: "2026Q4", rows: Array.from({ length: rows }, () => row) });

  it("takes up to the row bound and refuses one row more, pointing to the CSV file", () => {
    expect(apiReportSchema.safeParse(body(API_MAX_ROWS)).success).toBe(true);
    const refused = apiReportSchema.safeParse(body(API_MAX_ROWS + 1));
    expect(refused.success).toBe(false);
    expect(JSON.stringify(refused.error?.issues)).toContain("CSV-fil");
  });
});
