"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";
import { toastServerError } from "@/lib/client/action-result";

import { settleBoardAction } from "../actions";

export function SettleButton({ id, name, payout }: { id: string; name: string; payout: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={<Button>Settle now</Button>}
      title={`Settle ${name} now?`}
      description={`Final positions are frozen and ${payout} in prizes is paid to the winners' cash balances. This can't be undone.`}
      confirmLabel="Settle and pay"
      cancelLabel="Not yet"
      onConfirm={async () => {
        const res = await settleBoardAction({ id });
        if (toastServerError(res)) return false;
        toast.success(
          res?.data?.finished ? `Settled: ${res.data.paid} prizes paid` : "Settlement started; the worker finishes it",
        );
        router.refresh();
        return true;
      }}
    />
  );
}
