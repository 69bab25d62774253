// Display names shared by pages (client and server components).

import type { TIneligibleReason } from "@/lib/domain/promos/claim-rules";

export const LEDGER_KIND_LABELS: Record<string, string> = {
  INSTANT_CREDIT: "Instant promo credit",
  BONUS_GRANT: "Deposit bonus granted",
  BONUS_RELEASE: "Bonus released to cash",
  BONUS_FORFEIT: "Bonus forfeited",
  CHALLENGE_REWARD: "Challenge reward",
  LEADERBOARD_PRIZE: "Leaderboard prize",
  COMMISSION_CLAIM: "Affiliate commission claimed",
};

/** Why a claim is NOT_ELIGIBLE, in words (the eligibility check, the player page). */
export const INELIGIBLE_REASON_LABELS: Record<TIneligibleReason, string> = {
  BONUS_BLOCKED: "blocked or paused from bonuses",
  OPTED_OUT: "opted out of bonuses",
  AFFILIATE_ONLY: "affiliate-only",
  DEPOSIT_RULE: "deposit rule",
  COUNTRY: "country",
  TAG: "segment tags",
  JURISDICTION: "jurisdiction rules",
};
