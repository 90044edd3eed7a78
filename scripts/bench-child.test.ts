import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { completeDeepImports } from "./bench-child";

const root = process.cwd();

async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: "ts" },
    bundle: true,
    write: false,
    platform: "node",
    format: "esm",
    packages: "external",
    plugins: [completeDeepImports(root)],
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

describe("completeDeepImports", () => {
  it("names the file of a deep import into a package without an exports map, which Node's ESM loader needs", async () => {
    const code = await bundle(`
      import { NextResponse } from "next/server";
      import { parseConnectionUrl } from "nodemailer/lib/shared";
      console.log(NextResponse, parseConnectionUrl);`);
    expect(code).toContain('from "next/server.js"');
    expect(code).toContain('from "nodemailer/lib/shared/index.js"');
  });

  it("leaves packages, their exports-mapped subpaths and Node's modules as they were written", async () => {
    const code = await bundle(`
      import pg from "pg";
      import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
      import { open } from "node:fs/promises";
      console.log(pg, pg_trgm, open);`);
    expect(code).toContain('from "pg"');
    expect(code).toContain('from "@electric-sql/pglite/contrib/pg_trgm"');
    expect(code).toContain('from "node:fs/promises"');
  });
});
