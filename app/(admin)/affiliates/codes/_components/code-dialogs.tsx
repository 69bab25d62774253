"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Pencil, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";

import { DialogForm, FormDialog } from "@/components/form-dialog";
import { CheckboxField, TextField } from "@/components/form-fields";
import { Button } from "@/components/ui/button";
import { formActionResult, toastServerError } from "@/lib/client/action-result";
import { ZAffiliateCodeInput, ZAffiliateCodeUpdate, type TAffiliateCodeInput } from "@/lib/schemas/affiliates";

import { createAffiliateCodeAction, setStreamerAction, updateAffiliateCodeAction } from "../../actions";

export function NewCodeDialog({ globalRate }: { globalRate: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TAffiliateCodeInput>({
    resolver: zodResolver(ZAffiliateCodeInput),
    defaultValues: { code: "", owner: "", commissionRate: "", allowCommissionBonus: true },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    const data = formActionResult(form, await createAffiliateCodeAction(values), setFormError);
    if (!data) return;
    toast.success(`Code ${data.id} created`);
    setOpen(false);
    form.reset();
    router.refresh();
  });
  return (
    <FormDialog
      trigger={
        <Button>
          <Plus /> New code
        </Button>
      }
      title="New affiliate code"
      description="Players who register with it are referred to its owner for good."
      open={open}
      onOpenChange={setOpen}
    >
      <DialogForm form={form} onSubmit={onSubmit} label="New affiliate code" error={formError} submitLabel="Create code">
        <TextField control={form.control} name="code" label="Code" description="Stored upper-case, e.g. STREAMER123." />
        <TextField control={form.control} name="owner" label="Owner (player id or username)" />
        <TextField control={form.control} name="commissionRate" label="Commission rate" inputMode="decimal" description={`Share of the house edge; empty = the global ${globalRate}.`} />
        <CheckboxField control={form.control} name="allowCommissionBonus" label="Commission on bonus play" description="Untick: bets inside a player's active deposit bonus earn nothing." />
      </DialogForm>
    </FormDialog>
  );
}

type TEdit = { id: string; commissionRate: string; allowCommissionBonus: boolean };

export function EditCodeDialog({ code, globalRate }: { code: TEdit; globalRate: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TEdit>({ resolver: zodResolver(ZAffiliateCodeUpdate), defaultValues: code });
  const onSubmit = form.handleSubmit(async (values) => {
    const data = formActionResult(form, await updateAffiliateCodeAction(values), setFormError);
    if (!data) return;
    toast.success(`${code.id} saved`);
    setOpen(false);
    router.refresh();
  });
  return (
    <FormDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Edit ${code.id}`}>
          <Pencil /> Edit
        </Button>
      }
      title={<>Edit {code.id}</>}
      description="New terms apply to bets from now on; commissions already earned don't change."
      open={open}
      onOpenChange={setOpen}
    >
      <DialogForm form={form} onSubmit={onSubmit} label={`Edit ${code.id}`} error={formError} submitLabel="Save">
        <TextField control={form.control} name="commissionRate" label="Commission rate" inputMode="decimal" description={`Empty = the global ${globalRate}.`} />
        <CheckboxField control={form.control} name="allowCommissionBonus" label="Commission on bonus play" />
      </DialogForm>
    </FormDialog>
  );
}

export function StreamerToggle({ ownerId, owner, isStreamer }: { ownerId: number; owner: string; isStreamer: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  // Shown at once; put back if the server refuses.
  const [checked, setChecked] = useState(isStreamer);
  return (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="checkbox"
        className="size-4 accent-primary"
        checked={checked}
        disabled={pending}
        aria-label={`${owner} is a streamer`}
        onChange={(e) => {
          const next = e.target.checked;
          setChecked(next);
          start(async () => {
            const res = await setStreamerAction({ ownerId, isStreamer: next });
            if (toastServerError(res)) return setChecked(!next);
            toast.success(res?.data?.isStreamer ? `${owner} is now in the streamer report` : `${owner} left the streamer report`);
            router.refresh();
          });
        }}
      />
      Streamer
    </label>
  );
}
