import Link from "next/link";

import { Button } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="max-w-sm text-muted-foreground">The page you asked for doesn&apos;t exist or has moved.</p>
      <Button asChild>
        <Link href="/">Back to the dashboard</Link>
      </Button>
    </main>
  );
}
