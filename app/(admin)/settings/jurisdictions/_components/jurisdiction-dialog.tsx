"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { DialogForm, FormDialog } from "@/components/form-dialog";
import { CheckboxField, SelectField, TextField } from "@/components/form-fields";
import { Button } from "@/components/ui/button";
import { formActionResult, toastServerError } from "@/lib/client/action-result";
import {
  BONUSES_ALLOWED_CHOICES,
  EMPTY_JURISDICTION,
  ZJurisdictionInput,
  type TJurisdictionInput,
} from "@/lib/schemas/jurisdictions";
import { jurisdictionName } from "@/lib/schemas/targeting";

import { createJurisdictionAction, deleteJurisdictionAction, updateJurisdictionAction } from "../actions";

const APPLIES = "Applies from the next claim; claims already made keep their terms.";

/**
 * Create (no `initial`) or edit one jurisdiction's rules. The form starts from the row as the page
 * shows it each time the dialog opens; an empty field is no rule.
 */
export function JurisdictionDialog({ initial }: { initial?: TJurisdictionInput }) {
  const router = useRouter();
  const editing = initial !== undefined;
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TJurisdictionInput>({ resolver: zodResolver(ZJurisdictionInput), defaultValues: initial ?? EMPTY_JURISDICTION, mode: "onTouched" });
  const onOpenChange = (next: boolean) => {
    if (next) {
      form.reset(initial ?? EMPTY_JURISDICTION);
      setFormError(null);
    }
    setOpen(next);
  };
  const onSubmit = form.handleSubmit(async (values) => {
    const res = editing ? await updateJurisdictionAction(values) : await createJurisdictionAction(values);
    const data = formActionResult(form, res, setFormError);
    if (!data) return;
    toast.success(`${data.id} ${editing ? "saved" : "created"}`);
    setOpen(false);
    router.refresh();
  });
  const title = editing ? `Edit ${initial.code} — ${jurisdictionName(initial.code)}` : "New jurisdiction";
  return (
    <FormDialog
      trigger={
        editing ? (
          <Button variant="ghost" size="sm" aria-label={`Edit ${initial.code}`}>
            <Pencil /> Edit
          </Button>
        ) : (
          <Button>
            <Plus /> New jurisdiction
          </Button>
        )
      }
      title={title}
      description={`Empty = no rule. ${APPLIES}`}
      open={open}
      onOpenChange={onOpenChange}
    >
      <DialogForm form={form} onSubmit={onSubmit} label={title} error={formError} submitLabel={editing ? "Save rules" : "Create jurisdiction"}>
        {!editing && (
          <TextField control={form.control} name="code" label="Code" placeholder="GB" description="ISO 3166-1 alpha-2 in upper case, or with a region: CA-ON." autoFocus />
        )}
        <SelectField control={form.control} name="bonusesAllowed" label="Bonuses" options={BONUSES_ALLOWED_CHOICES} />
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <TextField control={form.control} name="maxWagerMultiplier" label="Max wagering (× the bonus)" inputMode="decimal" placeholder="No rule" description="Deposit bonuses: wagering on the bonus only." />
          <TextField control={form.control} name="maxBonusUsdAmount" label="Max bonus (USD)" inputMode="decimal" placeholder="No rule" description="A deposit bonus's cap, or an instant credit." />
        </div>
        <TextField control={form.control} name="minDaysToComplete" label="Min. days to complete" inputMode="numeric" placeholder="No rule" description="Deposit bonuses: whole days to meet wagering." />
        <CheckboxField control={form.control} name="firstBonusOnly" label="First bonus only" description="Only a player who has never had a bonus." />
      </DialogForm>
    </FormDialog>
  );
}

/** What deleting a row does: a region falls back to its country's row (the claim's lookup), a country to no rule. */
const deletedMeans = (code: string) =>
  code.includes("-")
    ? `From the next claim on, players in ${code} follow ${code.split("-")[0]}'s rules, if it has any.`
    : `From the next claim on, no jurisdiction rule applies to players in ${code}.`;

export function DeleteJurisdictionButton({ code }: { code: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Delete ${code}`}>
          <Trash2 /> Delete
        </Button>
      }
      title={<>Delete {code}&rsquo;s rules?</>}
      description={`${deletedMeans(code)} Claims already made keep their terms.`}
      confirmLabel="Delete rules"
      onConfirm={async () => {
        const res = await deleteJurisdictionAction({ code });
        if (toastServerError(res)) return false;
        toast.success(`${code} deleted`);
        router.refresh();
        return true;
      }}
    />
  );
}
