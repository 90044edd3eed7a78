// One portal process: Next.js behind a small HTTP server of our own (scripts/start.ts runs one per
// core through Node's cluster module, or one with --dev). The server does what the framework
// cannot: it works out the client's address from the socket (and from X-Forwarded-For only when the
// peer is a trusted proxy) into the one header the limits read, it sets the security headers with
// each request's CSP nonce (lib/security/headers.ts), and it refuses oversized or
// length-less server-action bodies with the Danish 413 before Next.js reads them. A request whose
// line and headers pass MAX_REQUEST_HEAD_BYTES gets 431 at once: with Node's default (16 KB) a head
// that never ended (curl before 8.2 drops its cookies from a request over 8 KB and then never ends
// it) waited for its 60-90 s timeout and got 408 (issue 16, item 8). No page needs a longer address:
// its search fields take at most a few hundred characters.
import { createServer } from "node:http";
import next from "next";
import { env } from "@/lib/env";
import { refuseActionBody } from "@/lib/security/action-body";
import { secureRequest } from "@/lib/security/headers";
import { CLIENT_ADDRESS_HEADER, clientAddress, dropUntrustedProxyHeaders, trustedProxyList } from "@/lib/security/client-address";

const dev = process.argv.includes("--dev");
const trustedProxies = trustedProxyList(env.TRUSTED_PROXIES);
const securityOptions = { https: (env.NEXTAUTH_URL ?? "").startsWith("https://"), development: dev };

const MAX_REQUEST_HEAD_BYTES = 7168;
const REQUEST_UNREADABLE = "Forespørgslen kunne ikke læses.\n";
const HEAD_TOO_LARGE = Buffer.from("Forespørgslens adresse og felter er for lange. Brug en kortere søgning.\n", "utf8");

const server = createServer({ maxHeaderSize: MAX_REQUEST_HEAD_BYTES }, (request, response) => {
  try {
    // Overwrites whatever the client sent under this name.
    request.headers[CLIENT_ADDRESS_HEADER] = clientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], trustedProxies);
    dropUntrustedProxyHeaders(request.headers, request.socket.remoteAddress, trustedProxies);
    if (refuseActionBody(request, response)) return;
    secureRequest(request, response, securityOptions);
  } catch (error) {
    // Outside Next.js's own error handling a throw would end the process: the request gets 400.
    console.error(`Could not prepare ${request.method} ${request.url}:`, error);
    if (!response.headersSent) response.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end(REQUEST_UNREADABLE);
    return;
  }
  handle(request, response).catch((error: unknown) => {
    console.error(`Failed to handle ${request.method} ${request.url}:`, error);
    if (!response.headersSent) response.writeHead(500).end("Internal Server Error");
  });
});
server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
  if (!socket.writable) return socket.destroy();
  const status = error.code === "HPE_HEADER_OVERFLOW" ? "431 Request Header Fields Too Large" : "400 Bad Request";
  const body = error.code === "HPE_HEADER_OVERFLOW" ? HEAD_TOO_LARGE : Buffer.from(REQUEST_UNREADABLE, "utf8");
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString("utf8")}`);
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
