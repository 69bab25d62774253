import Link from "next/link";

import { Button } from "@/components/ui/button";

type TQuery = Record<string, string | number | undefined | null>;

/**
 * Previous/next links for a server-paginated list whose state lives in the URL: each link is `path`
 * with `query` (the list's filters and sort) and the page number.
 */
export function ListPager({
  total,
  page,
  pageSize,
  noun,
  path,
  query = {},
}: {
  total: number;
  page: number;
  pageSize: number;
  noun: [string, string];
  path: string;
  query?: TQuery;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const hrefFor = (p: number) => listHref(path, { ...query, page: p });
  return (
    <nav className="mt-4 flex items-center justify-between text-sm text-muted-foreground" aria-label="Pages">
      <span>
        {total.toLocaleString("en-US")} {total === 1 ? noun[0] : noun[1]} · page {page} of {pages}
      </span>
      <span className="flex gap-2">
        {page > 1 && (
          <Button asChild variant="outline" size="sm">
            <Link href={hrefFor(page - 1)}>Previous</Link>
          </Button>
        )}
        {page < pages && (
          <Button asChild variant="outline" size="sm">
            <Link href={hrefFor(page + 1)}>Next</Link>
          </Button>
        )}
      </span>
    </nav>
  );
}

/** A `?page=` value as a page number: 1 when missing or malformed, at most 100,000. */
export function pageParam(value: string | undefined): number {
  return Math.max(1, Math.min(100_000, Math.floor(Number(value)) || 1));
}

/** A URL for `path` with `params` (empty values dropped), for links that keep a list's state. */
export function listHref(path: string, params: TQuery) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") search.set(k, String(v));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * A column header that sorts a URL-driven list by `column`: descending first, the other way on a
 * second click, back to page 1; the current sort shows an arrow.
 */
export function SortLink<S extends string>({
  path,
  query,
  column,
  label,
}: {
  path: string;
  query: TQuery & { sort: S; dir: "asc" | "desc" };
  column: S;
  label: string;
}) {
  const active = query.sort === column;
  return (
    <Link
      href={listHref(path, { ...query, sort: column, dir: active && query.dir === "desc" ? "asc" : "desc", page: 1 })}
      className="hover:underline"
    >
      {label}
      {active ? (query.dir === "desc" ? " ↓" : " ↑") : ""}
    </Link>
  );
}
