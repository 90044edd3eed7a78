import type { MetadataRoute } from "next";

/**
 * Search engines may index the public pages (front page, rules, published lists, group buyers,
 * accessibility statement); everything behind the log-in, the log-in itself and the APIs stay out.
 * tests/e2e/public-files.spec.ts checks that every logged-in route of the authorization matrix is
 * disallowed here.
 */
const LOGGED_IN_AREAS = [
  "/admin",
  "/afstemning",
  "/aftaler",
  "/api",
  "/beskeder",
  "/compliance",
  "/indkoebsbehov",
  "/indkoebsdata",
  "/indstillinger",
  "/institution", // also /institutioner
  "/log-ind",
  "/ministerier",
  "/omsaetning",
  "/tilmeldinger",
];

export default function robots(): MetadataRoute.Robots {
  return { rules: { userAgent: "*", allow: "/", disallow: LOGGED_IN_AREAS } };
}
