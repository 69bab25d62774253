import Link from "next/link";

import { FilterField } from "@/components/filter-bar";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** A GET form for a report's date range (whole days, both ends included); other params ride along hidden. */
export function DateRangeForm({
  from,
  to,
  keep = {},
  resetHref,
  children,
}: {
  from: string;
  to: string;
  keep?: Record<string, string | undefined>;
  resetHref: string;
  children?: React.ReactNode;
}) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Date range">
      <FilterField id="range-from" label="From">
        <Input id="range-from" type="date" name="from" defaultValue={from} className="w-40" />
      </FilterField>
      <FilterField id="range-to" label="To">
        <Input id="range-to" type="date" name="to" defaultValue={to} className="w-40" />
      </FilterField>
      {children}
      {Object.entries(keep).map(([k, v]) => v !== undefined && <input key={k} type="hidden" name={k} value={v} />)}
      <Button type="submit" variant="secondary">
        Apply
      </Button>
      <Button asChild variant="ghost">
        <Link href={resetHref}>Last 30 days</Link>
      </Button>
    </form>
  );
}
