// The bounds every accepted value stays within, chosen so that the database can always hold the
// result of the arithmetic done on it (SPEC §7). Money columns are numeric(38,18): at most 20 digits
// before the point, so every product below stays under 1e20:
//   event amount (< 1e12) × USD rate (< 1e7)            < 1e19   deposit and bet USD values
//   bet USD (< 1e12) × payout multiplier (< 1e7)         < 1e19   payoutUsd
//   (deposit + bonus) USD (< 1e12 + 1e15) × wager multiplier (< 1e3)  < 1e19   rollover target
//   reward or prize (< 1e12) × USD rate (< 1e7)          < 1e19
// Sums over a lifetime (a player's stats, a board's score) can still reach the ceiling after ~1e7
// maximal events; such an event is rejected alone with OUT_OF_RANGE (lib/server/ingest/batch.ts).

/** PostgreSQL int4: user ids, game ids, positions. */
export const INT4_MAX = 2_147_483_647;

/** Digits allowed before the decimal point, per kind of value. */
export const INT_DIGITS = {
  /** An amount in a currency or in USD on an event, a promo, a reward or a prize. */
  amount: 12,
  /** A payout in a currency: amount × payout multiplier. */
  payout: 19,
  /** A bet's payout multiplier. */
  payoutMultiplier: 7,
  /** A USD rate of one unit of a currency. */
  usdRate: 7,
  /** A promo's match (bonusMultiplier) and wagering (wagerMultiplierToComplete) multipliers. */
  promoMultiplier: 3,
} as const;

/** Digits allowed after the point (numeric(38,18)). */
export const FRACTION_DIGITS = 18;
