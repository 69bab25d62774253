// Display names shared by pages (client and server components).

export const LEDGER_KIND_LABELS: Record<string, string> = {
  INSTANT_CREDIT: "Instant promo credit",
  BONUS_GRANT: "Deposit bonus granted",
  BONUS_RELEASE: "Bonus released to cash",
  BONUS_FORFEIT: "Bonus forfeited",
  CHALLENGE_REWARD: "Challenge reward",
  LEADERBOARD_PRIZE: "Leaderboard prize",
  COMMISSION_CLAIM: "Affiliate commission claimed",
};
