// Deposit-bonus activation terms (SPEC §2): the one source, called by the deposit ingest when it
// activates a claim and by the promo form's preview. What each bet adds afterwards is set-based SQL
// (lib/server/rollover/apply.ts), tested against hand-worked cases in tests/integration.
import DecimalJs from "decimal.js";

import type { TWageringBasis } from "@/lib/schemas/enums";

// Exact for every accepted input: amounts < 1e12 with 18 decimals times multipliers < 1,000 need
// ~50 significant digits; decimal.js's default of 20 would round them.
const Decimal = DecimalJs.clone({ precision: 80 });

export type TDepositTerms = {
  bonusMultiplier: string;
  maxBonusUsdAmount: string | null;
  wagerMultiplierToComplete: string;
  timeSecondsToComplete: number;
  /** What the target multiplies (default DEPOSIT_AND_BONUS): the deposit and the bonus, or the bonus alone. */
  wageringBasis?: TWageringBasis;
};

export type TActivation = {
  baseUsdAmount: string;
  bonusUsdAmount: string;
  wagerUsdAmountToComplete: string;
  expiresAt: Date;
};

/**
 * The terms snapshotted when a deposit activates a claim. `grantedCapUsd` is what the promo's budget
 * let this activation take (null: no budget): the bonus is what was granted, and the target is
 * computed from it.
 */
export function activationTerms(
  terms: TDepositTerms,
  deposit: { usdAmount: string; createdAt: Date },
  grantedCapUsd: string | null = null,
): TActivation {
  const base = new Decimal(deposit.usdAmount);
  let bonus = base.mul(terms.bonusMultiplier);
  if (terms.maxBonusUsdAmount !== null) bonus = Decimal.min(bonus, terms.maxBonusUsdAmount);
  if (grantedCapUsd !== null) bonus = Decimal.min(bonus, grantedCapUsd);
  const target = (terms.wageringBasis === "BONUS" ? bonus : base.add(bonus)).mul(terms.wagerMultiplierToComplete);
  return {
    baseUsdAmount: base.toFixed(),
    bonusUsdAmount: bonus.toFixed(),
    wagerUsdAmountToComplete: target.toFixed(),
    // Seconds × 1000 added to epoch milliseconds (getTime), never to the 0–999 millisecond field.
    expiresAt: new Date(deposit.createdAt.getTime() + terms.timeSecondsToComplete * 1000),
  };
}

/** Reads never write: an ACTIVE bonus past its expiry reads as EXPIRED until the worker records it. */
export function effectiveStatus<S extends string>(status: S, expiresAt: Date | null, now: Date): S | "EXPIRED" {
  return status === "ACTIVE" && expiresAt && expiresAt.getTime() <= now.getTime() ? "EXPIRED" : status;
}
