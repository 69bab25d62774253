// The claim conditions of SPEC §2, in their order of precedence. Pure: the caller gathers the facts
// inside its transaction; the database enforces the racy ones (one claim per user, claimsLeft, one
// open deposit bonus) and this decides which error a failure reports.
import type { TErrorCode } from "@/lib/domain/errors";
import { compareDecimal } from "@/lib/domain/money/decimal";
import { isPromoExhausted, isPromoExpired } from "@/lib/domain/promos/live";
import { KYC_LEVELS, type TKycLevel } from "@/lib/schemas/enums";


/** The claim errors, in the order of precedence, with the message a player reads (statuses: lib/domain/errors). */
export const CLAIM_ERRORS = {
  PROMO_NOT_FOUND: "No active promo has this code.",
  ALREADY_CLAIMED: "You have already claimed this promo.",
  PROMO_EXPIRED: "This promo has expired.",
  PROMO_EXHAUSTED: "This promo has no claims left.",
  NOT_ELIGIBLE: "You are not eligible for this promo.",
  KYC_LEVEL_TOO_LOW: "Your verification level is too low for this promo.",
  WAGER_TOO_LOW: "You haven't wagered enough to claim this promo.",
  ACTIVE_BONUS_EXISTS: "You already have an open deposit bonus.",
} as const satisfies Partial<Record<TErrorCode, string>>;
export type TClaimError = keyof typeof CLAIM_ERRORS;

export type TClaimFacts = {
  promo: {
    type: "INSTANT" | "DEPOSIT";
    expiresAt: Date | null;
    claimsLeft: number | null;
    affiliateCodeId: string | null;
    minKYCLevelToClaim: TKycLevel;
    minTotalWagerUsdToClaim: string;
  };
  player: { bonusBlocked: boolean; affiliateCodeId: string | null; kycLevel: TKycLevel; wageredUsdAmount: string };
  alreadyClaimed: boolean;
  hasOpenDepositBonus: boolean;
  now: Date;
};

export type TClaimCheck = { rule: TClaimError; passed: boolean; detail: string };

/** Every condition after "the promo exists", in the spec's order, each with whether it holds and why. */
export function checkClaimRules(f: TClaimFacts): TClaimCheck[] {
  const { promo, player } = f;
  const exclusiveOk = !promo.affiliateCodeId || player.affiliateCodeId === promo.affiliateCodeId;
  return [
    { rule: "ALREADY_CLAIMED", passed: !f.alreadyClaimed, detail: f.alreadyClaimed ? "claimed before" : "not claimed yet" },
    {
      rule: "PROMO_EXPIRED",
      passed: !isPromoExpired(promo.expiresAt, f.now),
      detail: promo.expiresAt ? `expires ${promo.expiresAt.toISOString()}` : "never expires",
    },
    {
      rule: "PROMO_EXHAUSTED",
      passed: !isPromoExhausted(promo.claimsLeft),
      detail: promo.claimsLeft === null ? "unlimited claims" : `${promo.claimsLeft} claims left`,
    },
    {
      rule: "NOT_ELIGIBLE",
      passed: !player.bonusBlocked && exclusiveOk,
      detail: player.bonusBlocked
        ? "player is bonus-blocked"
        : exclusiveOk
          ? promo.affiliateCodeId
            ? `referred by ${promo.affiliateCodeId}`
            : "no restriction"
          : `exclusive to players referred by ${promo.affiliateCodeId}`,
    },
    {
      rule: "KYC_LEVEL_TOO_LOW",
      passed: KYC_LEVELS.indexOf(player.kycLevel) >= KYC_LEVELS.indexOf(promo.minKYCLevelToClaim),
      detail: `player ${player.kycLevel}, needs ${promo.minKYCLevelToClaim}`,
    },
    {
      rule: "WAGER_TOO_LOW",
      passed: compareDecimal(player.wageredUsdAmount, promo.minTotalWagerUsdToClaim) >= 0,
      detail: `wagered $${player.wageredUsdAmount}, needs $${promo.minTotalWagerUsdToClaim}`,
    },
    {
      rule: "ACTIVE_BONUS_EXISTS",
      passed: promo.type !== "DEPOSIT" || !f.hasOpenDepositBonus,
      detail: promo.type !== "DEPOSIT" ? "instant promo" : f.hasOpenDepositBonus ? "an open deposit bonus exists" : "none open",
    },
  ];
}

/** The error a claim reports: the first condition that fails, or null. */
export function firstClaimFailure(f: TClaimFacts): TClaimError | null {
  return checkClaimRules(f).find((c) => !c.passed)?.rule ?? null;
}
