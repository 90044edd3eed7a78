// The pure part of `npm run bench` (scripts/bench.ts): reading the BENCH-RESULT lines the benchmark
// scripts print (scripts/bench-support.ts reportResult), gathering the runs of one figure into
// ranges and "met in k of N runs", and the markdown table.
import type { BenchResult } from "./bench-support";

const PREFIX = "BENCH-RESULT ";

/** The results among a script's output lines; a BENCH-RESULT line that does not parse is reported, not dropped silently. */
export function parseResults(output: string): { results: BenchResult[]; errors: string[] } {
  const results: BenchResult[] = [];
  const errors: string[] = [];
  for (const line of output.split("\n")) {
    const start = line.indexOf(PREFIX);
    if (start === -1) continue;
    const json = line.slice(start + PREFIX.length).trim();
    try {
      const value = JSON.parse(json) as unknown;
      if (isResult(value)) results.push(value);
      else errors.push(`not a result: ${json}`);
    } catch {
      errors.push(`not JSON: ${json}`);
    }
  }
  return { results, errors };
}

function isResult(value: unknown): value is BenchResult {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  const reference = r.reference as Record<string, unknown> | undefined;
  return (
    typeof r.workload === "string" &&
    typeof r.figure === "string" &&
    typeof r.value === "number" &&
    typeof r.unit === "string" &&
    typeof r.target === "string" &&
    (r.met === null || typeof r.met === "boolean") &&
    (reference === undefined ||
      (typeof reference === "object" && reference !== null && typeof reference.label === "string" && typeof reference.value === "number" && typeof reference.unit === "string")) &&
    (r.ratio === undefined || typeof r.ratio === "number")
  );
}

/** One run of one benchmark script: its results, or none when it printed none (failed, or not yet instrumented). */
export type ScriptRun = { results: BenchResult[]; exitCode: number | null };

/** A benchmark script and its runs, in the order they ran. */
export type ScriptRuns = { name: string; runs: ScriptRun[] };

export type Range = { min: number; max: number };

/** One line of the table: a workload's figure over all runs of its script. */
export type TableRow = {
  workload: string;
  figure: string;
  target: string;
  unit: string;
  /** Runs of the script, and how many of them reported this figure. */
  runs: number;
  reported: number;
  value: Range | null;
  reference: { label: string; unit: string; value: Range } | null;
  ratio: Range | null;
  /** Runs whose result met the target; null when the figure has no target. */
  metRuns: number | null;
  /** Set for a script that reported nothing in any run. */
  noResult?: string;
};

function widen(range: Range | null, value: number): Range {
  return range ? { min: Math.min(range.min, value), max: Math.max(range.max, value) } : { min: value, max: value };
}

/** The table's rows: per script, its figures in the order first reported, each over all its runs. */
/** A row with nothing measured yet. */
function blankRow(workload: string, figure: string, target: string, unit: string, runs: number): TableRow {
  return { workload, figure, target, unit, runs, reported: 0, value: null, reference: null, ratio: null, metRuns: null };
}

export function aggregate(scripts: readonly ScriptRuns[]): TableRow[] {
  const rows: TableRow[] = [];
  for (const script of scripts) {
    const byFigure = new Map<string, TableRow>();
    for (const run of script.runs) {
      for (const result of run.results) {
        const key = `${result.workload}\u0000${result.figure}`;
        let row = byFigure.get(key);
        if (!row) {
          row = blankRow(result.workload, result.figure, result.target, result.unit, script.runs.length);
          byFigure.set(key, row);
        }
        row.reported++;
        row.value = widen(row.value, result.value);
        if (result.reference) {
          row.reference = {
            label: result.reference.label,
            unit: result.reference.unit,
            value: widen(row.reference?.value ?? null, result.reference.value),
          };
        }
        if (result.ratio !== undefined) row.ratio = widen(row.ratio, result.ratio);
        if (result.met !== null) row.metRuns = (row.metRuns ?? 0) + (result.met ? 1 : 0);
      }
    }
    if (byFigure.size === 0) {
      const exits = [...new Set(script.runs.map((run) => run.exitCode))];
      const failed = exits.filter((code) => code !== 0);
      rows.push({
        ...blankRow(script.name, "–", "–", "", script.runs.length),
        noResult: failed.length > 0 ? `no result (exit ${failed.map((code) => code ?? "signal").join(", ")})` : "no result",
      });
    }
    rows.push(...byFigure.values());
  }
  return rows;
}

/** A number with thousands separated by commas: whole from 100 up, one decimal from 10, else at most three. */
export function formatNumber(n: number): string {
  const size = Math.abs(n);
  return n.toLocaleString("en-US", { maximumFractionDigits: size >= 100 ? 0 : size >= 10 ? 1 : 3 });
}

export function formatRange(range: Range, unit = ""): string {
  const text = range.min === range.max ? formatNumber(range.min) : `${formatNumber(range.min)}–${formatNumber(range.max)}`;
  return unit ? `${text} ${unit}` : text;
}

/** "yes" / "no" / "in k of N runs"; "–" without a target. A run that did not report the figure did not meet it. */
export function formatMet(row: Pick<TableRow, "metRuns" | "runs">): string {
  if (row.metRuns === null) return "–";
  if (row.metRuns === row.runs) return "yes";
  if (row.metRuns === 0) return "no";
  return `in ${row.metRuns} of ${row.runs} runs`;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function formatTable(rows: readonly TableRow[]): string {
  const lines = [
    "| workload | figure | target | measured | reference (same run) | ratio | met |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const row of rows) {
    let measured = row.noResult ?? (row.value ? formatRange(row.value, row.unit) : "–");
    if (!row.noResult && row.reported < row.runs) measured += ` (in ${row.reported} of ${row.runs} runs)`;
    const reference = row.reference ? `${row.reference.label}: ${formatRange(row.reference.value, row.reference.unit)}` : "–";
    const ratio = row.ratio ? formatRange(row.ratio) : "–";
    lines.push(`| ${[row.workload, row.figure, row.target, measured, reference, ratio, formatMet(row)].map(cell).join(" | ")} |`);
  }
  return `${lines.join("\n")}\n`;
}
