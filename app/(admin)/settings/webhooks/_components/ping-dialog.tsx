"use client";

import { Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { FormDialog } from "@/components/form-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";

import { pingWebhookEndpointAction } from "../actions";

type TPingOutcome = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

/** The test button: opening it sends a `ping` at once and shows what the receiver answered. */
export function PingDialog({ id, url }: { id: string; url: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<TPingOutcome | { failed: string } | null>(null);

  const ping = async () => {
    setPending(true);
    setOutcome(null);
    const res = await pingWebhookEndpointAction({ id }).finally(() => setPending(false));
    setOutcome(res?.data ?? { failed: res?.serverError ?? "The ping was not sent; try again." });
    // The ping is in the delivery log, and a success may change the health badge.
    router.refresh();
  };

  return (
    <FormDialog
      trigger={
        <Button variant="outline" size="sm" aria-label={`Ping ${url}`}>
          <Send /> Ping
        </Button>
      }
      title="Ping the endpoint"
      description={<span className="break-all">A signed ping event to {url}.</span>}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void ping();
        else setOutcome(null);
      }}
    >
      <div role="status" aria-live="polite" data-testid="ping-result" className="min-h-12 rounded-md border p-3 text-sm">
        {pending ? <span className="text-muted-foreground">Sending…</span> : outcome && <PingOutcome outcome={outcome} />}
      </div>
      <DialogFooter>
        <Button variant="outline" disabled={pending} onClick={() => void ping()}>
          Send again
        </Button>
        <Button onClick={() => setOpen(false)}>Done</Button>
      </DialogFooter>
    </FormDialog>
  );
}

function PingOutcome({ outcome }: { outcome: TPingOutcome | { failed: string } }) {
  if ("failed" in outcome) return <span className="text-destructive">{outcome.failed}</span>;
  return (
    <div className="grid gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <Badge variant={outcome.ok ? "success" : "destructive"}>{outcome.ok ? "Delivered" : "Failed"}</Badge>
        <span>
          {outcome.statusCode !== null ? `HTTP ${outcome.statusCode}` : "No answer"} in {outcome.durationMs.toLocaleString("en-US")} ms
        </span>
      </div>
      {outcome.error && <p className="break-words text-muted-foreground">{outcome.error}</p>}
    </div>
  );
}
