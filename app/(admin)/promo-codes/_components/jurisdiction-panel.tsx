"use client";

import Decimal from "decimal.js";
import { CheckCircle2, XCircle } from "lucide-react";
import { useWatch, type Control } from "react-hook-form";

import { FormSection } from "@/components/entity-form";
import { complianceVerdicts, type TComplianceTerms, type TJurisdictionRules } from "@/lib/domain/promos/compliance";
import { isDecimalText } from "@/lib/schemas/money";
import { toSeconds, type TPromoCodeInput } from "@/lib/schemas/promo-codes";

const isNum = (v: string | undefined): v is string => isDecimalText(v);

/**
 * The form's values as the terms the compliance rules judge, or null while one the rules read isn't
 * a number yet. The same shape the list's filter reads from the stored promo; an INSTANT credit is
 * the amount at the currency's current USD rate (null while no rate converts it).
 */
export function complianceTermsOf(v: Partial<TPromoCodeInput>, usdRates: Record<string, string>): TComplianceTerms | null {
  if (v.type === "DEPOSIT") {
    if (!isNum(v.wagerMultiplierToComplete) || (v.maxBonusUsdAmount && !isNum(v.maxBonusUsdAmount))) return null;
    return {
      type: "DEPOSIT",
      wageringBasis: v.wageringBasis ?? "DEPOSIT_AND_BONUS",
      wagerMultiplierToComplete: v.wagerMultiplierToComplete,
      maxBonusUsdAmount: v.maxBonusUsdAmount || null,
      instantUsdAmount: null,
      timeSecondsToComplete: toSeconds(v.timeToComplete, v.timeUnit ?? "days"),
    };
  }
  if (!isNum(v.amount)) return null;
  const rate = usdRates[v.currencyId ?? ""];
  return {
    type: "INSTANT",
    wageringBasis: v.wageringBasis ?? "DEPOSIT_AND_BONUS",
    wagerMultiplierToComplete: "0",
    maxBonusUsdAmount: null,
    instantUsdAmount: rate ? new Decimal(v.amount).mul(rate).toFixed() : null,
    timeSecondsToComplete: null,
  };
}

/** The message without its leading "GB: " (the row names the code already). */
const reason = (code: string, message: string) => (message.startsWith(`${code}: `) ? message.slice(code.length + 2) : message);

/**
 * Each configured jurisdiction's verdict on the terms as they are typed, from the one compliance
 * function (lib/domain/promos/compliance.ts) — the rules the claim applies to a player there.
 */
export function JurisdictionPanel({
  control,
  jurisdictions,
  usdRates,
}: {
  control: Control<TPromoCodeInput>;
  jurisdictions: TJurisdictionRules[];
  usdRates: Record<string, string>;
}) {
  const v = useWatch({ control });
  const terms = complianceTermsOf(v, usdRates);
  const verdicts = terms ? complianceVerdicts(terms, jurisdictions) : [];
  const failing = verdicts.filter((x) => !x.passed).length;

  return (
    <FormSection
      title="Jurisdictions"
      description="Whether these terms pass each configured regulator's rules. A player in a jurisdiction the terms fail can't claim."
      className="grid gap-3 text-sm"
    >
      {jurisdictions.length === 0 ? (
        <p className="text-muted-foreground">No jurisdictions are configured.</p>
      ) : !terms ? (
        <p className="text-muted-foreground">Fill in the terms to see the verdicts.</p>
      ) : (
        <>
          <p aria-live="polite" data-testid="jurisdiction-summary">
            {failing === 0
              ? `Passes all ${verdicts.length} configured jurisdictions.`
              : `Fails ${failing} of ${verdicts.length} configured jurisdictions.`}
          </p>
          <ul className="grid gap-2" data-testid="jurisdiction-verdicts">
            {verdicts.map((j) => (
              <li key={j.code} className="flex items-start gap-2" data-testid={`verdict-${j.code}`}>
                {j.passed ? (
                  <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-hidden />
                ) : (
                  <XCircle className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
                )}
                <span className="min-w-0 break-words">
                  {j.passed ? (
                    j.message
                  ) : (
                    <>
                      <span className="font-medium">{j.code}: fails</span> — {reason(j.code, j.message)}
                    </>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </FormSection>
  );
}
