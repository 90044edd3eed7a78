import { BlockList, isIP } from "node:net";

/**
 * The client's address, as the portal's own HTTP server (scripts/portal-server.ts) works it out
 * before Next.js sees the request. Route handlers, proxy.ts and next-auth see only headers, and a
 * client can send any X-Forwarded-For it likes, so the server puts its answer in one header of its
 * own, overwriting whatever the client sent under that name:
 *
 * - the socket's peer address counts, unless that peer is one of TRUSTED_PROXIES;
 * - when it is, X-Forwarded-For is read from the right (the entries the proxies appended), past
 *   every trusted proxy, and the first address that is not one is the client.
 */
export const CLIENT_ADDRESS_HEADER = "x-sip-client-address";

/** What the reader answers when the header is missing (a request that did not come through the portal's server). */
export const UNKNOWN_CLIENT_ADDRESS = "unknown";

/** One spelling per address: without brackets or zone, lower case, IPv4-mapped IPv6 as IPv4. Null when not an address. */
export function normalizeAddress(value: string | undefined): string | null {
  if (!value) return null;
  let address = value.trim().toLowerCase();
  if (address.startsWith("[") && address.endsWith("]")) address = address.slice(1, -1);
  address = address.replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) address = mapped[1]!;
  return isIP(address) ? address : null;
}

/** The configured proxies (addresses and CIDR ranges, already validated by lib/env.ts). */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const normalized = normalizeAddress(address);
    if (!normalized) throw new Error(`TRUSTED_PROXIES: not an address: ${entry}`);
    const type = isIP(normalized) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(normalized, type);
    else list.addSubnet(normalized, Number(prefix), type);
  }
  return list;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  return trusted.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: BlockList): string {
  let client = normalizeAddress(socketAddress);
  if (!client) return UNKNOWN_CLIENT_ADDRESS;
  if (!isTrusted(client, trusted) || !forwardedFor) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",");
  for (let index = hops.length - 1; index >= 0 && isTrusted(client, trusted); index--) {
    const hop = normalizeAddress(hops[index]);
    // Not an address: nothing to the left of it can be trusted either; the last proxy's peer counts.
    if (!hop) break;
    client = hop;
  }
  return client;
}

/**
 * The headers a proxy sets about the original request. Believed only from a trusted proxy: from
 * anyone else they are removed before Next.js sees the request (Next.js then fills in X-Forwarded-*
 * from the connection itself), so no check that reads them (the server actions' and the upload's
 * origin checks compare Origin with X-Forwarded-Host) can be led by what a client sent.
 */
const PROXY_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"] as const;

export function dropUntrustedProxyHeaders(headers: Record<string, unknown>, socketAddress: string | undefined, trusted: BlockList): void {
  const peer = normalizeAddress(socketAddress);
  if (peer && isTrusted(peer, trusted)) return;
  for (const name of PROXY_HEADERS) delete headers[name];
}

/** The client address of a request, as the portal's server set it; every limit that counts by address reads it here. */
export function requestClientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) || UNKNOWN_CLIENT_ADDRESS;
}
