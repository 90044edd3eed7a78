import { describe, expect, it } from "vitest";
import { readBodyText } from "@/lib/security/request-body";

/** A body sent in chunks without a Content-Length, as a chunked request arrives. */
function chunkedRequest(chunks: number, chunkBytes: number): { request: Request; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
  });
  return { request: new Request("http://portal.test/api/kaskade", { method: "POST", body, duplex: "half" } as RequestInit), pulled: () => pulled };
}

describe("reading a route handler's body", () => {
  it("returns the text of a body within the limit", async () => {
    const request = new Request("http://portal.test/api/kaskade", { method: "POST", body: '{"category":"1920"}' });
    expect(await readBodyText(request, 1024)).toBe('{"category":"1920"}');
  });

  it("refuses a declared length over the limit without reading", async () => {
    const request = new Request("http://portal.test/api/kaskade", { method: "POST", body: "x", headers: { "content-length": "999999" } });
    expect(await readBodyText(request, 1024)).toBeNull();
  });

  it("stops reading a chunked body as soon as it passes the limit", async () => {
    const { request, pulled } = chunkedRequest(1000, 1024);
    expect(await readBodyText(request, 64 * 1024)).toBeNull();
    expect(pulled()).toBeLessThan(70);
  });
});
