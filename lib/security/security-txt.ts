/**
 * The portal's /.well-known/security.txt (RFC 9116): where to report a vulnerability, in which
 * languages, and until when the file holds. Expires is computed from the request's time, so the
 * file never goes stale; RFC 9116 recommends less than a year ahead. Pure.
 */
export const SECURITY_TXT_VALID_DAYS = 180;

export function securityTxt(options: { contact: string; canonicalUrl: string; now: Date }): string {
  const expires = new Date(options.now.getTime() + SECURITY_TXT_VALID_DAYS * 24 * 60 * 60 * 1000);
  return [
    "# Statens Indkøbsprogram (Statens Indkøb, Økonomistyrelsen): report security vulnerabilities here.",
    `Contact: ${options.contact}`,
    `Expires: ${expires.toISOString()}`,
    "Preferred-Languages: da, en",
    `Canonical: ${options.canonicalUrl}`,
    "",
  ].join("\n");
}
