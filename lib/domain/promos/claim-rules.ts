// The claim conditions of SPEC §2, in their order of precedence. Pure: the caller gathers the facts
// inside its transaction (lib/server/claims/facts.ts); the database enforces the racy ones (one
// claim per user, claimsLeft, the budget, one open deposit bonus) and this decides which error a
// failure reports. The claim, the claimable-promos list and the back office's eligibility check all
// judge with this one function.
import type { TErrorCode } from "@/lib/domain/errors";
import { compareDecimal, toUsd } from "@/lib/domain/money/decimal";
import { budgetLeft, grantFits } from "@/lib/domain/promos/budget";
import { checkCompliance, type TComplianceRule, type TComplianceTerms, type TJurisdictionRules } from "@/lib/domain/promos/compliance";
import { isPromoExpired, isPromoNotStarted } from "@/lib/domain/promos/live";
import { KYC_LEVELS, type TDepositRule, type TKycLevel, type TWageringBasis } from "@/lib/schemas/enums";


/** The claim errors, in the order of precedence, with the message a player reads (statuses: lib/domain/errors). */
export const CLAIM_ERRORS = {
  PROMO_NOT_FOUND: "No active promo has this code.",
  ALREADY_CLAIMED: "You have already claimed this promo.",
  PROMO_NOT_STARTED: "This promo hasn't started yet.",
  PROMO_EXPIRED: "This promo has expired.",
  PROMO_EXHAUSTED: "This promo has no claims left.",
  NOT_ELIGIBLE: "You are not eligible for this promo.",
  KYC_LEVEL_TOO_LOW: "Your verification level is too low for this promo.",
  WAGER_TOO_LOW: "You haven't wagered enough to claim this promo.",
  ACTIVE_BONUS_EXISTS: "You already have an open deposit bonus.",
} as const satisfies Partial<Record<TErrorCode, string>>;
export type TClaimError = keyof typeof CLAIM_ERRORS;

/** Why NOT_ELIGIBLE, in the order they are checked (the claim API's `details.reason`). */
export const INELIGIBLE_REASONS = ["BONUS_BLOCKED", "OPTED_OUT", "AFFILIATE_ONLY", "DEPOSIT_RULE", "COUNTRY", "TAG", "JURISDICTION"] as const;
export type TIneligibleReason = (typeof INELIGIBLE_REASONS)[number];

export type TClaimFacts = {
  promo: {
    type: "INSTANT" | "DEPOSIT";
    startsAt: Date | null;
    expiresAt: Date | null;
    claimsLeft: number | null;
    budgetUsdAmount: string | null;
    grantedUsdAmount: string;
    /** INSTANT: the credit in USD at the current rate (what the budget must fit; null while no rate is in force); DEPOSIT: null. */
    grantUsdAmount: string | null;
    affiliateCodeId: string | null;
    depositRule: TDepositRule;
    countries: string[];
    excludedCountries: string[];
    requiredTags: string[];
    excludedTags: string[];
    minKYCLevelToClaim: TKycLevel;
    minTotalWagerUsdToClaim: string;
    // The terms the jurisdiction rules judge.
    wageringBasis: TWageringBasis;
    wagerMultiplierToComplete: string;
    maxBonusUsdAmount: string | null;
    timeSecondsToComplete: number | null;
  };
  player: {
    bonusBlocked: boolean;
    /** A timed pause: no bonuses until then. */
    bonusBlockedUntil: Date | null;
    bonusOptOut: boolean;
    /** The jurisdiction that applies (User.jurisdiction, else the country) and its rules, if configured. */
    jurisdictionCode: string | null;
    jurisdiction: TJurisdictionRules | null;
    /** Ever granted a bonus: an INSTANT credit or an activated deposit bonus (firstBonusOnly). */
    hasReceivedBonus: boolean;
    affiliateCodeId: string | null;
    hasDeposited: boolean;
    country: string | null;
    tags: string[];
    kycLevel: TKycLevel;
    wageredUsdAmount: string;
  };
  alreadyClaimed: boolean;
  hasOpenDepositBonus: boolean;
  now: Date;
};

