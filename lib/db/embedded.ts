import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * The embedded database: PGlite (PostgreSQL compiled to WASM) with its data in a local folder,
 * served on a loopback port so the app reaches it through the same pg driver adapter as a real
 * server. It holds one session, so clients must use one connection (DATABASE_POOL_MAX=1).
 * See docs/decisions/0002-embedded-pglite.md.
 */
export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startEmbeddedDatabase(dataDir: string, port?: number): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  // Two processes on one data folder would corrupt it: the folder is held by one process at a time.
  const lockFile = path.join(dataDir, "..", `${path.basename(dataDir)}.pid`);
  if (existsSync(lockFile)) {
    const holder = Number(readFileSync(lockFile, "utf8"));
    if (holder !== process.pid && isRunning(holder)) {
      throw new Error(`The embedded database in ${dataDir} is in use by process ${holder}; stop it first.`);
    }
  }
  writeFileSync(lockFile, String(process.pid));
  const db = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  const listenPort = port ?? (await freePort());
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: listenPort, maxConnections: 1 });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${listenPort}/postgres?sslmode=disable`,
    stop: async () => {
      await server.stop();
      await db.close();
      rmSync(lockFile, { force: true });
    },
  };
}
