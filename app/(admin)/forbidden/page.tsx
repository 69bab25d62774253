import { ShieldX } from "lucide-react";
import Link from "next/link";

import { Button } from "@/components/ui/button";
import { requireOperator } from "@/lib/server/auth/guards";

export default async function ForbiddenPage() {
  await requireOperator();
  return (
    <div className="flex flex-col items-center gap-4 py-16 text-center">
      <ShieldX className="size-10 text-muted-foreground" />
      <h1 className="text-2xl font-semibold">No access</h1>
      <p className="max-w-sm text-muted-foreground">Your role can&apos;t open that page. Ask an admin if you need it.</p>
      <Button asChild variant="outline">
        <Link href="/">Back to the dashboard</Link>
      </Button>
    </div>
  );
}
