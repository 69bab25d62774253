"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";

import { CheckboxField, FormActions, FormError, TextField, UtcDateTimeField } from "@/components/form-fields";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { formActionResult } from "@/lib/client/action-result";
import { CURRENCY_IDS } from "@/lib/schemas/money";
import { KYC_LEVELS, PROMO_DEFAULTS, ZPromoCodeInput, type TPromoCodeInput } from "@/lib/schemas/promo-codes";

import { createPromoCodeAction, updatePromoCodeAction } from "../actions";
import { PromoPreview } from "./promo-preview";

type TProps = {
  mode: "create" | "edit";
  promoId?: string;
  initial: TPromoCodeInput;
  affiliateCodes: { id: string; owner: string }[];
  whitelist: { gameName: string; wagerMultiplier: string; enabled: boolean; maxBetAmount: string }[];
};

export function PromoForm({ mode, promoId, initial, affiliateCodes, whitelist }: TProps) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TPromoCodeInput>({ resolver: zodResolver(ZPromoCodeInput), defaultValues: initial, mode: "onTouched" });
  const type = useWatch({ control: form.control, name: "type" });

  const onSubmit = form.handleSubmit(async (values) => {
    const res = mode === "create" ? await createPromoCodeAction(values) : await updatePromoCodeAction({ id: promoId!, values });
    const data = formActionResult(form, res, setFormError, "values");
    if (!data) return;
    toast.success(mode === "create" ? "Promo created" : "Promo saved");
    router.push(`/promo-codes/${data.id}`);
    router.refresh();
  });

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <Form {...form}>
        <form onSubmit={onSubmit} className="grid min-w-0 gap-6" noValidate aria-label="Promo code">
          <FormError message={formError} />
          <Card>
            <CardHeader>
              <CardTitle>Basics</CardTitle>
              <CardDescription>What players see and type.</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4 sm:grid-cols-2">
              <FormField
                control={form.control}
                name="type"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Type</FormLabel>
                    <FormControl>
                      <NativeSelect
                        {...field}
                        onChange={(e) => {
                          const next = e.target.value as "INSTANT" | "DEPOSIT";
                          // Sensible defaults per type, keeping what the operator already typed.
                          const d = PROMO_DEFAULTS[next];
                          form.reset({ ...d, ...pick(form.getValues(), ["title", "description", "code", "expiresAt", "claimsLeft", "isHidden", "isPublic", "affiliateCodeId"]), type: next });
                        }}
                      >
                        <option value="DEPOSIT">Deposit bonus</option>
                        <option value="INSTANT">Instant credit</option>
                      </NativeSelect>
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <TextField control={form.control} name="code" label="Code" description="Players type it; stored upper-case." />
              <TextField control={form.control} name="title" label="Title" className="sm:col-span-2" />
              <FormField
                control={form.control}
                name="description"
                render={({ field }) => (
                  <FormItem className="sm:col-span-2">
                    <FormLabel>Description (optional)</FormLabel>
                    <FormControl>
                      <Textarea rows={2} {...field} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{type === "DEPOSIT" ? "Bonus terms" : "Credit"}</CardTitle>
              <CardDescription>
                {type === "DEPOSIT"
                  ? "Matched on the first qualifying deposit after the claim, then wagered off."
                  : "Credited to the player's cash balance when they claim."}
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4 sm:grid-cols-2">
              <TextField
                control={form.control}
                name="amount"
                label={type === "DEPOSIT" ? "Minimum deposit" : "Amount"}
                description={type === "DEPOSIT" ? "In the currency below; 0 = any deposit." : undefined}
                inputMode="decimal"
              />
              <FormField
                control={form.control}
                name="currencyId"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Currency</FormLabel>
                    <FormControl>
                      <NativeSelect {...field}>
                        {CURRENCY_IDS.map((c) => (
                          <option key={c}>{c}</option>
                        ))}
                      </NativeSelect>
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              {type === "DEPOSIT" && (
                <>
                  <TextField control={form.control} name="bonusMultiplier" label="Match multiplier" description="1 = 100% of the deposit." inputMode="decimal" />
                  <TextField control={form.control} name="maxBonusUsdAmount" label="Max bonus (USD)" description="Empty = uncapped." inputMode="decimal" />
                  <TextField control={form.control} name="wagerMultiplierToComplete" label="Wager multiplier" description="× (deposit + bonus) to wager." inputMode="decimal" />
                  <div className="grid grid-cols-[1fr_auto] items-start gap-2">
                    <TextField control={form.control} name="timeToComplete" label="Time to complete" inputMode="numeric" />
                    <FormField
                      control={form.control}
                      name="timeUnit"
                      render={({ field }) => (
                        <FormItem>
                          <FormLabel>Unit</FormLabel>
                          <FormControl>
                            <NativeSelect {...field}>
                              <option value="minutes">minutes</option>
                              <option value="hours">hours</option>
                              <option value="days">days</option>
                            </NativeSelect>
                          </FormControl>
                        </FormItem>
                      )}
                    />
                  </div>
                </>
              )}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>Who can claim, and until when</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4 sm:grid-cols-2">
              <UtcDateTimeField control={form.control} name="expiresAt" label="Expires (UTC)" description="Empty = never. Times are UTC." />
              <TextField control={form.control} name="claimsLeft" label="Claims left" description="Empty = unlimited." inputMode="numeric" />
              <FormField
                control={form.control}
                name="minKYCLevelToClaim"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Minimum KYC level</FormLabel>
                    <FormControl>
                      <NativeSelect {...field}>
                        {KYC_LEVELS.map((k) => (
                          <option key={k} value={k}>
                            {k === "NONE" ? "None" : k.replace("LEVEL_", "Level ")}
                          </option>
                        ))}
                      </NativeSelect>
                    </FormControl>
                  </FormItem>
                )}
              />
              <TextField control={form.control} name="minTotalWagerUsdToClaim" label="Minimum lifetime wagered (USD)" inputMode="decimal" />
              <FormField
                control={form.control}
                name="affiliateCodeId"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Exclusive to affiliate code</FormLabel>
                    <FormControl>
                      <NativeSelect {...field}>
                        <option value="">Not exclusive</option>
                        {affiliateCodes.map((a) => (
                          <option key={a.id} value={a.id}>
                            {a.id} ({a.owner})
                          </option>
                        ))}
                      </NativeSelect>
                    </FormControl>
                    <FormDescription>Only players referred by this code can claim.</FormDescription>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <div className="grid content-start gap-3 pt-1">
                <CheckboxField control={form.control} name="isHidden" label="Hidden" description="Claimable by code, never listed." />
                <CheckboxField control={form.control} name="isPublic" label="Public" description="Untick for a private, affiliate-only promo." />
              </div>
            </CardContent>
          </Card>

          <FormActions submitLabel={mode === "create" ? "Create promo" : "Save changes"} pending={form.formState.isSubmitting} onCancel={() => router.back()} />
        </form>
      </Form>
      <PromoPreview control={form.control} whitelist={whitelist} />
    </div>
  );
}

function pick<T extends object, K extends keyof T>(obj: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, obj[k]])) as Pick<T, K>;
}
