// The claim conditions of SPEC §2, in their order of precedence. Pure: the caller gathers the facts
// inside its transaction; the database enforces the racy ones (one claim per user, claimsLeft, one
// open deposit bonus) and this decides which error a failure reports.
import { compareDecimal } from "@/lib/domain/money/decimal";

export const KYC_ORDER = ["NONE", "LEVEL_1", "LEVEL_2", "LEVEL_3"] as const;
export type TKycLevel = (typeof KYC_ORDER)[number];

export const CLAIM_ERRORS = {
  PROMO_NOT_FOUND: { status: 404, message: "No active promo has this code." },
  ALREADY_CLAIMED: { status: 409, message: "You have already claimed this promo." },
  PROMO_EXPIRED: { status: 410, message: "This promo has expired." },
  PROMO_EXHAUSTED: { status: 410, message: "This promo has no claims left." },
  NOT_ELIGIBLE: { status: 403, message: "You are not eligible for this promo." },
  KYC_LEVEL_TOO_LOW: { status: 403, message: "Your verification level is too low for this promo." },
  WAGER_TOO_LOW: { status: 403, message: "You haven't wagered enough to claim this promo." },
  ACTIVE_BONUS_EXISTS: { status: 409, message: "You already have an open deposit bonus." },
} as const;
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
      passed: !promo.expiresAt || promo.expiresAt.getTime() > f.now.getTime(),
      detail: promo.expiresAt ? `expires ${promo.expiresAt.toISOString()}` : "never expires",
    },
    {
      rule: "PROMO_EXHAUSTED",
      passed: promo.claimsLeft === null || promo.claimsLeft > 0,
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
      passed: KYC_ORDER.indexOf(player.kycLevel) >= KYC_ORDER.indexOf(promo.minKYCLevelToClaim),
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
