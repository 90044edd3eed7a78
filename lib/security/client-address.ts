/**
 * The client's address, the key of the per-address limits. For now today's behaviour: the first
 * X-Forwarded-For entry as sent, else "local". The auth branch (issue 16 item 4) replaces this module
 * with one that trusts the header only from TRUSTED_PROXIES; keep this one export's signature.
 */
export function requestClientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "local";
}
