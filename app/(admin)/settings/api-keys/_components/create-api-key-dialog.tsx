"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Check, Copy, Plus } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";

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
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { applyFieldErrors } from "@/lib/client/form-errors";
import { ZApiKeyInput, type TApiKeyInput } from "@/lib/schemas/api-keys";

import { createApiKeyAction } from "../actions";

export function CreateApiKeyDialog() {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const form = useForm<TApiKeyInput>({ resolver: zodResolver(ZApiKeyInput), defaultValues: { name: "" } });

  const onSubmit = form.handleSubmit(async (values) => {
    const res = await createApiKeyAction(values);
    if (res?.validationErrors) return void applyFieldErrors(form, res.validationErrors);
    if (res?.serverError || !res?.data) return void toast.error(res?.serverError ?? "The key was not created.");
    setCreated(res.data);
    toast.success(`Key "${res.data.name}" created`);
  });

  const close = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setCreated(null);
      setCopied(false);
      form.reset();
    }
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogTrigger asChild>
        <Button>
          <Plus /> New API key
        </Button>
      </DialogTrigger>
      <DialogContent>
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>Copy the key now</DialogTitle>
              <DialogDescription>
                This is the only time &ldquo;{created.name}&rdquo; is shown. Rollover keeps only a hash of it.
              </DialogDescription>
            </DialogHeader>
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
            <DialogFooter>
              <Button onClick={() => close(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <Form {...form}>
            <form onSubmit={onSubmit} className="grid gap-4" noValidate>
              <DialogHeader>
                <DialogTitle>New API key</DialogTitle>
                <DialogDescription>Name it after the system that will use it, e.g. &ldquo;game engine (prod)&rdquo;.</DialogDescription>
              </DialogHeader>
              <FormField
                control={form.control}
                name="name"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Name</FormLabel>
                    <FormControl>
                      <Input autoFocus {...field} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <DialogFooter>
                <Button type="submit" disabled={form.formState.isSubmitting}>
                  Create key
                </Button>
              </DialogFooter>
            </form>
          </Form>
        )}
      </DialogContent>
    </Dialog>
  );
}
