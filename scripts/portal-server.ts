// One portal process: Next.js behind a small HTTP server of our own (scripts/start.ts runs one per
// core through Node's cluster module, or one with --dev). The server does two things the framework
// cannot: it works out the client's address from the socket (and from X-Forwarded-For only when the
// peer is a trusted proxy) into the one header the limits read, and it refuses oversized or
// length-less server-action bodies with the Danish 413 before Next.js reads them.
import { createServer } from "node:http";
import next from "next";
import { env } from "@/lib/env";
import { refuseActionBody } from "@/lib/security/action-body";
import { CLIENT_ADDRESS_HEADER, clientAddress, trustedProxyList } from "@/lib/security/client-address";

const dev = process.argv.includes("--dev");
const trustedProxies = trustedProxyList(env.TRUSTED_PROXIES);

const server = createServer((request, response) => {
  // Overwrites whatever the client sent under this name.
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], trustedProxies);
  if (refuseActionBody(request, response)) return;
  handle(request, response).catch((error: unknown) => {
    console.error(`Failed to handle ${request.method} ${request.url}:`, error);
    if (!response.headersSent) response.writeHead(500).end("Internal Server Error");
  });
});
const app = next({ dev, port: env.PORT, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();
server.listen(env.PORT);

process.on("SIGTERM", () => {
  // Finish the requests in flight, then stop.
  server.close(() => process.exit(0));
  server.closeIdleConnections();
});
