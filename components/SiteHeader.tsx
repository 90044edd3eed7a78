import { Link } from "@/components/Link";
import { roleLabel } from "@/lib/roles-da";
import type { CurrentUser } from "@/lib/auth/types";
import { buttonClassName } from "./Button";
import { LogoutButton } from "./LogoutButton";
import { MainNav, type NavLink } from "./MainNav";

type SiteHeaderProps = {
  user: CurrentUser | null;
  navigation: readonly NavLink[];
  /** The logged-in user's unread messages (the link to "Beskeder" shows the count). */
  unreadMessages?: number;
};

/**
 * DKFDS header: row 1 portal logo and the logged-in user with "Log ud"; row 2 the solution's name
 * and the responsible authority; row 3 the main menu.
 */
export function SiteHeader({ user, navigation, unreadMessages = 0 }: SiteHeaderProps) {
  const organisation = user?.institutionName ?? user?.ministryName ?? user?.supplierName ?? null;
  return (
    <header className="border-b border-border-high bg-white">
      {/* Row 1: portal */}
      <div className="border-b border-border-low">
        <div className="page-container flex min-h-12 flex-wrap items-center gap-x-6 gap-y-2 py-2">
          <Link
            href="/"
            className="flex items-center gap-2 text-lg leading-6 font-bold text-ink no-underline visited:text-ink hover:text-ink"
          >
            <span aria-hidden="true" className="block h-6 w-1.5 rounded-sm bg-primary" />
            <span>
              Statens Indkøb<span className="sr-only"> – gå til forsiden</span>
            </span>
          </Link>
          <div className="ml-auto flex flex-wrap items-center justify-end gap-x-6 gap-y-2">
            {user ? (
              <>
                <p className="text-right text-xs leading-5">
                  <span className="sr-only">Logget ind som </span>
                  <span className="block font-semibold text-ink">{user.name}</span>
                  <span className="block text-gray-600">
                    {roleLabel(user.role)}
                    {organisation ? `, ${organisation}` : null}
                  </span>
                </p>
                <Link href="/beskeder" className="text-sm font-semibold">
                  Beskeder
                  {unreadMessages > 0 ? (
                    <span className="ml-1 rounded-sm bg-primary px-1.5 py-0.5 text-xs text-white">
                      {unreadMessages}
                      <span className="sr-only"> {unreadMessages === 1 ? "ny" : "nye"}</span>
                    </span>
                  ) : null}
                </Link>
                <Link href="/indstillinger" className="text-sm font-semibold">
                  Indstillinger
                </Link>
                <LogoutButton />
              </>
            ) : (
              <Link href="/log-ind" className={buttonClassName("secondary")}>
                Log ind
              </Link>
            )}
          </div>
        </div>
      </div>

      {/* Row 2: solution */}
      <div className="page-container flex flex-wrap items-center justify-between gap-x-6 gap-y-1 py-[15px]">
        <Link
          href="/"
          className="text-xl leading-6 font-semibold text-ink no-underline visited:text-ink hover:text-ink hover:underline md:text-4xl md:leading-8"
        >
          Statens Indkøbsprogram
        </Link>
        <p className="font-semibold text-gray-600">Statens Indkøb</p>
      </div>

      {/* Row 3: main menu */}
      <MainNav items={navigation} />
    </header>
  );
}
