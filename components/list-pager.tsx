import Link from "next/link";

import { Button } from "@/components/ui/button";

/** Previous/next links for a server-paginated list whose state lives in the URL. */
export function ListPager({
  total,
  page,
  pageSize,
  noun,
  hrefFor,
}: {
  total: number;
  page: number;
  pageSize: number;
  noun: [string, string];
  hrefFor: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
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

/** A URL for `path` with `params` (empty values dropped), for links that keep a list's state. */
export function listHref(path: string, params: Record<string, string | number | undefined | null>) {
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
  query: Record<string, string | number | undefined | null> & { sort: S; dir: "asc" | "desc" };
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
