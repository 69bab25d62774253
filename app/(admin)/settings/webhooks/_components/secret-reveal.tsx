"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";

/** A secret shown this once, with a copy button (the create and rotate dialogs). */
export function SecretReveal({ secret }: { secret: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex items-center gap-2">
      <code data-testid="new-webhook-secret" className="min-w-0 flex-1 overflow-x-auto rounded-md bg-muted px-3 py-2 font-mono text-sm break-all">
        {secret}
      </code>
      <Button
        variant="outline"
        size="icon"
        aria-label="Copy the secret"
        onClick={async () => {
          await navigator.clipboard?.writeText(secret).catch(() => {});
          setCopied(true);
        }}
      >
        {copied ? <Check /> : <Copy />}
      </Button>
    </div>
  );
}
