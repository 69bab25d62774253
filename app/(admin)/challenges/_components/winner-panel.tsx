"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { fieldError, toastServerError } from "@/lib/client/action-result";

import { confirmWinnerAction, rejectWinnerAction } from "../actions";

/** Confirm (reward credited once) or reject with a reason (the next earliest qualifying bet wins). */
export function WinnerDecision({ id, username, reward }: { id: string; username: string; reward: string }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap gap-2">
      <ConfirmDialog
        trigger={<Button>Confirm winner</Button>}
        title={`Confirm ${username} as the winner?`}
        description={`${reward} is credited to their cash balance now. This can't be undone.`}
        confirmLabel="Confirm and pay"
        cancelLabel="Not yet"
        onConfirm={async () => {
          const res = await confirmWinnerAction({ id });
          if (toastServerError(res)) return false;
          toast.success(`${username} confirmed; reward credited`);
          router.refresh();
          return true;
        }}
      />
      <ConfirmDialog
        trigger={<Button variant="outline">Reject…</Button>}
        title={`Reject ${username}?`}
        description="They can't win this challenge any more. The earliest other qualifying bet already received wins at once; if there is none, the challenge is open again."
        confirmLabel="Reject"
        cancelLabel="Keep"
        onConfirm={async () => {
          const res = await rejectWinnerAction({ id, reason });
          const reasonMessage = fieldError(res, "reason");
          if (reasonMessage) {
            setReasonError(reasonMessage);
            return false;
          }
          if (toastServerError(res)) return false;
          toast.success(
            res?.data?.winnerId ? "Rejected; the next qualifying bet wins" : "Rejected; the challenge is open again",
          );
          setReason("");
          setReasonError(null);
          router.refresh();
          return true;
        }}
      >
        <div className="grid gap-2">
          <Label htmlFor="reject-reason">Reason (kept in the record)</Label>
          <Textarea
            id="reject-reason"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={!!reasonError}
          />
          {reasonError && <p className="text-sm text-destructive">{reasonError}</p>}
        </div>
      </ConfirmDialog>
    </div>
  );
}
