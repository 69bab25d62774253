"use client";

import { RotateCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { toastServerError } from "@/lib/client/action-result";

import { resendWebhookDeliveryAction } from "../actions";

/** Queues a delivery again, due now, with the same webhook-id (the receiver dedupes by it); the worker sends it. */
export function ResendButton({ deliveryId, label }: { deliveryId: string; label: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="outline"
      size="sm"
      aria-label={label}
      disabled={pending}
      onClick={async () => {
        setPending(true);
        const res = await resendWebhookDeliveryAction({ deliveryId }).finally(() => setPending(false));
        if (toastServerError(res)) return;
        toast.success("Queued: it is sent again within seconds, with the same webhook-id");
        router.refresh();
      }}
    >
      <RotateCw /> Resend
    </Button>
  );
}
