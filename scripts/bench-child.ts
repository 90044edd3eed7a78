// A benchmark's child process as the portal runs its code: the script bundled by esbuild for plain
// Node (the packages stay external and resolve from node_modules), rather than compiled by tsx when
// the child starts, which costs each child about a second of CPU (bench-upload-bombs: 1.6-1.8 s of
// CPU per hostile file, most of it tsx). Kept free of heavy imports: a child loads this module too.
import { mkdir, rm, rmdir } from "node:fs/promises";
import path from "node:path";

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
