import Link from "next/link";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** A list's filters as a GET form (state in the URL), with Apply and Reset. */
export function FilterBar({
  resetHref,
  label = "Filters",
  children,
}: {
  resetHref: string;
  label?: string;
  children: React.ReactNode;
}) {
  return (
    <form method="get" className="mb-4 grid grid-cols-[repeat(2,minmax(0,1fr))] gap-2 sm:flex sm:flex-wrap sm:items-end" aria-label={label}>
      {children}
      <Button type="submit" variant="secondary">
        Apply
      </Button>
      <Button asChild variant="ghost">
        <Link href={resetHref}>Reset</Link>
      </Button>
    </form>
  );
}

/** One labelled control of a filter bar (small label above, for GET forms). */
export function FilterField({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    // min-w-0: a long option (an operator's email) must not widen its column past the screen.
    <div className="grid min-w-0 gap-1">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      {children}
    </div>
  );
}

/** A GET form's values that ride along unseen (the list's sort, the report's range); undefined ones are left out. */
export function HiddenFields({ values }: { values: Record<string, string | undefined> }) {
  return Object.entries(values).map(([k, v]) => v !== undefined && <input key={k} type="hidden" name={k} value={v} />);
}

/** A one-field search (`q`) as a GET form, with `keep` riding along hidden. */
export function SearchForm({
  label,
  placeholder,
  className,
  q,
  keep,
}: {
  label: string;
  placeholder: string;
  className: string;
  q: string | undefined;
  keep: Record<string, string | undefined>;
}) {
  return (
    <form method="get" className="mb-4 flex flex-wrap gap-2" aria-label={label}>
      <Input name="q" defaultValue={q} placeholder={placeholder} className={className} aria-label={label} />
      <HiddenFields values={keep} />
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}
