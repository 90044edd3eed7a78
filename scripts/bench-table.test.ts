import { describe, expect, it } from "vitest";
import type { BenchResult } from "./bench-support";
import { aggregate, formatMet, formatRange, formatTable, parseResults } from "./bench-table";

const result = (overrides: Partial<BenchResult>): BenchResult => ({
  workload: "1,000 lines imported",
  figure: "time",
  value: 1,
  unit: "s",
  target: "< 2 s",
  met: true,
  ...overrides,
});

describe("parseResults", () => {
  it("reads the BENCH-RESULT lines among a script's prose and reports the broken ones", () => {
    const output = [
      "Genereret 1.000 linjer",
      `BENCH-RESULT ${JSON.stringify(result({ value: 1.5 }))}`,
      "BENCH-RESULT {not json",
      `BENCH-RESULT ${JSON.stringify({ workload: "x", figure: "y" })}`,
      `  BENCH-RESULT ${JSON.stringify(result({ figure: "peak RSS", value: 200, unit: "MB", target: "< 500 MB", reference: { label: "COPY", value: 3, unit: "s" }, ratio: 0.7 }))}`,
      "",
    ].join("\n");
    const { results, errors } = parseResults(output);
    expect(results).toEqual([
      result({ value: 1.5 }),
      result({ figure: "peak RSS", value: 200, unit: "MB", target: "< 500 MB", reference: { label: "COPY", value: 3, unit: "s" }, ratio: 0.7 }),
    ]);
    expect(errors).toHaveLength(2);
  });

  it("finds nothing in output without result lines", () => {
    expect(parseResults("p50 3 ms, p95 9 ms\n")).toEqual({ results: [], errors: [] });
  });
});

describe("aggregate", () => {
  it("gathers a figure's runs into ranges and counts the runs that met the target", () => {
    const reference = (value: number) => ({ label: "COPY + keys", value, unit: "s" });
    const rows = aggregate([
      {
        name: "import",
        runs: [
          { exitCode: 0, results: [result({ value: 3.1, reference: reference(2.3), ratio: 0.74, met: true }), result({ figure: "peak RSS", value: 210, unit: "MB", met: true })] },
          { exitCode: 0, results: [result({ value: 3.4, reference: reference(2.4), ratio: 0.71, met: true }), result({ figure: "peak RSS", value: 220, unit: "MB", met: true })] },
          { exitCode: 1, results: [result({ value: 4.2, reference: reference(2.2), ratio: 0.52, met: false })] },
        ],
      },
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      figure: "time",
      runs: 3,
      reported: 3,
      value: { min: 3.1, max: 4.2 },
      reference: { label: "COPY + keys", unit: "s", value: { min: 2.2, max: 2.4 } },
      ratio: { min: 0.52, max: 0.74 },
      metRuns: 2,
    });
    expect(rows[1]).toMatchObject({ figure: "peak RSS", runs: 3, reported: 2, value: { min: 210, max: 220 }, metRuns: 2 });
  });

  it("keeps figures without a target apart from met ones, and one workload's sizes apart", () => {
    const rows = aggregate([
      {
        name: "exports",
        runs: [
          { exitCode: 0, results: [result({ target: "stated", met: null }), result({ workload: "2,000 lines imported", value: 2 })] },
          { exitCode: 0, results: [result({ target: "stated", met: null, value: 1.2 })] },
        ],
      },
    ]);
    expect(rows.map((row) => [row.workload, row.metRuns, row.reported])).toEqual([
      ["1,000 lines imported", null, 2],
      ["2,000 lines imported", 1, 1],
    ]);
  });

  it("shows a script that printed no result as such, with its exit codes when it failed", () => {
    const rows = aggregate([
      { name: "load", runs: [{ exitCode: 0, results: [] }, { exitCode: 0, results: [] }] },
      { name: "cascade", runs: [{ exitCode: 1, results: [] }, { exitCode: 0, results: [] }] },
    ]);
    expect(rows.map((row) => [row.workload, row.noResult])).toEqual([
      ["load", "no result"],
      ["cascade", "no result (exit 1)"],
    ]);
  });
});

describe("formatting", () => {
  it("writes a range as min–max, and one value once", () => {
    expect(formatRange({ min: 2.91, max: 3.22 }, "s")).toBe("2.91–3.22 s");
    expect(formatRange({ min: 1234567, max: 1234567 })).toBe("1,234,567");
    expect(formatRange({ min: 0.12345, max: 0.5 })).toBe("0.123–0.5");
    expect(formatRange({ min: 53.797, max: 1480.992 }, "ms")).toBe("53.8–1,481 ms");
  });

  it("says whether the target was met in every run, in none, or in some", () => {
    expect(formatMet({ metRuns: 3, runs: 3 })).toBe("yes");
    expect(formatMet({ metRuns: 0, runs: 3 })).toBe("no");
    expect(formatMet({ metRuns: 2, runs: 3 })).toBe("in 2 of 3 runs");
    expect(formatMet({ metRuns: null, runs: 3 })).toBe("–");
  });

  it("prints one markdown table row per figure", () => {
    const rows = aggregate([
      {
        name: "import",
        runs: [
          { exitCode: 0, results: [result({ value: 3.1, reference: { label: "COPY | keys", value: 2.3, unit: "s" }, ratio: 0.74 })] },
          { exitCode: 0, results: [result({ value: 3.4, reference: { label: "COPY | keys", value: 2.4, unit: "s" }, ratio: 0.71, met: false })] },
        ],
      },
      { name: "load", runs: [{ exitCode: 0, results: [] }] },
    ]);
    expect(formatTable(rows)).toBe(
      [
        "| workload | figure | target | measured | reference (same run) | ratio | met |",
        "|---|---|---|---|---|---|---|",
        "| 1,000 lines imported | time | < 2 s | 3.1–3.4 s | COPY \\| keys: 2.3–2.4 s | 0.71–0.74 | in 1 of 2 runs |",
        "| load | – | – | no result | – | – | – |",
        "",
      ].join("\n"),
    );
  });

  it("says when a figure was missing from some runs", () => {
    const rows = aggregate([{ name: "x", runs: [{ exitCode: 0, results: [result({})] }, { exitCode: 1, results: [] }] }]);
    expect(formatTable(rows)).toContain("| 1 s (in 1 of 2 runs) |");
  });
});
