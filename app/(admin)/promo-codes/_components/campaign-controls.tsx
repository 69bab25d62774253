"use client";

import type { Control } from "react-hook-form";

import { CountryMultiSelect } from "@/components/country-multi-select";
import { FormSection } from "@/components/entity-form";
import { LabelledField, SelectField, TextField } from "@/components/form-fields";
import { TagInput } from "@/components/tag-input";
import { formatUsd } from "@/lib/client/format";
import { MAX_TAGS } from "@/lib/schemas/targeting";
import type { TPromoCodeInput } from "@/lib/schemas/promo-codes";

const DEPOSIT_RULE_OPTIONS = [
  { value: "ANY", label: "Any player" },
  { value: "FIRST_DEPOSIT", label: "First deposit only" },
  { value: "RELOAD", label: "Reload (has deposited before)" },
];

type TListName = "countries" | "excludedCountries" | "requiredTags" | "excludedTags";

/** The promo form's campaign controls (issue #16): a budget, who may claim by deposits, country and segment targeting. */
export function CampaignControls({ control, grantedUsdAmount }: { control: Control<TPromoCodeInput>; grantedUsdAmount: string }) {
  const granted = /[1-9]/.test(grantedUsdAmount);
  const list = (name: TListName, label: string, description: string, kind: "country" | "tag") => (
    <LabelledField control={control} name={name} label={label} description={description}>
      {(field) => {
        const props = { value: field.value ?? [], onChange: field.onChange, onBlur: field.onBlur, name: field.name, ref: field.ref, label };
        return kind === "country" ? <CountryMultiSelect {...props} /> : <TagInput {...props} />;
      }}
    </LabelledField>
  );

  return (
    <FormSection title="Campaign controls" description="A spending cap and who the promo is for. Empty lists don't restrict.">
      <TextField
        control={control}
        name="budgetUsdAmount"
        label="Budget (USD, optional)"
        description={
          granted
            ? `The most it may grant in all; ${formatUsd(grantedUsdAmount)} granted so far. Empty = no budget.`
            : "The most it may grant in all. Empty = no budget."
        }
        inputMode="decimal"
      />
      <SelectField
        control={control}
        name="depositRule"
        label="Deposit rule"
        description="Who may claim, by their deposit history."
        options={DEPOSIT_RULE_OPTIONS}
      />
      {list("countries", "Allowed countries", "Only players from these countries. Empty = every country.", "country")}
      {list("excludedCountries", "Excluded countries", "Players from these can't claim.", "country")}
      {list("requiredTags", "Required tags", `A player needs at least one of them (up to ${MAX_TAGS}). Empty = no tag needed.`, "tag")}
      {list("excludedTags", "Excluded tags", "A player with any of them can't claim.", "tag")}
    </FormSection>
  );
}
