import { Construction } from "lucide-react";

import { Card, CardContent } from "@/components/ui/card";

/** A plain notice for an area whose page is not built yet, naming the issue that will build it. */
export function NotBuiltYet({ area, issue }: { area: string; issue: number }) {
  return (
    <Card className="border-dashed">
      <CardContent className="flex flex-col items-center gap-3 py-10 text-center">
        <Construction className="size-8 text-muted-foreground" />
        <p className="font-medium">{area} is not built yet</p>
        <p className="max-w-md text-sm text-muted-foreground">
          This page is planned and tracked in issue #{issue}. Nothing here is hidden from you: there is simply
          nothing to show yet.
        </p>
      </CardContent>
    </Card>
  );
}
