"use client";

import { Copy } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";

import { deactivatePromoCodeAction } from "../actions";

export function PromoHeaderActions({ id, code, isActive }: { id: string; code: string; isActive: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button asChild variant="outline">
        <Link href={`/promo-codes/new?clone=${id}`}>
          <Copy /> Clone
        </Link>
      </Button>
      {isActive && (
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogTrigger asChild>
            <Button variant="destructive">Deactivate</Button>
          </DialogTrigger>
          <DialogContent>
            <DialogHeader>
              <DialogTitle>Deactivate {code}?</DialogTitle>
              <DialogDescription>
                No one can claim it any more and the code is free for a new promo. Claims not yet activated by a deposit are
                cancelled; active bonuses run on until they complete or expire.
              </DialogDescription>
            </DialogHeader>
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="outline">Keep it active</Button>
              </DialogClose>
              <Button
                variant="destructive"
                onClick={async () => {
                  const res = await deactivatePromoCodeAction({ id });
                  if (res?.serverError) return void toast.error(res.serverError);
                  toast.success(`${code} deactivated${res?.data?.cancelledClaims ? `; ${res.data.cancelledClaims} unused claims cancelled` : ""}`);
                  setOpen(false);
                }}
              >
                Deactivate
              </Button>
            </DialogFooter>
          </DialogContent>
        </Dialog>
      )}
    </>
  );
}