export type TClaimCheck = {
  rule: TClaimError;
  reason?: TIneligibleReason;
  /** JURISDICTION: the first failing jurisdiction rule (the API's `details.rule`). */
  complianceRule?: TComplianceRule;
  passed: boolean;
  detail: string;
};

const list = (xs: string[]) => xs.join(", ");

/** Blocked, or inside a pause at `now`. */
export function isBonusBlocked(player: Pick<TClaimFacts["player"], "bonusBlocked" | "bonusBlockedUntil">, now: Date): boolean {
  return player.bonusBlocked || (player.bonusBlockedUntil !== null && player.bonusBlockedUntil.getTime() > now.getTime());
}

/** The terms the compliance function judges, from a promo's claim facts (the claim rules and the list's filter). */
export function complianceTerms(promo: TClaimFacts["promo"]): TComplianceTerms {
  return {
    type: promo.type,
    wageringBasis: promo.wageringBasis,
    wagerMultiplierToComplete: promo.wagerMultiplierToComplete,
    maxBonusUsdAmount: promo.maxBonusUsdAmount,
    instantUsdAmount: promo.grantUsdAmount,
    timeSecondsToComplete: promo.timeSecondsToComplete,
  };
}

/** The jurisdiction check: the one compliance function on the promo's terms and the player's rules. */
function jurisdictionCheck({ promo, player }: TClaimFacts): TClaimCheck {
  if (!player.jurisdiction) {
    return { rule: "NOT_ELIGIBLE", reason: "JURISDICTION", passed: true, detail: player.jurisdictionCode ? `no rules configured for ${player.jurisdictionCode}` : "no jurisdiction" };
  }
  const verdict = checkCompliance(complianceTerms(promo), player.jurisdiction, { hasReceivedBonus: player.hasReceivedBonus });
  return verdict.passed
    ? { rule: "NOT_ELIGIBLE", reason: "JURISDICTION", passed: true, detail: verdict.message }
    : { rule: "NOT_ELIGIBLE", reason: "JURISDICTION", complianceRule: verdict.rule, passed: false, detail: verdict.message };
}

/** The NOT_ELIGIBLE conditions, one check per reason, in their order. */
function eligibilityChecks(f: TClaimFacts): TClaimCheck[] {
  const { promo, player } = f;
  const blocked = isBonusBlocked(player, f.now);
  const exclusiveOk = !promo.affiliateCodeId || player.affiliateCodeId === promo.affiliateCodeId;
  const depositOk =
    promo.depositRule === "FIRST_DEPOSIT" ? !player.hasDeposited : promo.depositRule === "RELOAD" ? player.hasDeposited : true;
  const inAllowed = promo.countries.length === 0 || (player.country !== null && promo.countries.includes(player.country));
  const excludedCountry = player.country !== null && promo.excludedCountries.includes(player.country);
  const hasRequiredTag = promo.requiredTags.length === 0 || promo.requiredTags.some((t) => player.tags.includes(t));
  const excludedTag = promo.excludedTags.filter((t) => player.tags.includes(t));
  const playerCountry = player.country ?? "no country";
  return [
    {
      rule: "NOT_ELIGIBLE",
      reason: "BONUS_BLOCKED",
      passed: !blocked,
      detail: player.bonusBlocked
        ? "the player is blocked from bonuses"
        : blocked
          ? `the player's bonuses are paused until ${player.bonusBlockedUntil!.toISOString()}`
          : "not blocked from bonuses",
    },
    {
      rule: "NOT_ELIGIBLE",
      reason: "OPTED_OUT",
      passed: !player.bonusOptOut,
      detail: player.bonusOptOut ? "the player has opted out of bonuses" : "not opted out",
    },
    {
      rule: "NOT_ELIGIBLE",
      reason: "AFFILIATE_ONLY",
      passed: exclusiveOk,
      detail: !promo.affiliateCodeId
        ? "open to every player"
        : exclusiveOk
          ? `referred by ${promo.affiliateCodeId}`
          : `only for players referred by ${promo.affiliateCodeId}`,
    },
    {
      rule: "NOT_ELIGIBLE",
      reason: "DEPOSIT_RULE",
      passed: depositOk,
      detail:
        promo.depositRule === "ANY"
          ? "any player, deposited or not"
          : promo.depositRule === "FIRST_DEPOSIT"
            ? depositOk ? "first deposit only: the player hasn't deposited yet" : "first deposit only: the player has already deposited"
            : depositOk ? "reload: the player has deposited before" : "reload only: the player hasn't deposited yet",
    },
    {
      rule: "NOT_ELIGIBLE",
      reason: "COUNTRY",
      passed: inAllowed && !excludedCountry,
      detail: excludedCountry
        ? `${playerCountry} is excluded`
        : !inAllowed
          ? `${playerCountry} is not among ${list(promo.countries)}`
          : promo.countries.length > 0
            ? `${playerCountry} is among ${list(promo.countries)}`
            : promo.excludedCountries.length > 0 ? `${playerCountry} is not excluded` : "every country",
    },
    {
      rule: "NOT_ELIGIBLE",
      reason: "TAG",
      passed: hasRequiredTag && excludedTag.length === 0,
      detail: excludedTag.length > 0
        ? `the player has the excluded tag ${list(excludedTag)}`
        : !hasRequiredTag
          ? `the player has none of the tags ${list(promo.requiredTags)}`
          : promo.requiredTags.length > 0 || promo.excludedTags.length > 0 ? "the player's tags pass" : "no tag rule",
    },
    jurisdictionCheck(f),
  ];
}

