"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";

import { FormError, SelectField, TextField, UtcDateTimeField } from "@/components/form-fields";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form";
import { formActionResult } from "@/lib/client/action-result";
import { CURRENCY_IDS } from "@/lib/schemas/money";
import { ZRateInput, type TRateInput } from "@/lib/schemas/admin";

import { addRateAction } from "../../actions";

export function RateForm({ currencyId }: { currencyId: TRateInput["currencyId"] }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TRateInput>({ resolver: zodResolver(ZRateInput), defaultValues: { currencyId, usdRate: "", validFrom: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    const data = formActionResult(form, await addRateAction(values), setFormError);
    if (!data) return;
    toast.success(`${values.currencyId} rate ${values.usdRate} saved`);
    form.reset({ currencyId: values.currencyId, usdRate: "", validFrom: "" });
    router.push(`/settings/rates?currency=${values.currencyId}`);
    router.refresh();
  });
  return (
    <Form {...form}>
      <form onSubmit={onSubmit} className="grid items-start gap-4 sm:grid-cols-[8rem_1fr_1fr_auto]" noValidate aria-label="New rate">
        <div className="sm:col-span-4">
          <FormError message={formError} />
        </div>
        <SelectField control={form.control} name="currencyId" label="Currency" options={CURRENCY_IDS} />
        <TextField control={form.control} name="usdRate" label="USD per unit" inputMode="decimal" placeholder="97250.50" />
        <UtcDateTimeField control={form.control} name="validFrom" label="From (UTC)" description="Empty = now." />
        <Button type="submit" className="sm:mt-[1.375rem]" disabled={form.formState.isSubmitting}>
          Add rate
        </Button>
      </form>
    </Form>
  );
}
