import { Link } from "@/components/Link";

type PaginationProps = { page: number; pageCount: number; hrefFor: (page: number) => string };

/** DKFDS pagination: previous, a window of page numbers, next; the current page marked. */
export function Pagination({ page, pageCount, hrefFor }: PaginationProps) {
  if (pageCount <= 1) return null;
  const first = Math.max(1, Math.min(page - 2, pageCount - 4));
  const pages = Array.from({ length: Math.min(5, pageCount) }, (_, index) => first + index);
  return (
    <nav aria-label="Sider" className="mt-6">
      <ul className="flex flex-wrap items-center gap-2">
        {page > 1 ? (
          <li>
            <Link href={hrefFor(page - 1)} rel="prev">
              Forrige<span className="sr-only"> side</span>
            </Link>
          </li>
        ) : null}
        {pages.map((number) => (
          <li key={number}>
            {number === page ? (
              <span aria-current="page" className="inline-block min-w-8 rounded-md bg-primary px-2 py-1 text-center font-semibold text-white">
                <span className="sr-only">Side </span>
                {number}
              </span>
            ) : (
              <Link href={hrefFor(number)} className="inline-block min-w-8 px-2 py-1 text-center">
                <span className="sr-only">Side </span>
                {number}
              </Link>
            )}
          </li>
        ))}
        {page < pageCount ? (
          <li>
            <Link href={hrefFor(page + 1)} rel="next">
              Næste<span className="sr-only"> side</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
