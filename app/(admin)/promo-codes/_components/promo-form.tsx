"use client";

import { useWatch } from "react-hook-form";

import { EntityForm, FormSection, useEntityForm, type TEntityFormProps } from "@/components/entity-form";
import { CheckboxField, LabelledField, SelectField, TextField, UtcDateTimeField } from "@/components/form-fields";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import type { TJurisdictionRules } from "@/lib/domain/promos/compliance";
import { CURRENCY_IDS } from "@/lib/schemas/money";
import { KYC_LEVELS } from "@/lib/schemas/enums";
import { PROMO_DEFAULTS, ZPromoCodeInput, type TPromoCodeInput } from "@/lib/schemas/promo-codes";

import { createPromoCodeAction, updatePromoCodeAction } from "../actions";
import { CampaignControls } from "./campaign-controls";
import { JurisdictionPanel } from "./jurisdiction-panel";
import { PromoPreview } from "./promo-preview";

const TIME_UNITS = ["minutes", "hours", "days"];
const WITHDRAWAL_OPTIONS = [
  { value: "FORFEIT", label: "Forfeit the bonus" },
  { value: "KEEP", label: "Keep the bonus" },
];
const WAGERING_BASIS_OPTIONS = [
  { value: "DEPOSIT_AND_BONUS", label: "Deposit + bonus" },
  { value: "BONUS", label: "Bonus only" },
];
const KYC_OPTIONS = KYC_LEVELS.map((k) => ({ value: k, label: k === "NONE" ? "None" : k.replace("LEVEL_", "Level ") }));

// What the operator typed that applies to both types, kept when the type changes.
const KEPT_ON_TYPE_CHANGE = [
  "title", "description", "code", "startsAt", "expiresAt", "claimsLeft", "isHidden", "isPublic", "affiliateCodeId",
  "budgetUsdAmount", "depositRule", "countries", "excludedCountries", "requiredTags", "excludedTags",
] as const satisfies (keyof TPromoCodeInput)[];

const SAVE = { create: createPromoCodeAction, update: updatePromoCodeAction, noun: "Promo", path: "/promo-codes" };

type TProps = TEntityFormProps<TPromoCodeInput> & {
  affiliateCodes: { id: string; owner: string }[];
  whitelist: { gameName: string; wagerMultiplier: string; enabled: boolean; maxBetAmount: string }[];
  /** What the promo has granted so far (an edit); a new promo or a clone has granted nothing. */
  grantedUsdAmount?: string;
  /** Every configured jurisdiction's rules (the live verdicts). */
  jurisdictions: TJurisdictionRules[];
  /** Currency → USD rate in force now: an INSTANT credit's USD value for the verdicts. */
  usdRates: Record<string, string>;
};

