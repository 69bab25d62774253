"use client";

import { useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";

import { FormError } from "@/components/form-fields";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Form } from "@/components/ui/form";

/**
 * The back office's dialog: opened by `trigger`, a title and description over its body. With
 * `scrolls`, a body taller than the screen scrolls inside the dialog (long forms on a phone).
 */
export function FormDialog({
  trigger,
  title,
  description,
  open,
  onOpenChange,
  scrolls = false,
  children,
}: {
  trigger: React.ReactNode;
  title: React.ReactNode;
  description: React.ReactNode;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  scrolls?: boolean;
  children: React.ReactNode;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className={scrolls ? "max-h-[calc(100dvh-2rem)] overflow-y-auto" : undefined}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {children}
      </DialogContent>
    </Dialog>
  );
}

/** A dialog's form: the form-level error (when `error` is given), the fields, the submit button. */
export function DialogForm<T extends FieldValues>({
  form,
  onSubmit,
  label,
  error,
  submitLabel,
  children,
}: {
  form: UseFormReturn<T>;
  onSubmit: React.FormEventHandler<HTMLFormElement>;
  label?: string;
  error?: string | null;
  submitLabel: string;
  children: React.ReactNode;
}) {
  return (
    <Form {...form}>
      <form onSubmit={onSubmit} className="grid gap-4" noValidate aria-label={label}>
        {error !== undefined && <FormError message={error} />}
        {children}
        <DialogFooter>
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {submitLabel}
          </Button>
        </DialogFooter>
      </form>
    </Form>
  );
}

/** The footer of a dialog that has shown its result: one button that closes it. */
export function DialogDone({ onDone }: { onDone: () => void }) {
  return (
    <DialogFooter>
      <Button onClick={onDone}>Done</Button>
    </DialogFooter>
  );
}

/** A dialog's open state whose closing also runs `onClose` (forget the result it showed, reset its form). */
export function useResettingDialog(onClose: () => void) {
  const [open, setOpen] = useState(false);
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) onClose();
  };
  return [open, onOpenChange] as const;
}
