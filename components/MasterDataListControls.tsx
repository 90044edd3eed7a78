import { Link } from "@/components/Link";
import { Button } from "./Button";
import { TextInput } from "./TextInput";

/** The search field above an administration list: a plain GET form, so the query lives in the URL. */
export function MasterDataSearch({
  action,
  q,
  label,
  hint,
  hidden = {},
}: {
  action: string;
  q: string;
  label: string;
  hint?: string;
  hidden?: Record<string, string>;
}) {
  return (
    <form action={action} method="get" role="search" className="mb-6 flex flex-wrap items-end gap-3">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <TextInput id="q" name="q" type="search" label={label} hint={hint} defaultValue={q} />
      <Button type="submit" variant="secondary">
        Søg
      </Button>
      {q ? <Link href={{ pathname: action, query: hidden }}>Nulstil</Link> : null}
    </form>
  );
}

/** Previous/next links with the page count (DKFDS pagination, simplified). */
export function MasterDataPager({
  path,
  page,
  pages,
  total,
  query,
}: {
  path: string;
  page: number;
  pages: number;
  total: number;
  query: Record<string, string>;
}) {
  if (pages <= 1) return <p className="mt-4 text-ink-light">{total.toLocaleString("da-DK")} i alt.</p>;
  const href = (target: number) => ({ pathname: path, query: { ...query, side: String(target) } });
  return (
    <nav aria-label="Sider" className="mt-4 flex flex-wrap items-center gap-4">
      {page > 1 ? <Link href={href(page - 1)}>Forrige side</Link> : null}
      <span>
        Side {page} af {pages} ({total.toLocaleString("da-DK")} i alt)
      </span>
      {page < pages ? <Link href={href(page + 1)}>Næste side</Link> : null}
    </nav>
  );
}

/** Reads a search text and a page number from the URL; anything malformed gives the defaults. */
export function listParams(searchParams: Record<string, string | string[] | undefined>): { q: string; page: number } {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";
  const q = first(searchParams.q).trim().slice(0, 100);
  const side = first(searchParams.side);
  const page = /^[1-9]\d{0,5}$/.test(side) ? Number(side) : 1;
  return { q, page };
}
