"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Pencil, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type Control } from "react-hook-form";
import { toast } from "sonner";

import { DialogDone, DialogForm, FormDialog } from "@/components/form-dialog";
import { CheckboxField, TextField } from "@/components/form-fields";
import { Button } from "@/components/ui/button";
import { FormField, FormItem, FormMessage } from "@/components/ui/form";
import { formActionResult } from "@/lib/client/action-result";
import {
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENT_TYPES,
  ZWebhookEndpointForm,
  type TWebhookEndpointForm,
  type TWebhookEventType,
} from "@/lib/schemas/webhooks";

import { createWebhookEndpointAction, updateWebhookEndpointAction } from "../actions";
import { SecretReveal } from "./secret-reveal";

const NEW_ENDPOINT: TWebhookEndpointForm = { url: "", description: "", eventTypes: [...WEBHOOK_EVENT_TYPES], enabled: true };

/**
 * Create (no `endpoint`) or edit an endpoint. Creating ends on its secret, shown this once; editing
 * closes. The URL's address is checked on the server (a refused one comes back beside the URL).
 */
export function EndpointDialog({ endpoint }: { endpoint?: TWebhookEndpointForm & { id: string } }) {
  const router = useRouter();
  const editing = endpoint !== undefined;
  const initial: TWebhookEndpointForm = endpoint
    ? { url: endpoint.url, description: endpoint.description, eventTypes: endpoint.eventTypes, enabled: endpoint.enabled }
    : NEW_ENDPOINT;
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  // Checked on submit, then as fields change: a message appearing on blur would move the checkboxes
  // under the pointer between press and release, and the click would miss.
  const form = useForm<TWebhookEndpointForm>({ resolver: zodResolver(ZWebhookEndpointForm), defaultValues: initial, reValidateMode: "onChange" });
  const onOpenChange = (next: boolean) => {
    if (next) {
      form.reset(initial);
      setFormError(null);
      setSecret(null);
    }
    setOpen(next);
    // Closing the secret's view: the list now shows the new endpoint.
    if (!next && secret) router.refresh();
  };
  const onSubmit = form.handleSubmit(async (values) => {
    if (editing) {
      const data = formActionResult(form, await updateWebhookEndpointAction({ ...values, id: endpoint.id }), setFormError);
      if (!data) return;
      toast.success("Endpoint saved");
      setOpen(false);
      router.refresh();
      return;
    }
    const data = formActionResult(form, await createWebhookEndpointAction(values), setFormError);
    if (!data) return;
    setSecret(data.secret);
  });

  const title = secret ? "Copy the signing secret now" : editing ? "Edit endpoint" : "New webhook endpoint";
  return (
    <FormDialog
      trigger={
        editing ? (
          <Button variant="ghost" size="sm" aria-label={`Edit ${endpoint.url}`}>
            <Pencil /> Edit
          </Button>
        ) : (
          <Button>
            <Plus /> New endpoint
          </Button>
        )
      }
      title={title}
      description={
        secret
          ? "This is the only time the secret is shown. The receiver verifies each delivery's webhook-signature with it (Standard Webhooks)."
          : "Rollover POSTs each subscribed event to this URL, signed with the endpoint's secret."
      }
      open={open}
      onOpenChange={onOpenChange}
      scrolls
    >
      {secret ? (
        <>
          <SecretReveal secret={secret} />
          <DialogDone onDone={() => onOpenChange(false)} />
        </>
      ) : (
        <DialogForm form={form} onSubmit={onSubmit} label={title} error={formError} submitLabel={editing ? "Save endpoint" : "Create endpoint"}>
          <TextField
            control={form.control}
            name="url"
            label="URL"
            placeholder="https://crm.example.com/rollover"
            description="https://, to a public address. No credentials in it: the signature authenticates Rollover."
            autoFocus
          />
          <TextField control={form.control} name="description" label="Description" placeholder="e.g. Fast Track (production)" />
          <EventTypesField control={form.control} />
          <CheckboxField control={form.control} name="enabled" label="Enabled" description="A disabled endpoint is sent nothing." />
        </DialogForm>
      )}
    </FormDialog>
  );
}

/** The subscribed event types: one checkbox each, with what the event means. */
function EventTypesField({ control }: { control: Control<TWebhookEndpointForm> }) {
  return (
    <FormField
      control={control}
      name="eventTypes"
      render={({ field }) => {
        const chosen = new Set<TWebhookEventType>(field.value);
        const toggle = (type: TWebhookEventType, on: boolean) => {
          const next = new Set(chosen);
          if (on) next.add(type);
          else next.delete(type);
          // In the vocabulary's order, whatever order they were ticked in.
          field.onChange(WEBHOOK_EVENT_TYPES.filter((t) => next.has(t)));
        };
        return (
          <FormItem>
            <fieldset className="grid gap-2">
              <legend className="mb-2 text-sm leading-none font-medium">Event types</legend>
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <label key={type} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="eventTypes"
                    value={type}
                    className="mt-0.5 size-4 shrink-0 accent-primary"
                    checked={chosen.has(type)}
                    onChange={(e) => toggle(type, e.target.checked)}
                    onBlur={field.onBlur}
                  />
                  <span className="min-w-0">
                    <span className="font-mono text-xs">{type}</span>
                    <span className="block text-muted-foreground">{WEBHOOK_EVENT_LABELS[type]}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <FormMessage />
          </FormItem>
        );
      }}
    />
  );
}
