import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The security headers of every page: a Content-Security-Policy whose scripts need the request's
 * nonce (no inline scripts without it, no eval in production), no framing, no referrer beyond the
 * origin, and HSTS when the portal is served over https.
 */
export function securityHeaders(nonce: string, options: { https: boolean; development: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    // Inline styles only (no scripts): React style attributes and next/font's font-face rules.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** The header the guard reads for its audit entry of a refused page (lib/auth/guard.ts). */
export const REQUEST_PATH_HEADER = "x-request-path";

/**
 * The path of a request target, for the audit. Never throws: Node's parser lets through targets
 * such as `http://[` that the URL parser refuses, and a throw here, before Next.js's own error
 * handling, would end the portal process.
 */
function requestPath(target: string): string {
  try {
    return new URL(target, "http://portal").pathname;
  } catch {
    return target.split("?")[0]!;
  }
}

/**
 * For the portal's own server (scripts/portal-server.ts), before Next.js sees the request: a fresh
 * nonce, the CSP on the request (Next.js takes its scripts' nonce from there) and every security
 * header on the response. Done here rather than in proxy.ts: running the framework's proxy on every
 * page cost about 6 % of a page's CPU (docs/operations.md, "Capacity"). Overwrites whatever the
 * client sent under these names.
 */
export function secureRequest(request: IncomingMessage, response: ServerResponse, options: { https: boolean; development: boolean }): void {
  const headers = securityHeaders(Buffer.from(crypto.randomUUID()).toString("base64"), options);
  request.headers["content-security-policy"] = headers["Content-Security-Policy"];
  request.headers[REQUEST_PATH_HEADER] = requestPath(request.url ?? "/");
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
}
