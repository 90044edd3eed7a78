"use client";

import { Link } from "@/components/Link";
import { usePathname } from "next/navigation";
import { useRef, useState, type KeyboardEvent } from "react";
import { cx } from "./cx";
import { Icon } from "./Icon";

export type NavLink = { href: string; label: string };

function currentState(pathname: string, href: string): "page" | "true" | undefined {
  if (pathname === href) return "page";
  if (href !== "/" && pathname.startsWith(`${href}/`)) return "true";
  return undefined;
}

const LIST_ID = "hovedmenu";

/**
 * The portal's main menu (DKFDS navigation-menu). The current page carries aria-current="page";
 * the section a sub-page belongs to carries aria-current="true". Both are underlined in primary blue.
 * Below the md breakpoint the links sit behind a "Menu" button (DKFDS's mobile header): it says
 * whether the menu is open (aria-expanded), Escape closes it and gives the focus back, and the
 * menu closes when another page opens.
 */
export function MainNav({ items }: { items: readonly NavLink[] }) {
  const pathname = usePathname() ?? "/";
  // Open for the page it was opened on: following a link closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);
  if (items.length === 0) return null;
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === "Escape" && open) {
      setOpenOn(null);
      button.current?.focus();
    }
  };
  return (
    <nav aria-label="Hovedmenu" className="border-t border-border-low bg-white" onKeyDown={onKeyDown}>
      <div className="page-container md:hidden">
        <button
          ref={button}
          type="button"
          aria-expanded={open}
          aria-controls={LIST_ID}
          onClick={() => setOpenOn(open ? null : pathname)}
          className="-ml-2 flex min-h-11 items-center gap-2 px-2 font-semibold text-primary hover:underline"
        >
          <Icon name={open ? "close" : "menu"} />
          Menu
        </button>
      </div>
      <ul id={LIST_ID} className={cx("page-container md:flex md:flex-row md:flex-wrap md:gap-x-2", open ? "flex flex-col pb-3" : "hidden")}>
        {items.map((item) => {
          const current = currentState(pathname, item.href);
          return (
            <li key={`${item.href}:${item.label}`} className="-ml-3 md:ml-0 md:first:-ml-3">
              <Link
                href={item.href}
                aria-current={current}
                className="group block px-3 pt-3 text-ink no-underline visited:text-ink hover:text-ink md:pt-4"
              >
                <span
                  className={cx(
                    "inline-block border-b-4 pb-2 whitespace-nowrap md:block md:pb-3",
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
