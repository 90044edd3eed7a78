// The portal as the browser tests see it: a fresh database each run (PostgreSQL when E2E_POSTGRES=1,
// else a new embedded data folder), then the same launcher as `npm start` on E2E_PORT.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { adminDatabaseUrl, databaseUrlFor, E2E_DATABASE } from "@/tests/support/database";

const serverEnv: NodeJS.ProcessEnv = { ...process.env, PORT: process.env.E2E_PORT ?? "3100" };
if (process.env.E2E_POSTGRES === "1") {
  const admin = new pg.Client({ connectionString: adminDatabaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${E2E_DATABASE}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${E2E_DATABASE}"`);
  await admin.end();
  serverEnv.DATABASE_URL = databaseUrlFor(E2E_DATABASE);
} else {
  delete serverEnv.DATABASE_URL;
  serverEnv.EMBEDDED_DATA_DIR = path.join(mkdtempSync(path.join(tmpdir(), "sip-e2e-")), "pglite");
}
const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { stdio: "inherit", env: serverEnv });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
