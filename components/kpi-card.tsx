import Link from "next/link";

import { Card, CardContent } from "@/components/ui/card";

/** A headline figure; with `href`, the figure links to the list it comes from; `children` go under the hint (a small bar). */
export function KpiCard({
  label,
  value,
  hint,
  href,
  testId,
  children,
}: {
  label: string;
  value: string;
  hint?: string;
  href?: string;
  testId?: string;
  children?: React.ReactNode;
}) {
  const body = (
    <Card className="h-full gap-1 py-4 transition-colors hover:bg-accent/40">
      <CardContent className="grid gap-1 px-4">
        <span className="text-xs font-medium text-muted-foreground">{label}</span>
        <span className="text-xl font-semibold break-all tabular-nums xl:text-2xl" data-testid={testId}>
          {value}
        </span>
        {hint && <span className="text-xs text-muted-foreground">{hint}</span>}
        {children}
      </CardContent>
    </Card>
  );
  return href ? (
    <Link href={href} className="block rounded-xl focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none">
      {body}
    </Link>
  ) : (
    body
  );
}
