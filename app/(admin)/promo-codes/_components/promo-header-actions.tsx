"use client";

import { Copy } from "lucide-react";
import Link from "next/link";
import { toast } from "sonner";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";
import { toastServerError } from "@/lib/client/action-result";

import { deactivatePromoCodeAction } from "../actions";

export function PromoHeaderActions({ id, code, isActive }: { id: string; code: string; isActive: boolean }) {
  return (
    <>
      <Button asChild variant="outline">
        <Link href={`/promo-codes/new?clone=${id}`}>
          <Copy /> Clone
        </Link>
      </Button>
      {isActive && (
        <ConfirmDialog
          trigger={<Button variant="destructive">Deactivate</Button>}
          title={`Deactivate ${code}?`}
          description="No one can claim it any more and the code is free for a new promo. Claims not yet activated by a deposit are cancelled; active bonuses run on until they complete or expire."
          confirmLabel="Deactivate"
          cancelLabel="Keep it active"
          onConfirm={async () => {
            const res = await deactivatePromoCodeAction({ id });
            if (toastServerError(res)) return false;
            toast.success(`${code} deactivated${res?.data?.cancelledClaims ? `; ${res.data.cancelledClaims} unused claims cancelled` : ""}`);
            return true;
          }}
        />
      )}
    </>
  );
}
