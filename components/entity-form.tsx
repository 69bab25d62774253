"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type DefaultValues, type FieldValues, type Resolver } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";

import { FormActions, FormError } from "@/components/form-fields";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import { formActionResult } from "@/lib/client/action-result";

/** What an entity form is given: the values to start from and, to edit an existing one, its id. */
export type TEntityFormProps<T> = { id?: string; initial: T };

type TSaved = Promise<{ data?: { id: string }; validationErrors?: unknown; serverError?: string } | undefined>;

/**
 * The create/edit form of one back-office entity (promo, challenge, board, schedule): validated as
 * the operator types, submitted to `create`, or with an `id` to `update`, server errors on their
 * fields; once saved, a toast ("Challenge created") and the entity's page at `path`/id.
 */
export function useEntityForm<T extends FieldValues>({
  schema,
  initial,
  id,
  create,
  update,
  noun,
  path,
  prepare = (values) => values,
}: {
  schema: z.ZodType<unknown, T>;
  create: (values: T) => TSaved;
  update: (input: { id: string; values: T }) => TSaved;
  noun: string;
  path: string;
  prepare?: (values: T) => T;
} & TEntityFormProps<T>) {
  const mode = id === undefined ? "create" : "edit";
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<T>({
    resolver: zodResolver(schema) as Resolver<T>,
    defaultValues: initial as DefaultValues<T>,
    mode: "onTouched",
  });
  const onSubmit = form.handleSubmit(async (values) => {
    const input = prepare(values);
    const res = mode === "create" ? await create(input) : await update({ id: id!, values: input });
    const data = formActionResult(form, res, setFormError, "values");
    if (!data) return;
    toast.success(`${noun} ${mode === "create" ? "created" : "saved"}`);
    router.push(`${path}/${data.id}`);
    router.refresh();
  });
  return { form, mode, formError, onSubmit, cancel: () => router.back() };
}

/**
 * The entity form's frame: the form-level error first, the sections, then submit ("Create …" or
 * "Save changes") and cancel. With `aside` (a live preview), the form and it sit side by side in
 * `layout`'s grid.
 */
export function EntityForm<T extends FieldValues>({
  entity,
  label,
  createLabel,
  aside,
  layout,
  children,
}: {
  entity: ReturnType<typeof useEntityForm<T>>;
  label: string;
  createLabel: string;
  aside?: React.ReactNode;
  layout?: string;
  children: React.ReactNode;
}) {
  const { form, mode, formError, onSubmit, cancel } = entity;
  const body = (
    <Form {...form}>
      <form
        onSubmit={onSubmit}
        className={aside ? "grid min-w-0 gap-6" : "grid max-w-3xl gap-6"}
        noValidate
        aria-label={label}
      >
        <FormError message={formError} />
        {children}
        <FormActions
          submitLabel={mode === "create" ? createLabel : "Save changes"}
          pending={form.formState.isSubmitting}
          onCancel={cancel}
        />
      </form>
    </Form>
  );
  if (!aside) return body;
  return (
    <div className={layout}>
      {body}
      {aside}
    </div>
  );
}

/** One card of a form: its title, what it is for, then its fields (two columns from `sm` unless `className` says otherwise). */
export function FormSection({
  title,
  description,
  className = "grid gap-4 sm:grid-cols-2",
  children,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {description && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      <CardContent className={className}>{children}</CardContent>
    </Card>
  );
}
