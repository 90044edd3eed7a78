import { Link } from "@/components/Link";
import { cx } from "@/components/cx";

export type ComplianceNavItem = { href: string; label: string; current?: boolean };

/** The compliance pages' own links (under the page heading). */
export function ComplianceNav({ items }: { items: readonly ComplianceNavItem[] }) {
  return (
    <nav aria-label="Compliance" className="mb-8 print:hidden">
      <ul className="flex flex-wrap gap-x-6 gap-y-2 border-b border-border-low pb-3">
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={item.current ? "page" : undefined} className={cx(item.current && "font-semibold text-ink no-underline")}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
