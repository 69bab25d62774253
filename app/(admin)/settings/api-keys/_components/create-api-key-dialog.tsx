"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Check, Copy, Plus } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";

import { DialogDone, DialogForm, FormDialog, useResettingDialog } from "@/components/form-dialog";
import { TextField } from "@/components/form-fields";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/lib/client/form-errors";
import { ZApiKeyInput, type TApiKeyInput } from "@/lib/schemas/api-keys";

import { createApiKeyAction } from "../actions";

export function CreateApiKeyDialog() {
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const form = useForm<TApiKeyInput>({ resolver: zodResolver(ZApiKeyInput), defaultValues: { name: "" } });
  const [open, onOpenChange] = useResettingDialog(() => {
    setCreated(null);
    setCopied(false);
    form.reset();
  });

  const onSubmit = form.handleSubmit(async (values) => {
    const res = await createApiKeyAction(values);
    if (res?.validationErrors) return void applyFieldErrors(form, res.validationErrors);
    if (res?.serverError || !res?.data) return void toast.error(res?.serverError ?? "The key was not created.");
    setCreated(res.data);
    toast.success(`Key "${res.data.name}" created`);
  });

  return (
    <FormDialog
      trigger={
        <Button>
          <Plus /> New API key
        </Button>
      }
      title={created ? "Copy the key now" : "New API key"}
      description={
        created ? (
          <>This is the only time &ldquo;{created.name}&rdquo; is shown. Rollover keeps only a hash of it.</>
        ) : (
          <>Name it after the system that will use it, e.g. &ldquo;game engine (prod)&rdquo;.</>
        )
      }
      open={open}
      onOpenChange={onOpenChange}
    >
      {created ? (
        <>
          <div className="flex items-center gap-2">
            <code data-testid="new-api-key" className="min-w-0 flex-1 overflow-x-auto rounded-md bg-muted px-3 py-2 font-mono text-sm">
              {created.key}
            </code>
            <Button
              variant="outline"
              size="icon"
              aria-label="Copy the key"
              onClick={async () => {
                await navigator.clipboard?.writeText(created.key).catch(() => {});
                setCopied(true);
              }}
            >
              {copied ? <Check /> : <Copy />}
            </Button>
          </div>
          <DialogDone onDone={() => onOpenChange(false)} />
        </>
      ) : (
        <DialogForm form={form} onSubmit={onSubmit} submitLabel="Create key">
          <TextField control={form.control} name="name" label="Name" autoFocus />
        </DialogForm>
      )}
    </FormDialog>
  );
}
