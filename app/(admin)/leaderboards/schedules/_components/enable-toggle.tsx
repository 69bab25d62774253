"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { toastServerError } from "@/lib/client/action-result";

import { setScheduleEnabledAction } from "../../actions";

export function EnableToggle({ id, enabled, name }: { id: string; enabled: boolean; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      variant={enabled ? "outline" : "default"}
      size="sm"
      disabled={pending}
      aria-label={`${enabled ? "Disable" : "Enable"} ${name}`}
      onClick={() =>
        start(async () => {
          const res = await setScheduleEnabledAction({ id, enabled: !enabled });
          if (toastServerError(res)) return;
          toast.success(
            enabled
              ? `${name} disabled: no more boards will be created`
              : `${name} enabled${res?.data?.boardsCreated ? `; ${res.data.boardsCreated} board(s) created` : ""}`,
          );
          router.refresh();
        })
      }
    >
      {enabled ? "Disable" : "Enable"}
    </Button>
  );
}
