"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { DialogDone, DialogForm, FormDialog, useResettingDialog } from "@/components/form-dialog";
import { SelectField, TextField } from "@/components/form-fields";
import { Button } from "@/components/ui/button";
import { formActionResult, toastServerError } from "@/lib/client/action-result";
import { OPERATOR_ROLES, ROLE_LABELS, type TOperatorRole } from "@/lib/domain/auth/permissions";
import { ZOperatorInput, type TOperatorInput } from "@/lib/schemas/admin";

import { changeOperatorRoleAction, createOperatorAction, resetOperatorPasswordAction, setOperatorDisabledAction } from "../../actions";

const ROLE_OPTIONS = OPERATOR_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** The one-time password, shown once with the sign-in it belongs to. */
function OneTimePassword({ email, password }: { email: string; password: string }) {
  return (
    <div className="grid gap-2 rounded-md border bg-muted/40 p-3 text-sm">
      <span>
        Give <strong>{email}</strong> this one-time password. It is shown only now; they choose their own at first sign-in.
      </span>
      <code className="rounded bg-background px-2 py-1 font-mono text-base" data-testid="one-time-password">
        {password}
      </code>
    </div>
  );
}

export function NewOperatorDialog() {
  const router = useRouter();
  const [created, setCreated] = useState<{ email: string; oneTimePassword: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TOperatorInput>({ resolver: zodResolver(ZOperatorInput), defaultValues: { email: "", name: "", role: "SUPPORT" } });
  const [open, onOpenChange] = useResettingDialog(() => {
    setCreated(null);
    form.reset();
  });
  const onSubmit = form.handleSubmit(async (values) => {
    const data = formActionResult(form, await createOperatorAction(values), setFormError);
    if (!data) return;
    setCreated(data);
    toast.success(`${data.email} created`);
    router.refresh();
  });
  return (
    <FormDialog
      trigger={
        <Button>
          <Plus /> New operator
        </Button>
      }
      title={created ? "Operator created" : "New operator"}
      description={created ? "Copy the password now." : "They sign in with their email and a one-time password."}
      open={open}
      onOpenChange={onOpenChange}
    >
      {created ? (
        <>
          <OneTimePassword email={created.email} password={created.oneTimePassword} />
          <DialogDone onDone={() => onOpenChange(false)} />
        </>
      ) : (
        <DialogForm form={form} onSubmit={onSubmit} label="New operator" error={formError} submitLabel="Create operator">
          <TextField control={form.control} name="email" label="Email" />
          <TextField control={form.control} name="name" label="Name" />
          <SelectField control={form.control} name="role" label="Role" options={ROLE_OPTIONS} />
        </DialogForm>
      )}
    </FormDialog>
  );
}

export function RoleSelect({ id, email, role, disabled }: { id: number; email: string; role: TOperatorRole; disabled: boolean }) {
  const router = useRouter();
  const [value, setValue] = useState(role);
  const [pending, start] = useTransition();
  return (
    <select
      className="h-8 rounded-md border border-input bg-transparent px-2 text-sm"
      aria-label={`Role of ${email}`}
      value={value}
      disabled={disabled || pending}
      onChange={(e) => {
        const next = e.target.value as TOperatorRole;
        setValue(next);
        start(async () => {
          const res = await changeOperatorRoleAction({ id, role: next });
          if (toastServerError(res)) return setValue(role);
          toast.success(`${email} is now ${ROLE_LABELS[next]}`);
          router.refresh();
        });
      }}
    >
      {ROLE_OPTIONS.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function OperatorActions({ id, email, disabled }: { id: number; email: string; disabled: boolean }) {
  const router = useRouter();
  const [reset, setReset] = useState<string | null>(null);
  const toggle = async () => {
    const res = await setOperatorDisabledAction({ id, disabled: !disabled });
    if (toastServerError(res)) return false;
    toast.success(disabled ? `${email} enabled` : `${email} disabled; their next request is refused`);
    router.refresh();
    return true;
  };
  return (
    <div className="flex flex-wrap justify-end gap-2">
      {disabled ? (
        <Button variant="outline" size="sm" onClick={() => void toggle()}>
          Enable
        </Button>
      ) : (
        <ConfirmDialog
          trigger={
            <Button variant="outline" size="sm" aria-label={`Disable ${email}`}>
              Disable
            </Button>
          }
          title={`Disable ${email}?`}
          description="They are signed out at their next request, even with a session open. You can enable them again."
          confirmLabel="Disable"
          cancelLabel="Keep access"
          onConfirm={toggle}
        />
      )}
      <ConfirmDialog
        trigger={
          <Button variant="ghost" size="sm" aria-label={`Reset password of ${email}`}>
            Reset password
          </Button>
        }
        title={reset ? "New one-time password" : `Reset ${email}'s password?`}
        description={reset ? "" : "Their current password stops working; they must choose a new one at next sign-in."}
        confirmLabel={reset ? "Done" : "Reset password"}
        cancelLabel="Close"
        onConfirm={async () => {
          if (reset) {
            setReset(null);
            return true;
          }
          const res = await resetOperatorPasswordAction({ id });
          if (res?.serverError || !res?.data) {
            toast.error(res?.serverError ?? "Nothing changed; try again.");
            return false;
          }
          setReset(res.data.oneTimePassword);
          return false;
        }}
      >
        {reset && <OneTimePassword email={email} password={reset} />}
      </ConfirmDialog>
    </div>
  );
}
