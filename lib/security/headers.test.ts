import { createServer, type IncomingHttpHeaders } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REQUEST_PATH_HEADER, secureRequest } from "./headers";

// A real HTTP server that does what scripts/portal-server.ts does before Next.js: it answers with
// the request headers as Next.js would see them.
const server = createServer((request, response) => {
  secureRequest(request, response, { https: false, development: false });
  response.end(JSON.stringify(request.headers));
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function call(path: string, headers: Record<string, string> = {}): Promise<{ response: Response; seen: IncomingHttpHeaders }> {
  const response = await fetch(base + path, { headers });
  return { response, seen: (await response.json()) as IncomingHttpHeaders };
}

const nonceOf = (csp: string | null | undefined) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? "")?.[1];

describe("secureRequest", () => {
  it("gives every request its own nonce, the same on the request Next.js reads and on the response", async () => {
    const [first, second] = [await call("/aftaler"), await call("/aftaler")];
    const nonce = nonceOf(first.response.headers.get("content-security-policy"));
    expect(nonce).toBeDefined();
    expect(nonceOf(String(first.seen["content-security-policy"]))).toBe(nonce);
    expect(nonceOf(second.response.headers.get("content-security-policy"))).not.toBe(nonce);
    expect(first.response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("overwrites a client's own CSP and request path: the nonce and the audited path are the server's", async () => {
    const { response, seen } = await call("/admin/brugere?side=2", {
      "content-security-policy": "script-src 'nonce-Zm9yZ2Vk' 'unsafe-inline'",
      [REQUEST_PATH_HEADER]: "/forged",
    });
    expect(seen[REQUEST_PATH_HEADER]).toBe("/admin/brugere");
    expect(seen["content-security-policy"]).not.toContain("Zm9yZ2Vk");
    expect(seen["content-security-policy"]).toBe(response.headers.get("content-security-policy"));
  });

  it("answers a request target the URL parser refuses instead of throwing", async () => {
    const port = (server.address() as AddressInfo).port;
    const answer = await new Promise<string>((resolve, reject) => {
      let received = "";
      const socket = connect(port, "127.0.0.1", () => socket.write("GET http://[ HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n"));
      socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
      socket.on("end", () => resolve(received));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))[REQUEST_PATH_HEADER]).toBe("http://[");
  });
});
