"use client";

import { useState } from "react";

import { FormDialog } from "@/components/form-dialog";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogFooter } from "@/components/ui/dialog";

/**
 * A confirmation for a consequential action: a trigger, a title and description, optional fields
 * (children), and a confirm button that runs `onConfirm`; the dialog closes when it returns true.
 */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  cancelLabel = "Keep it",
  onConfirm,
  children,
}: {
  trigger: React.ReactNode;
  title: React.ReactNode;
  description: React.ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => Promise<boolean>;
  children?: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  return (
    <FormDialog trigger={trigger} title={title} description={description} open={open} onOpenChange={setOpen}>
      {children}
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="outline">{cancelLabel}</Button>
        </DialogClose>
        <Button
          variant="destructive"
          disabled={pending}
          onClick={async () => {
            setPending(true);
            const done = await onConfirm().finally(() => setPending(false));
            if (done) setOpen(false);
          }}
        >
          {confirmLabel}
        </Button>
      </DialogFooter>
    </FormDialog>
  );
}
