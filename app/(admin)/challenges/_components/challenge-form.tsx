"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Decimal from "decimal.js";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";

import { CheckboxField, FormActions, FormError, SelectField, TextField, UtcDateTimeField } from "@/components/form-fields";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import { formActionResult } from "@/lib/client/action-result";
import { formatUsd } from "@/lib/client/format";
import { ZChallengeInput, type TChallengeInput } from "@/lib/schemas/challenges";
import { CURRENCY_IDS } from "@/lib/schemas/money";

import { createChallengeAction, updateChallengeAction } from "../actions";

type TProps = {
  mode: "create" | "edit";
  challengeId?: string;
  initial: TChallengeInput;
  games: { id: number; name: string; provider: string | null }[];
  usdRates: Record<string, string>;
};

export function ChallengeForm({ mode, challengeId, initial, games, usdRates }: TProps) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TChallengeInput>({
    resolver: zodResolver(ZChallengeInput),
    defaultValues: initial,
    mode: "onTouched",
  });
  const [currency, amount] = useWatch({ control: form.control, name: ["rewardCurrency", "rewardAmount"] });
  const rate = usdRates[currency];
  const usdValue = rate && /^\d+(\.\d+)?$/.test(amount ?? "") ? new Decimal(amount).times(rate).toString() : null;

  const onSubmit = form.handleSubmit(async (values) => {
    const res =
      mode === "create"
        ? await createChallengeAction(values)
        : await updateChallengeAction({ id: challengeId!, values });
    const data = formActionResult(form, res, setFormError, "values");
    if (!data) return;
    toast.success(mode === "create" ? "Challenge created" : "Challenge saved");
    router.push(`/challenges/${data.id}`);
    router.refresh();
  });

  return (
    <Form {...form}>
      <form onSubmit={onSubmit} className="grid max-w-3xl gap-6" noValidate aria-label="Challenge">
        <FormError message={formError} />
        <Card>
          <CardHeader>
            <CardTitle>What to hit</CardTitle>
            <CardDescription>The first qualifying bet, by bet time, wins.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <TextField control={form.control} name="title" label="Title" className="sm:col-span-2" />
            <SelectField
              control={form.control}
              name="targetGameId"
              label="Target game"
              numeric
              className="sm:col-span-2"
              options={[
                { value: 0, label: "Choose a game…" },
                ...games.map((g) => ({ value: g.id, label: g.provider ? `${g.name} (${g.provider})` : g.name })),
              ]}
            />
            <TextField
              control={form.control}
              name="minBetMultiplier"
              label="Minimum multiplier (×)"
              inputMode="decimal"
              description="The bet's payout ÷ stake."
            />
            <TextField control={form.control} name="minBetAmountUsd" label="Minimum bet (USD)" inputMode="decimal" />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Reward and window</CardTitle>
            <CardDescription>Credited to the winner&apos;s cash balance when you confirm.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <TextField
              control={form.control}
              name="rewardAmount"
              label="Reward"
              inputMode="decimal"
              description={
                <span data-testid="reward-usd">
                  {usdValue ? `≈ ${formatUsd(usdValue)} at today's rate` : rate ? "" : `No USD rate for ${currency}`}
                </span>
              }
            />
            <SelectField control={form.control} name="rewardCurrency" label="Currency" options={CURRENCY_IDS} />
            <UtcDateTimeField control={form.control} name="startsAt" label="Starts (UTC)" description="Empty = now." />
            <UtcDateTimeField
              control={form.control}
              name="endsAt"
              label="Ends (UTC)"
              description="Empty = until someone wins."
            />
            <CheckboxField
              control={form.control}
              name="isHidden"
              label="Hidden"
              description="Not listed to players; it can still be won."
            />
          </CardContent>
        </Card>
        <FormActions submitLabel={mode === "create" ? "Create challenge" : "Save changes"} pending={form.formState.isSubmitting} onCancel={() => router.back()} />
      </form>
    </Form>
  );
}
