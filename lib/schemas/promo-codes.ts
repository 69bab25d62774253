import { z } from "zod";

import { INT_DIGITS, INT4_MAX } from "@/lib/schemas/bounds";
import { DEPOSIT_RULES, KYC_LEVELS, WAGERING_BASES, WITHDRAWAL_POLICIES } from "@/lib/schemas/enums";
import { ZInt4Id } from "@/lib/schemas/ids";
import { CURRENCY_IDS, decimalString, ZCode } from "@/lib/schemas/money";
import { isJurisdictionCode, ZCountrySet, ZTagSet } from "@/lib/schemas/targeting";

// One schema for the promo form, its server action and tests. Amounts stay strings (exact decimals);
// time to complete is entered in a human unit and stored as seconds.

// Amounts below 1e12 and multipliers below 1,000 keep the rollover arithmetic in range (lib/schemas/bounds.ts).
const decimal = (label: string, intDigits: number = INT_DIGITS.amount) =>
  decimalString(intDigits, `${label} must be a number such as 12.50, below ${(10 ** intDigits).toLocaleString("en-US")}`);
const optionalDecimal = (label: string) => z.union([z.literal(""), decimal(label)]).optional();

export const TIME_UNITS = { minutes: 60, hours: 3600, days: 86_400 } as const;

export const ZPromoCodeInput = z
  .object({
    title: z.string().trim().min(1, "Give the promo a title").max(120),
    description: z.string().trim().max(1000).optional(),
    type: z.enum(["INSTANT", "DEPOSIT"]),
    code: ZCode,
    amount: decimal("Amount"),
    currencyId: z.enum(CURRENCY_IDS),
    isPublic: z.boolean(),
    isHidden: z.boolean(),
    // When the promo becomes claimable ("" or left out = at once); before it the promo is scheduled.
    startsAt: z.union([z.literal(""), z.iso.datetime({ offset: true })]).optional(),
    expiresAt: z.union([z.literal(""), z.iso.datetime({ offset: true })]).optional(),
    claimsLeft: z.union([z.literal(""), z.string().regex(/^\d{1,9}$/, "Whole number of claims")]).optional(),
    minKYCLevelToClaim: z.enum(KYC_LEVELS),
    minTotalWagerUsdToClaim: decimal("Minimum wagered"),
    bonusMultiplier: decimal("Match", INT_DIGITS.promoMultiplier),
    maxBonusUsdAmount: optionalDecimal("Max bonus"),
    timeToComplete: z.string().trim().regex(/^\d{0,6}$/, "Whole number").optional(),
    timeUnit: z.enum(["minutes", "hours", "days"]),
    wagerMultiplierToComplete: decimal("Wager multiplier", INT_DIGITS.promoMultiplier),
    affiliateCodeId: z.string().trim().max(32).optional(),
    // What a withdrawal does to an ACTIVE bonus of this promo. Left out (a form without the field),
    // a new promo gets the column's default (FORFEIT) and an edit keeps the stored policy.
    withdrawalPolicy: z.enum(WITHDRAWAL_POLICIES).optional(),
    // What a deposit bonus's wagering target multiplies. Like the policy: left out, a new promo gets
    // the column's default (DEPOSIT_AND_BONUS) and an edit keeps the stored basis.
    wageringBasis: z.enum(WAGERING_BASES).optional(),
    // Campaign controls. Like the policy, each left out keeps what is stored (a new promo: no budget,
    // ANY, no targeting); "" budget = none. Below what is already granted is refused by the save.
    budgetUsdAmount: optionalDecimal("Budget"),
    depositRule: z.enum(DEPOSIT_RULES).optional(),
    countries: ZCountrySet.optional(),
    excludedCountries: ZCountrySet.optional(),
    requiredTags: ZTagSet.optional(),
    excludedTags: ZTagSet.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.type === "DEPOSIT" && !(Number(v.timeToComplete || "0") > 0)) {
      ctx.addIssue({ code: "custom", path: ["timeToComplete"], message: "A deposit bonus needs time to complete" });
    }
    // Stored in seconds as an int4 (about 68 years).
    if (Number(v.timeToComplete || "0") * TIME_UNITS[v.timeUnit] > INT4_MAX) {
      ctx.addIssue({ code: "custom", path: ["timeToComplete"], message: "Choose at most 24,855 days" });
    }
    if (v.type === "INSTANT" && !/[1-9]/.test(v.amount)) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "An instant promo credits more than 0" });
    }
    if (!v.isPublic && !v.affiliateCodeId) {
      ctx.addIssue({ code: "custom", path: ["affiliateCodeId"], message: "A private promo must be exclusive to an affiliate code" });
    }
    // A zero budget would make a promo exhausted from the start: say "no budget" with an empty field.
    if (v.budgetUsdAmount && !/[1-9]/.test(v.budgetUsdAmount)) {
      ctx.addIssue({ code: "custom", path: ["budgetUsdAmount"], message: "A budget is above 0; leave it empty for no budget" });
    }
    const both = (a: string[] = [], b: string[] = []) => a.filter((x) => b.includes(x));
    const countriesInBoth = both(v.countries, v.excludedCountries);
    if (countriesInBoth.length > 0) {
      ctx.addIssue({ code: "custom", path: ["excludedCountries"], message: `Allowed and excluded at once: ${countriesInBoth.join(", ")}` });
    }
    const tagsInBoth = both(v.requiredTags, v.excludedTags);
    if (tagsInBoth.length > 0) {
      ctx.addIssue({ code: "custom", path: ["excludedTags"], message: `Required and excluded at once: ${tagsInBoth.join(", ")}` });
    }
    if (v.expiresAt && new Date(v.expiresAt).getTime() <= Date.now()) {
      ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "Choose a time in the future" });
    } else if (v.expiresAt && v.startsAt && new Date(v.expiresAt).getTime() <= new Date(v.startsAt).getTime()) {
      // A start in the past is fine (an edit of a promo that already started keeps it).
      ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "Choose an expiry after the start" });
    }
  });
