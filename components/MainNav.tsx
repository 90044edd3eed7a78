"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "./cx";

export type NavLink = { href: string; label: string };

function currentState(pathname: string, href: string): "page" | "true" | undefined {
  if (pathname === href) return "page";
  if (href !== "/" && pathname.startsWith(`${href}/`)) return "true";
  return undefined;
}

/**
 * The portal's main menu (DKFDS navigation-menu). The current page carries aria-current="page";
 * the section a sub-page belongs to carries aria-current="true". Both are underlined in primary blue.
 */
export function MainNav({ items }: { items: readonly NavLink[] }) {
  const pathname = usePathname() ?? "/";
  if (items.length === 0) return null;
  return (
    <nav aria-label="Hovedmenu" className="border-t border-border-low bg-white">
      <ul className="page-container flex flex-wrap gap-x-2">
        {items.map((item) => {
          const current = currentState(pathname, item.href);
          return (
            <li key={`${item.href}:${item.label}`} className="first:-ml-3">
              <Link
                href={item.href}
                aria-current={current}
                className="group block px-3 pt-4 text-ink no-underline visited:text-ink hover:text-ink"
              >
                <span
                  className={cx(
                    "block border-b-4 pb-3 whitespace-nowrap",
                    current ? "border-primary font-bold" : "border-transparent group-hover:border-primary",
                  )}
                >
                  {item.label}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
