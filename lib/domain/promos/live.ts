// "Is the promo live?" for one promo already read (SPEC §2/§3): active, not past its expiry, and with
// a claim left. Sets are filtered by the same rule in SQL (lib/server/promo-codes/live.ts); an
// integration test holds the two to the same answers at every boundary.

export type TPromoState = "active" | "expired" | "exhausted" | "inactive";

export type TPromoLiveness = { isActive: boolean | null; expiresAt: Date | null; claimsLeft: number | null };

/** Expired at `at`: an expiry at or before that instant (the expiry itself is already too late). */
export function isPromoExpired(expiresAt: Date | null, at: Date): boolean {
  return expiresAt !== null && expiresAt.getTime() <= at.getTime();
}

/** Exhausted: a claim limit with none left (null is unlimited). */
export function isPromoExhausted(claimsLeft: number | null): boolean {
  return claimsLeft !== null && claimsLeft <= 0;
}

export function promoState(p: TPromoLiveness, at: Date): TPromoState {
  if (!p.isActive) return "inactive";
  if (isPromoExpired(p.expiresAt, at)) return "expired";
  if (isPromoExhausted(p.claimsLeft)) return "exhausted";
  return "active";
}
