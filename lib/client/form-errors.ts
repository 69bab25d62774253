import type { FieldValues, Path, UseFormReturn } from "react-hook-form";

type TValidationErrors = { _errors?: string[] } & { [field: string]: TValidationErrors | string[] | undefined };

/**
 * Puts a server action's `validationErrors` (next-safe-action's formatted shape) on the form's fields,
 * so a server-side rule (e.g. "code taken") shows next to its field like a client-side one.
 * Returns the form-level messages that belong to no field.
 */
export function applyFieldErrors<T extends FieldValues>(
  form: UseFormReturn<T>,
  errors: TValidationErrors | undefined,
  prefix = "",
): string[] {
  if (!errors) return [];
  const formLevel: string[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (key === "_errors") {
      const messages = value as string[] | undefined;
      if (messages?.length) {
        if (prefix) form.setError(prefix as Path<T>, { type: "server", message: messages[0] }, { shouldFocus: true });
        else formLevel.push(...messages);
      }
      continue;
    }
    if (value && typeof value === "object" && !Array.isArray(value)) {
      formLevel.push(...applyFieldErrors(form, value as TValidationErrors, prefix ? `${prefix}.${key}` : key));
    }
  }
  return formLevel;
}
