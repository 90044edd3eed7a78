import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Server-action bodies are checked by the portal's own HTTP server before Next.js reads them: the
 * framework's own limit (experimental.serverActions.bodySizeLimit, the same 6 MB, set in
 * next.config.ts) ends in a 500, and a chunked body has no Content-Length to check beforehand.
 * Uploads are refused above 5 MB by the app itself with the same message; the limit sits above it.
 */
export const MAX_ACTION_BODY_BYTES = 6 * 1024 * 1024;
export const ACTION_BODY_TOO_LARGE = "Filen er for stor. Den må højst fylde 5 MB.";
// Browsers always send a server action's body with its length; only a hand-made request streams one.
export const ACTION_BODY_WITHOUT_LENGTH = "Forespørgslen mangler sin længde (Content-Length).";

function answer(response: ServerResponse, status: number, error: string): void {
  if (response.headersSent) return;
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8" }).end(JSON.stringify({ error }));
}

/**
 * Answers a server-action POST whose body is too large (413) or comes without a length (411, or
 * 413 as soon as it passes the limit) and returns true; returns false for every other request,
 * which then goes to Next.js untouched. A refused body is read and thrown away, so the connection
 * stays usable and the client gets the answer.
 */
export function refuseActionBody(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "POST" || request.headers["next-action"] === undefined) return false;
  const declared = request.headers["content-length"];
  if (declared !== undefined && request.headers["transfer-encoding"] === undefined) {
    if (Number(declared) <= MAX_ACTION_BODY_BYTES) return false;
    answer(response, 413, ACTION_BODY_TOO_LARGE);
    request.resume();
    return true;
  }
  let received = 0;
  request.on("data", (chunk: Buffer) => {
    received += chunk.length;
    if (received > MAX_ACTION_BODY_BYTES) answer(response, 413, ACTION_BODY_TOO_LARGE);
  });
  request.on("end", () => answer(response, 411, ACTION_BODY_WITHOUT_LENGTH));
  return true;
}
