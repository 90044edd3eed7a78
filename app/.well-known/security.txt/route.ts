import { env } from "@/lib/env";
import { securityTxt } from "@/lib/security/security-txt";

// Public, like the pages a visitor sees before logging in: no guard. Computed per request so that
// Expires always lies ahead.
export const dynamic = "force-dynamic";

export function GET(request: Request): Response {
  const origin = env.NEXTAUTH_URL ?? new URL(request.url).origin;
  const body = securityTxt({
    contact: env.SECURITY_CONTACT,
    canonicalUrl: new URL("/.well-known/security.txt", origin).toString(),
    now: new Date(),
  });
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" } });
}
