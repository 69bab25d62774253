"use client";

import type { Control, ControllerRenderProps, FieldPath, FieldValues } from "react-hook-form";

import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";

// Labelled form fields on react-hook-form + the shadcn Form primitives, shared by the back-office
// forms so each one reads as a list of fields rather than wiring.

type TBase<T extends FieldValues> = {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  description?: React.ReactNode;
  className?: string;
};

/** One labelled field: label, the control (given the field's props), its description and message. */
export function LabelledField<T extends FieldValues, N extends FieldPath<T> = FieldPath<T>>({
  control,
  name,
  label,
  description,
  className,
  children,
}: Omit<TBase<T>, "name"> & { name: N; children: (field: ControllerRenderProps<T, N>) => React.ReactNode }) {
  return (
    <FormField
      control={control}
      name={name}
      render={({ field }) => (
        <FormItem className={className}>
          <FormLabel>{label}</FormLabel>
          <FormControl>{children(field)}</FormControl>
          {description && <FormDescription>{description}</FormDescription>}
          <FormMessage />
        </FormItem>
      )}
    />
  );
}

export function TextField<T extends FieldValues>({
  inputMode,
  type,
  placeholder,
  autoFocus,
  ...base
}: TBase<T> & { inputMode?: "decimal" | "numeric" | "text"; type?: "text" | "number"; placeholder?: string; autoFocus?: boolean }) {
  return (
    <LabelledField {...base}>
      {(field) => (
        <Input
          inputMode={inputMode}
          type={type}
          placeholder={placeholder}
          autoFocus={autoFocus}
          {...field}
          value={field.value ?? ""}
          onChange={(e) =>
            field.onChange(type === "number" ? (e.target.value === "" ? "" : Number(e.target.value)) : e.target.value)
          }
        />
      )}
    </LabelledField>
  );
}

export function SelectField<T extends FieldValues>({
  options,
  numeric,
  ...base
}: TBase<T> & { options: readonly (string | { value: string | number; label: string })[]; numeric?: boolean }) {
  return (
    <LabelledField {...base}>
      {(field) => (
        <NativeSelect
          {...field}
          value={field.value ?? ""}
          onChange={(e) => field.onChange(numeric ? Number(e.target.value) : e.target.value)}
        >
          {options.map((o) =>
            typeof o === "string" ? (
              <option key={o}>{o}</option>
            ) : (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ),
          )}
        </NativeSelect>
      )}
    </LabelledField>
  );
}

/** A UTC date-time input storing an ISO string ("" when empty). */
export function UtcDateTimeField<T extends FieldValues>(props: TBase<T>) {
  return (
    <LabelledField {...props}>
      {(field) => (
        <Input
          type="datetime-local"
          value={field.value ? String(field.value).slice(0, 16) : ""}
          onChange={(e) => field.onChange(e.target.value ? `${e.target.value}:00Z` : "")}
          onBlur={field.onBlur}
        />
      )}
    </LabelledField>
  );
}

export function CheckboxField<T extends FieldValues>({ control, name, label, description, className }: TBase<T>) {
  return (
    <FormField
      control={control}
      name={name}
      render={({ field }) => (
        <FormItem className={`flex items-start gap-2 ${className ?? ""}`}>
          <FormControl>
            <input
              type="checkbox"
              className="mt-0.5 size-4 accent-primary"
              checked={!!field.value}
              onChange={(e) => field.onChange(e.target.checked)}
            />
          </FormControl>
          <div className="grid gap-1">
            <FormLabel className="font-normal">{label}</FormLabel>
            {description && <FormDescription>{description}</FormDescription>}
          </div>
        </FormItem>
      )}
    />
  );
}

/** The form-level error banner (messages that belong to no field). */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm text-red-800 dark:text-red-200">
      {message}
    </p>
  );
}

/** A form's submit and cancel buttons (cancel goes back). */
export function FormActions({ submitLabel, pending, onCancel }: { submitLabel: string; pending: boolean; onCancel: () => void }) {
  return (
    <div className="flex gap-2">
      <Button type="submit" disabled={pending}>
        {submitLabel}
      </Button>
      <Button type="button" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}
