import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * next/link without prefetching. By default every link that scrolls into view makes the browser
 * fetch that page's server render in advance: measured in Chromium (issue 17), one view of a
 * ministry's compliance page sent 39 such requests to the portal and the catalogue 19, each one
 * rendering the layout with the user's session, so a real user's page cost the server many times
 * what the page itself costs. Every page here is rendered per user on demand, so a prefetch saves
 * a click little. Navigation stays client-side; the page is fetched when the link is followed.
 * `prefetch` can still be set where it pays.
 */
export function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
