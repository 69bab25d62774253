"use client";

import { useEffect } from "react";

import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/**
 * What an error boundary shows: the error logged in the browser console, a title, what happened
 * (`lead`), the reference to give an admin (the digest) and a retry. `inShell` (inside the back
 * office's shell, which stays usable around it) announces it as an alert in a shorter block.
 */
export function ErrorView({
  error,
  reset,
  title,
  lead,
  inShell = false,
}: {
  error: Error & { digest?: string };
  reset: () => void;
  title: string;
  lead: string;
  inShell?: boolean;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const Block = inShell ? "div" : "main";
  return (
    <Block
      role={inShell ? "alert" : undefined}
      className={cn("flex flex-col items-center justify-center gap-4 p-6 text-center", inShell ? "min-h-[50dvh]" : "min-h-[60dvh]")}
    >
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="max-w-md text-muted-foreground">
        {lead} Try again; if it keeps happening, give this reference to an admin: <code className="font-mono">{error.digest ?? "n/a"}</code>
      </p>
      <Button onClick={reset}>Try again</Button>
    </Block>
  );
}
