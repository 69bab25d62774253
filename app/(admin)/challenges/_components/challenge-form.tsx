"use client";

import Decimal from "decimal.js";
import { useWatch } from "react-hook-form";

import { EntityForm, FormSection, useEntityForm, type TEntityFormProps } from "@/components/entity-form";
import { CheckboxField, SelectField, TextField, UtcDateTimeField } from "@/components/form-fields";
import { formatUsd } from "@/lib/client/format";
import { ZChallengeInput, type TChallengeInput } from "@/lib/schemas/challenges";
import { CURRENCY_IDS, isDecimalText } from "@/lib/schemas/money";

import { createChallengeAction, updateChallengeAction } from "../actions";

const SAVE = { create: createChallengeAction, update: updateChallengeAction, noun: "Challenge", path: "/challenges" };

type TProps = TEntityFormProps<TChallengeInput> & {
  games: { id: number; name: string; provider: string | null }[];
  usdRates: Record<string, string>;
};

export function ChallengeForm({ id, initial, games, usdRates }: TProps) {
  const entity = useEntityForm({ schema: ZChallengeInput, initial, id, ...SAVE });
  const { form } = entity;
  const [currency, amount] = useWatch({ control: form.control, name: ["rewardCurrency", "rewardAmount"] });
  const rate = usdRates[currency];
  const usdValue = rate && isDecimalText(amount) ? new Decimal(amount).times(rate).toString() : null;

  return (
    <EntityForm entity={entity} label="Challenge" createLabel="Create challenge">
      <FormSection title="What to hit" description="The first qualifying bet, by bet time, wins.">
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
      </FormSection>
      <FormSection title="Reward and window" description={<>Credited to the winner&apos;s cash balance when you confirm.</>}>
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
      </FormSection>
    </EntityForm>
  );
}
