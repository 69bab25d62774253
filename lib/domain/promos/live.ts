// "Is the promo live?" for one promo already read (SPEC §2/§3): active, started, not past its
// expiry, with a claim left and its budget not spent. Scheduled = all of that but not started yet. Sets are filtered by the same rule in SQL
// (lib/server/promo-codes/live.ts); an integration test holds the two to the same answers at every
// boundary.

import { isBudgetSpent } from "@/lib/domain/promos/budget";

export type TPromoState = "active" | "scheduled" | "expired" | "exhausted" | "inactive";

export type TPromoLiveness = {
  isActive: boolean | null;
  startsAt: Date | null;
  expiresAt: Date | null;
  claimsLeft: number | null;
  budgetUsdAmount: string | null;
  grantedUsdAmount: string;
};

/** Expired at `at`: an expiry at or before that instant (the expiry itself is already too late). */
export function isPromoExpired(expiresAt: Date | null, at: Date): boolean {
  return expiresAt !== null && expiresAt.getTime() <= at.getTime();
}

/** Not started at `at`: a start after that instant (the start itself is already on). */
export function isPromoNotStarted(startsAt: Date | null, at: Date): boolean {
  return startsAt !== null && startsAt.getTime() > at.getTime();
}

/** Exhausted: a claim limit with none left (null is unlimited), or a budget with nothing left. */
export function isPromoExhausted(p: Pick<TPromoLiveness, "claimsLeft" | "budgetUsdAmount" | "grantedUsdAmount">): boolean {
  return (p.claimsLeft !== null && p.claimsLeft <= 0) || isBudgetSpent(p);
}

export function promoState(p: TPromoLiveness, at: Date): TPromoState {
  if (!p.isActive) return "inactive";
  if (isPromoExpired(p.expiresAt, at)) return "expired";
  if (isPromoExhausted(p)) return "exhausted";
  if (isPromoNotStarted(p.startsAt, at)) return "scheduled";
  return "active";
}