export type TPromoCodeInput = z.input<typeof ZPromoCodeInput>;
export type TPromoCodeParsed = z.output<typeof ZPromoCodeInput>;

export const PROMO_DEFAULTS: Record<"INSTANT" | "DEPOSIT", TPromoCodeInput> = {
  INSTANT: {
    title: "", description: "", type: "INSTANT", code: "", amount: "5", currencyId: "USDT", isPublic: true, isHidden: false,
    startsAt: "", expiresAt: "", claimsLeft: "", minKYCLevelToClaim: "NONE", minTotalWagerUsdToClaim: "0", bonusMultiplier: "0",
    maxBonusUsdAmount: "", timeToComplete: "", timeUnit: "days", wagerMultiplierToComplete: "0", affiliateCodeId: "",
    withdrawalPolicy: "FORFEIT", wageringBasis: "DEPOSIT_AND_BONUS", budgetUsdAmount: "", depositRule: "ANY", countries: [], excludedCountries: [], requiredTags: [], excludedTags: [],
  },
  DEPOSIT: {
    title: "", description: "", type: "DEPOSIT", code: "", amount: "20", currencyId: "USDT", isPublic: true, isHidden: false,
    startsAt: "", expiresAt: "", claimsLeft: "", minKYCLevelToClaim: "NONE", minTotalWagerUsdToClaim: "0", bonusMultiplier: "1",
    maxBonusUsdAmount: "500", timeToComplete: "7", timeUnit: "days", wagerMultiplierToComplete: "30", affiliateCodeId: "",
    withdrawalPolicy: "FORFEIT", wageringBasis: "DEPOSIT_AND_BONUS", budgetUsdAmount: "", depositRule: "ANY", countries: [], excludedCountries: [], requiredTags: [], excludedTags: [],
  },
};

/** The form's time fields as stored seconds (seconds × unit; never a Date's milliseconds). */
export function toSeconds(value: string | undefined, unit: keyof typeof TIME_UNITS): number | null {
  const n = Number(value || "0");
  return n > 0 ? n * TIME_UNITS[unit] : null;
}

/** Stored seconds back to the largest whole unit for the form. */
export function fromSeconds(seconds: number | null): { timeToComplete: string; timeUnit: keyof typeof TIME_UNITS } {
  if (!seconds) return { timeToComplete: "", timeUnit: "days" };
  for (const unit of ["days", "hours", "minutes"] as const) {
    if (seconds % TIME_UNITS[unit] === 0) return { timeToComplete: String(seconds / TIME_UNITS[unit]), timeUnit: unit };
  }
  return { timeToComplete: String(Math.ceil(seconds / 60)), timeUnit: "minutes" };
}

export const ZWhitelistInput = z.object({
  promoCodeId: z.uuid(),
  rows: z
    .array(
      z.object({
        gameId: ZInt4Id,
        maxBetAmount: z.union([z.literal(""), decimal("Max bet").refine((v) => /[1-9]/.test(v), "Max bet must be above 0")]),
        wagerMultiplier: decimal("Weight").refine((v) => Number(v) <= 10, "Weight is 0 to 10"),
        enabled: z.boolean(),
      }),
    )
    .max(500)
    .refine((rows) => new Set(rows.map((r) => r.gameId)).size === rows.length, "A game is listed twice"),
});
export type TWhitelistInput = z.input<typeof ZWhitelistInput>;

export const ZPromoIdInput = z.object({ id: z.uuid() });
export const ZCancelClaimInput = z.object({ claimId: z.uuid(), reason: z.string().trim().min(3, "Give a reason").max(500) });
export const ZEligibilityInput = z.object({ promoCodeId: z.uuid(), playerId: z.coerce.number().int().positive("Enter a player id").max(INT4_MAX, "No such player id") });

export const PROMO_STATUSES = ["active", "scheduled", "expired", "exhausted", "inactive"] as const;
export const ZPromoListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  type: z.enum(["INSTANT", "DEPOSIT"]).optional().catch(undefined),
  status: z.enum(PROMO_STATUSES).optional().catch(undefined),
  currency: z.enum(CURRENCY_IDS).optional().catch(undefined),
  visibility: z.enum(["public", "hidden", "private"]).optional().catch(undefined),
  exclusive: z.enum(["yes", "no"]).optional().catch(undefined),
  budget: z.enum(["nearly-spent"]).optional().catch(undefined),
  // Promos whose terms pass this jurisdiction's rules (a configured code; an unknown one matches none).
  jurisdiction: z.string().trim().toUpperCase().refine(isJurisdictionCode).optional().catch(undefined),
  sort: z.enum(["created", "code", "expires", "claims"]).catch("created"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type TPromoListQuery = z.output<typeof ZPromoListQuery>;