function exhaustionDetail(promo: TClaimFacts["promo"]): string {
  const claims = promo.claimsLeft === null ? "unlimited claims" : `${promo.claimsLeft} claims left`;
  const left = budgetLeft(promo);
  if (left === null) return claims;
  const fits = grantFits(promo, promo.grantUsdAmount);
  const budget = `$${toUsd(left)} of the budget left`;
  return `${claims}; ${fits ? budget : promo.grantUsdAmount === null ? "the budget is spent" : `${budget}, less than the $${toUsd(promo.grantUsdAmount)} credit`}`;
}

/** Every condition after "the promo exists", in the spec's order, each with whether it holds and why. */
export function checkClaimRules(f: TClaimFacts): TClaimCheck[] {
  const { promo, player } = f;
  return [
    { rule: "ALREADY_CLAIMED", passed: !f.alreadyClaimed, detail: f.alreadyClaimed ? "claimed before" : "not claimed yet" },
    {
      rule: "PROMO_NOT_STARTED",
      passed: !isPromoNotStarted(promo.startsAt, f.now),
      detail: promo.startsAt ? `starts ${promo.startsAt.toISOString()}` : "claimable at once",
    },
    {
      rule: "PROMO_EXPIRED",
      passed: !isPromoExpired(promo.expiresAt, f.now),
      detail: promo.expiresAt ? `expires ${promo.expiresAt.toISOString()}` : "never expires",
    },
    {
      rule: "PROMO_EXHAUSTED",
      passed: !(promo.claimsLeft !== null && promo.claimsLeft <= 0) && grantFits(promo, promo.grantUsdAmount),
      detail: exhaustionDetail(promo),
    },
    ...eligibilityChecks(f),
    {
      rule: "KYC_LEVEL_TOO_LOW",
      passed: KYC_LEVELS.indexOf(player.kycLevel) >= KYC_LEVELS.indexOf(promo.minKYCLevelToClaim),
      detail: `player ${player.kycLevel}, needs ${promo.minKYCLevelToClaim}`,
    },
    {
      rule: "WAGER_TOO_LOW",
      passed: compareDecimal(player.wageredUsdAmount, promo.minTotalWagerUsdToClaim) >= 0,
      detail: `wagered $${toUsd(player.wageredUsdAmount)}, needs $${toUsd(promo.minTotalWagerUsdToClaim)}`,
    },
    {
      rule: "ACTIVE_BONUS_EXISTS",
      passed: promo.type !== "DEPOSIT" || !f.hasOpenDepositBonus,
      detail: promo.type !== "DEPOSIT" ? "instant promo" : f.hasOpenDepositBonus ? "an open deposit bonus exists" : "none open",
    },
  ];
}

/** The failure a claim reports: the first condition that fails (with its reason for NOT_ELIGIBLE), or null. */
export function firstClaimFailure(f: TClaimFacts): TClaimCheck | null {
  return checkClaimRules(f).find((c) => !c.passed) ?? null;
}
