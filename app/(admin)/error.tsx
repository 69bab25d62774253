"use client";

import { useEffect } from "react";

import { Button } from "@/components/ui/button";

// Inside the shell: a page that fails keeps the navigation, so the operator can go elsewhere.
export default function AdminErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="flex min-h-[50dvh] flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="text-2xl font-semibold">This page couldn&apos;t be shown</h1>
      <p className="max-w-md text-muted-foreground">
        Nothing was changed. Try again; if it keeps happening, give this reference to an admin: <code className="font-mono">{error.digest ?? "n/a"}</code>
      </p>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
