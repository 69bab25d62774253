import type { FieldValues, UseFormReturn } from "react-hook-form";
import { toast } from "sonner";

import { applyFieldErrors } from "@/lib/client/form-errors";

type TActionResult<D> = { data?: D; validationErrors?: unknown; serverError?: string } | undefined;

/**
 * A server action's result in a form: validation errors go beside their fields (also those nested
 * under `nestedKey`, e.g. `{ id, values }` inputs), anything else becomes the form-level message.
 * Returns the data on success, else null.
 */
export function formActionResult<T extends FieldValues, D>(
  form: UseFormReturn<T>,
  res: TActionResult<D>,
  setFormError: (message: string | null) => void,
  nestedKey?: string,
): D | null {
  if (res?.validationErrors) {
    const errors = res.validationErrors as Record<string, unknown>;
    const { [nestedKey ?? "\0"]: nested, ...rest } = errors;
    const messages = [
      ...applyFieldErrors(form, nested as Parameters<typeof applyFieldErrors>[1]),
      ...applyFieldErrors(form, rest as Parameters<typeof applyFieldErrors>[1]),
    ];
    setFormError(messages.length ? messages.join(" ") : "Some fields need attention.");
    return null;
  }
  if (res?.serverError || res?.data === undefined) {
    setFormError(res?.serverError ?? "Nothing was saved; try again.");
    return null;
  }
  setFormError(null);
  return res.data;
}

/**
 * A button's server action result: a server error is shown as a toast and true returned, so the
 * caller stops (and puts back what it showed ahead of the answer).
 */
export function toastServerError(res: { serverError?: string } | undefined): boolean {
  if (!res?.serverError) return false;
  toast.error(res.serverError);
  return true;
}

/** The first validation message on one top-level `field` of an action's input, if any. */
export function fieldError(res: { validationErrors?: unknown } | undefined, field: string): string | undefined {
  return (res?.validationErrors as Record<string, { _errors?: string[] } | undefined> | undefined)?.[field]?._errors?.[0];
}
