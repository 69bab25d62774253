import type { LucideIcon } from "lucide-react";

import { Card, CardContent } from "@/components/ui/card";

/** What a list shows when nothing matches: what is missing and what to do about it. */
export function EmptyState({
  icon: Icon,
  title,
  hint,
  children,
}: {
  icon: LucideIcon;
  title: string;
  hint?: string;
  children?: React.ReactNode;
}) {
  return (
    <Card className="border-dashed">
      <CardContent className="flex flex-col items-center gap-2 py-10 text-center">
        <Icon className="size-8 text-muted-foreground" />
        <p className="font-medium">{title}</p>
        {hint && <p className="text-sm text-muted-foreground">{hint}</p>}
        {children}
      </CardContent>
    </Card>
  );
}
