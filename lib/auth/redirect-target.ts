/**
 * Where to send the browser after log-in or log-out, from a target the client chose (the log-in
 * page's `callbackUrl`, next-auth's callback URL). The target is parsed as a URL against the
 * portal's own origin, the way the browser will read it, and only that origin is accepted: string
 * checks miss forms such as `/\evil.example` or `/<tab>/evil.example`, which browsers read as
 * `//evil.example`, another host.
 */
export function sameOriginPath(target: string | string[] | undefined, origin: string, fallback = "/"): string {
  if (typeof target !== "string" || target === "") return fallback;
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin) return fallback;
  // A path such as `/.//evil.example` normalises to `//evil.example`, which as a relative reference
  // names a host again: keep a single leading slash.
  return `/${url.pathname.replace(/^\/+/, "")}${url.search}${url.hash}`;
}