export function PromoForm({ id, initial, affiliateCodes, whitelist, grantedUsdAmount = "0", jurisdictions, usdRates }: TProps) {
  const entity = useEntityForm({ schema: ZPromoCodeInput, initial, id, ...SAVE });
  const { form } = entity;
  const type = useWatch({ control: form.control, name: "type" });
  const basis = useWatch({ control: form.control, name: "wageringBasis" });

  return (
    <EntityForm
      entity={entity}
      label="Promo code"
      createLabel="Create promo"
      layout="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]"
      aside={<PromoPreview control={form.control} whitelist={whitelist} grantedUsdAmount={grantedUsdAmount} />}
    >
      <FormSection title="Basics" description="What players see and type.">
        <LabelledField control={form.control} name="type" label="Type">
          {(field) => (
            <NativeSelect
              {...field}
              onChange={(e) => {
                const next = e.target.value as "INSTANT" | "DEPOSIT";
                // Sensible defaults per type, keeping what the operator already typed.
                const d = PROMO_DEFAULTS[next];
                form.reset({ ...d, ...pick(form.getValues(), KEPT_ON_TYPE_CHANGE), type: next });
              }}
            >
              <option value="DEPOSIT">Deposit bonus</option>
              <option value="INSTANT">Instant credit</option>
            </NativeSelect>
          )}
        </LabelledField>
        <TextField control={form.control} name="code" label="Code" description="Players type it; stored upper-case." />
        <TextField control={form.control} name="title" label="Title" className="sm:col-span-2" />
        <LabelledField control={form.control} name="description" label="Description (optional)" className="sm:col-span-2">
          {(field) => <Textarea rows={2} {...field} />}
        </LabelledField>
      </FormSection>

      <FormSection
        title={type === "DEPOSIT" ? "Bonus terms" : "Credit"}
        description={
          type === "DEPOSIT"
            ? "Matched on the first qualifying deposit after the claim, then wagered off."
            : "Credited to the player's cash balance when they claim."
        }
      >
        <TextField
          control={form.control}
          name="amount"
          label={type === "DEPOSIT" ? "Minimum deposit" : "Amount"}
          description={type === "DEPOSIT" ? "In the currency below; 0 = any deposit." : undefined}
          inputMode="decimal"
        />
        <SelectField control={form.control} name="currencyId" label="Currency" options={CURRENCY_IDS} />
        {type === "DEPOSIT" && (
          <>
            <TextField control={form.control} name="bonusMultiplier" label="Match multiplier" description="1 = 100% of the deposit." inputMode="decimal" />
            <TextField control={form.control} name="maxBonusUsdAmount" label="Max bonus (USD)" description="Empty = uncapped." inputMode="decimal" />
            <SelectField
              control={form.control}
              name="wageringBasis"
              label="Wagering basis"
              description="What the wager multiplier multiplies."
              options={WAGERING_BASIS_OPTIONS}
            />
            <TextField
              control={form.control}
              name="wagerMultiplierToComplete"
              label="Wager multiplier"
              description={basis === "BONUS" ? "× the bonus to wager." : "× (deposit + bonus) to wager."}
              inputMode="decimal"
            />
            <div className="grid grid-cols-[1fr_auto] items-start gap-2">
              <TextField control={form.control} name="timeToComplete" label="Time to complete" inputMode="numeric" />
              <SelectField control={form.control} name="timeUnit" label="Unit" options={TIME_UNITS} />
            </div>
            <SelectField
              control={form.control}
              name="withdrawalPolicy"
              label="On a withdrawal"
              description="What a withdrawal during the bonus does to it."
              options={WITHDRAWAL_OPTIONS}
            />
          </>
        )}
      </FormSection>

      <JurisdictionPanel control={form.control} jurisdictions={jurisdictions} usdRates={usdRates} />

      <FormSection title="Who can claim, and when">
        <UtcDateTimeField control={form.control} name="startsAt" label="Starts (UTC)" description="Empty = at once. Scheduled until then." />
        <UtcDateTimeField control={form.control} name="expiresAt" label="Expires (UTC)" description="Empty = never. Times are UTC." />
        <TextField control={form.control} name="claimsLeft" label="Claims left" description="Empty = unlimited." inputMode="numeric" />
        <SelectField control={form.control} name="minKYCLevelToClaim" label="Minimum KYC level" options={KYC_OPTIONS} />
        <TextField control={form.control} name="minTotalWagerUsdToClaim" label="Minimum lifetime wagered (USD)" inputMode="decimal" />
        <SelectField
          control={form.control}
          name="affiliateCodeId"
          label="Exclusive to affiliate code"
          description="Only players referred by this code can claim."
          options={[{ value: "", label: "Not exclusive" }, ...affiliateCodes.map((a) => ({ value: a.id, label: `${a.id} (${a.owner})` }))]}
        />
        <div className="grid content-start gap-3 pt-1">
          <CheckboxField control={form.control} name="isHidden" label="Hidden" description="Claimable by code, never listed." />
          <CheckboxField control={form.control} name="isPublic" label="Public" description="Untick for a private, affiliate-only promo." />
        </div>
      </FormSection>

      <CampaignControls control={form.control} grantedUsdAmount={grantedUsdAmount} />
    </EntityForm>
  );
}

function pick<T extends object, K extends keyof T>(obj: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, obj[k]])) as Pick<T, K>;
}
