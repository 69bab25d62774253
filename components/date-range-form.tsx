import Link from "next/link";

import { FilterField, HiddenFields } from "@/components/filter-bar";
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
      <DateRangeFields idPrefix="range" from={from} to={to} />
      {children}
      <HiddenFields values={keep} />
      <Button type="submit" variant="secondary">
        Apply
      </Button>
      <Button asChild variant="ghost">
        <Link href={resetHref}>Last 30 days</Link>
      </Button>
    </form>
  );
}

/** A date range's From and To inputs (`from`, `to` in the URL), for a GET form of filters. */
export function DateRangeFields({
  idPrefix,
  from,
  to,
  labelSuffix = "",
}: {
  idPrefix: string;
  from: string | undefined;
  to: string | undefined;
  labelSuffix?: string;
}) {
  return (
    <>
      <FilterField id={`${idPrefix}-from`} label={`From${labelSuffix}`}>
        <Input id={`${idPrefix}-from`} type="date" name="from" defaultValue={from} className="w-40" />
      </FilterField>
      <FilterField id={`${idPrefix}-to`} label={`To${labelSuffix}`}>
        <Input id={`${idPrefix}-to`} type="date" name="to" defaultValue={to} className="w-40" />
      </FilterField>
    </>
  );
}
