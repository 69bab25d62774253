import { fromSeconds, PROMO_DEFAULTS, type TPromoCodeInput } from "@/lib/schemas/promo-codes";
import type { TPromoDetail } from "@/lib/server/promo-codes/queries";

/** A stored promo as the form's values (edit), or as a clone's starting point (new code, no expiry). */
export function promoFormValues(p: TPromoDetail, options: { asClone?: boolean } = {}): TPromoCodeInput {
  return {
    ...PROMO_DEFAULTS[p.type],
    title: options.asClone ? `${p.title} (copy)` : p.title,
    description: p.description ?? "",
    type: p.type,
    code: options.asClone ? "" : p.code,
    amount: p.amount,
    currencyId: p.currencyId,
    isPublic: p.isPublic,
    isHidden: p.isHidden,
    // A clone starts at once and never expires until the operator says otherwise.
    startsAt: options.asClone ? "" : (p.startsAt ?? ""),
    expiresAt: options.asClone ? "" : (p.expiresAt ?? ""),
    claimsLeft: p.claimsLeft === null ? "" : String(p.claimsLeft),
    minKYCLevelToClaim: p.minKYCLevelToClaim,
    minTotalWagerUsdToClaim: p.minTotalWagerUsdToClaim,
    bonusMultiplier: p.bonusMultiplier,
    maxBonusUsdAmount: p.maxBonusUsdAmount ?? "",
    ...fromSeconds(p.timeSecondsToComplete),
    wagerMultiplierToComplete: p.wagerMultiplierToComplete,
    affiliateCodeId: p.affiliateCodeId ?? "",
    withdrawalPolicy: p.withdrawalPolicy,
    wageringBasis: p.wageringBasis,
    // A clone keeps the campaign's budget and targeting; what the source granted stays with it.
    budgetUsdAmount: p.budgetUsdAmount ?? "",
    depositRule: p.depositRule,
    countries: p.countries,
    excludedCountries: p.excludedCountries,
    requiredTags: p.requiredTags,
    excludedTags: p.excludedTags,
  };
}
