import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress, dropUntrustedProxyHeaders, normalizeAddress, requestClientAddress, trustedProxyList } from "@/lib/security/client-address";

const none = trustedProxyList([]);

describe("the client address", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.9", "198.51.100.1", none)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:127.0.0.1", "10.0.0.1, 192.0.2.77", none)).toBe("127.0.0.1");
  });

  it("is the peer when the peer is not a trusted proxy", () => {
    const trusted = trustedProxyList(["10.0.0.5"]);
    expect(clientAddress("203.0.113.9", "192.0.2.77", trusted)).toBe("203.0.113.9");
  });

  it("behind trusted proxies, is the right-most address that is not one of them", () => {
    const trusted = trustedProxyList(["10.0.0.0/8", "2001:db8::/32"]);
    // The client wrote 192.0.2.77 itself; the balancer appended the client's real address.
    expect(clientAddress("10.0.0.5", "192.0.2.77, 203.0.113.9", trusted)).toBe("203.0.113.9");
    // Two proxies in a row: the inner one appended the outer one's address.
    expect(clientAddress("10.0.0.5", "192.0.2.77, 203.0.113.9, 10.1.2.3", trusted)).toBe("203.0.113.9");
    expect(clientAddress("2001:db8::1", ["198.51.100.4", "2001:db8::2"], trusted)).toBe("198.51.100.4");
    expect(clientAddress("10.0.0.5", "[2001:DB8:1::7]", trustedProxyList(["10.0.0.5"]))).toBe("2001:db8:1::7");
  });

  it("from a trusted proxy without the header, is the proxy; a malformed entry stops the walk", () => {
    const trusted = trustedProxyList(["10.0.0.5"]);
    expect(clientAddress("10.0.0.5", undefined, trusted)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", "198.51.100.4, not-an-address", trusted)).toBe("10.0.0.5");
  });

  it("matches IPv4-mapped peers against IPv4 ranges", () => {
    const trusted = trustedProxyList(["127.0.0.1"]);
    expect(clientAddress("::ffff:127.0.0.1", "198.51.100.4", trusted)).toBe("198.51.100.4");
  });

  it("spells every address one way", () => {
    expect(normalizeAddress("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress("[fe80::1%eth0]")).toBe("fe80::1");
    expect(normalizeAddress(" 192.0.2.1 ")).toBe("192.0.2.1");
    expect(normalizeAddress("192.0.2.1:443")).toBeNull();
    expect(normalizeAddress("unknown")).toBeNull();
  });

  it("is read from the server's own header, and is 'unknown' without it", () => {
    expect(requestClientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "192.0.2.1", "x-forwarded-for": "10.9.9.9" }))).toBe("192.0.2.1");
    expect(requestClientAddress(new Headers({ "x-forwarded-for": "10.9.9.9" }))).toBe("unknown");
  });
});

describe("the proxy headers (X-Forwarded-*, Forwarded)", () => {
  const sent = () => ({
    host: "portal.example",
    forwarded: "for=192.0.2.9;host=evil.example",
    "x-forwarded-for": "192.0.2.9",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    "x-forwarded-port": "443",
  });

  it("are removed when the peer is not a trusted proxy, and the rest is kept", () => {
    const headers: Record<string, unknown> = sent();
    dropUntrustedProxyHeaders(headers, "203.0.113.5", none);
    expect(headers).toEqual({ host: "portal.example" });
  });

  it("are kept from a trusted proxy", () => {
    const headers: Record<string, unknown> = sent();
    dropUntrustedProxyHeaders(headers, "::ffff:10.0.4.7", trustedProxyList(["10.0.4.0/24"]));
    expect(headers).toEqual(sent());
  });
});
