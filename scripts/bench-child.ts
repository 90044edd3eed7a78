// A benchmark's child process as the portal runs its code: the script bundled by esbuild for plain
// Node (the packages stay external and resolve from node_modules), rather than compiled by tsx when
// the child starts, which costs each child about a second of CPU (bench-upload-bombs: 1.6-1.8 s of
// CPU per hostile file, most of it tsx). Kept free of heavy imports: a child loads this module too.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { mkdir, rm, rmdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Plugin } from "esbuild";
import { PORTAL_NODE_FLAGS } from "./portal-node-flags";

/**
 * A benchmark script's own source, for spawning itself: from the repository's root, where the
 * benchmarks run, whether this script runs under tsx or as a bundle (whose import.meta.url is the bundle's).
 */
export const scriptPath = (name: string) => path.resolve("scripts", name);

export type ChildRunner = {
  /** Node's arguments before the script's own: the conditions and the script (bundle or tsx). */
  command: string[];
  label: string;
  cleanup: () => Promise<void>;
};

/** `script`: an absolute path; `reactServer`: run under React's server condition (server-only modules). */
export async function prepareChild(script: string, options: { reactServer: boolean; useTsx?: boolean }): Promise<ChildRunner> {
  const conditions = options.reactServer ? ["--conditions=react-server"] : [];
  const root = path.resolve(path.dirname(script), "..");
  if (!options.useTsx) {
    try {
      const { build } = await import("esbuild");
      const dir = path.join(root, "node_modules", ".cache", `sip-${path.basename(script, ".ts")}`);
      await mkdir(dir, { recursive: true });
      const outfile = path.join(dir, `child-${process.pid}.mjs`);
      await build({
        entryPoints: [script],
        outfile,
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node24",
        packages: "external",
        conditions: options.reactServer ? ["react-server"] : [],
        alias: { "@": root },
        plugins: [completeDeepImports(root)],
        logLevel: "warning",
      });
      const cleanup = async () => {
        await rm(outfile, { force: true });
        await rmdir(dir).catch(() => undefined); // only when no other run uses it
      };
      return { command: [...conditions, outfile], label: "node (esbuild-bundt)", cleanup };
    } catch (error) {
      console.warn(`esbuild could not bundle the child process (${String(error)}); using tsx.`);
    }
  }
  return { command: [...conditions, "--import", "tsx", script], label: "node --import tsx", cleanup: async () => undefined };
}

/**
 * Runs a prepared child with the portal processes' V8 flags (it stands for one: the import runs in a
 * portal process) and returns what it printed as `REPORT {json}`.
 */
export async function runReportingChild<T>(runner: ChildRunner, args: string[]): Promise<T> {
  const proc = spawn(process.execPath, [...PORTAL_NODE_FLAGS, ...runner.command, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  proc.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(proc, "exit")) as [number];
  const line = out.split("\n").find((l) => l.startsWith("REPORT "));
  if (code !== 0 || !line) throw new Error(`child failed (${code}): ${out}`);
  return JSON.parse(line.slice(7)) as T;
}

/**
 * A package's file imported without its extension (`next/server`, `nodemailer/lib/shared`), which
 * bundlers and tsx resolve and Node's ESM loader does not when the package has no "exports" map:
 * the import is kept external, with the file's full name.
 */
export function completeDeepImports(root: string): Plugin {
  const require = createRequire(path.join(root, "package.json"));
  return {
    name: "complete-deep-imports",
    setup(build) {
      build.onResolve({ filter: /^(@[\w.-]+\/)?\w[\w.-]*\/.+/ }, ({ path: specifier }) => {
        const packageName = specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
        const kept = { path: specifier, external: true };
        let file: string;
        try {
          file = require.resolve(specifier);
        } catch {
          return kept; // a subpath only an "exports" map names: Node resolves it as it is
        }
        const marker = `${path.sep}node_modules${path.sep}${packageName}${path.sep}`;
        const at = file.lastIndexOf(marker);
        if (at < 0) return kept;
        const packageDir = file.slice(0, at + marker.length - 1);
        const manifest = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { exports?: unknown };
        if (manifest.exports) return kept;
        return { path: `${packageName}/${path.relative(packageDir, file).split(path.sep).join("/")}`, external: true };
      });
    },
  };
}
