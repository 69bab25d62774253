import { Download, Plus, type LucideIcon } from "lucide-react";
import Link from "next/link";

import { EmptyState } from "@/components/empty-state";
import { FilterBar } from "@/components/filter-bar";
import { ListPager } from "@/components/list-pager";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";

/** The header's "New …" link to a create page. */
function NewButton({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Button asChild>
      <Link href={href}>
        <Plus /> {children}
      </Link>
    </Button>
  );
}

/** The header's CSV download of what the list shows. */
export function ExportButton({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Button asChild variant="outline">
      <a href={href} download>
        <Download /> {children}
      </a>
    </Button>
  );
}

/**
 * A back-office list page: the header (with `create`, a "New …" button to `path`/new); the URL's
 * filters, a GET form whose Reset goes to `path` (the `search` box for `?q=` first, then `filters`);
 * what sits above the table (`before`); the table in a card, or `empty` instead when given (or
 * `emptyList`: the empty state titled by the pager's noun, "No … matches these filters" when
 * `filtered`, else "No … yet"); the pager, whose links are `path` with the list's query and a page
 * number; then `after`.
 */
export function ListPage({
  title,
  description,
  actions,
  create,
  path,
  search,
  filters,
  filterLabel,
  before,
  empty,
  emptyList,
  pager,
  after,
  children,
}: {
  title: string;
  description?: string;
  actions?: React.ReactNode;
  create?: string | false;
  path: string;
  search?: { value: string | undefined; placeholder: string };
  filters?: React.ReactNode;
  filterLabel?: string;
  before?: React.ReactNode;
  empty?: React.ReactNode;
  emptyList?: false | { icon: LucideIcon; filtered: boolean; hint?: string };
  pager?: Omit<React.ComponentProps<typeof ListPager>, "path">;
  after?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={
          (actions || create) && (
            <>
              {actions}
              {create && <NewButton href={`${path}/new`}>{create}</NewButton>}
            </>
          )
        }
      />
      {(search || filters) && (
        <FilterBar resetHref={path} label={filterLabel}>
          {search && (
            <Input
              name="q"
              defaultValue={search.value}
              placeholder={search.placeholder}
              className="col-span-2 sm:w-56"
            />
          )}
          {filters}
        </FilterBar>
      )}
      {before}
      {empty ||
        (emptyList && pager && <EmptyState icon={emptyList.icon} title={emptyListTitle(pager.noun, emptyList.filtered)} hint={emptyList.hint} />) || (
          <Card className="py-0">{children}</Card>
        )}
      {pager && <ListPager path={path} {...pager} />}
      {after}
    </>
  );
}

/** An empty list's title: nothing matches the filters, or there is nothing yet. */
export function emptyListTitle(noun: [string, string], filtered: boolean) {
  return filtered ? `No ${noun[0]} matches these filters` : `No ${noun[1]} yet`;
}
