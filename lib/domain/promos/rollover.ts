// Deposit-bonus rollover maths (SPEC §2). Decimal throughout: a float would lose cents on the way.
import Decimal from "decimal.js";

export type TDepositTerms = {
  bonusMultiplier: string;
  maxBonusUsdAmount: string | null;
  wagerMultiplierToComplete: string;
  timeSecondsToComplete: number;
};

export type TActivation = {
  baseUsdAmount: string;
  bonusUsdAmount: string;
  wagerUsdAmountToComplete: string;
  expiresAt: Date;
};

/** The terms snapshotted when a deposit activates a claim. */
export function activationTerms(terms: TDepositTerms, deposit: { usdAmount: string; createdAt: Date }): TActivation {
  const base = new Decimal(deposit.usdAmount);
  let bonus = base.mul(terms.bonusMultiplier);
  if (terms.maxBonusUsdAmount !== null) bonus = Decimal.min(bonus, terms.maxBonusUsdAmount);
  const target = base.add(bonus).mul(terms.wagerMultiplierToComplete);
  return {
    baseUsdAmount: base.toFixed(),
    bonusUsdAmount: bonus.toFixed(),
    wagerUsdAmountToComplete: target.toFixed(),
    // Seconds × 1000 added to epoch milliseconds (getTime), never to the 0–999 millisecond field.
    expiresAt: new Date(deposit.createdAt.getTime() + terms.timeSecondsToComplete * 1000),
  };
}

export type TWhitelistRow = { gameId: number; enabled: boolean; maxBetAmount: string | null; wagerMultiplier: string };

/**
 * What one bet adds to a bonus's wagering. With no whitelist rows every game counts at weight 1;
 * with rows, only enabled games count, at their weight, and a bet above the row's max bet counts 0
 * and is a violation.
 */
export function betContribution(
  bet: { gameId: number; usdAmount: string },
  whitelist: TWhitelistRow[],
): { usd: string; violation: boolean } {
  if (whitelist.length === 0) return { usd: new Decimal(bet.usdAmount).toFixed(), violation: false };
  const row = whitelist.find((w) => w.gameId === bet.gameId && w.enabled);
  if (!row) return { usd: "0", violation: false };
  if (row.maxBetAmount !== null && new Decimal(bet.usdAmount).gt(row.maxBetAmount)) return { usd: "0", violation: true };
  return { usd: new Decimal(bet.usdAmount).mul(row.wagerMultiplier).toFixed(), violation: false };
}

/** Does a bet dated `at` count toward a bonus active over [activatedAt, expiresAt)? */
export function betInWindow(at: Date, window: { activatedAt: Date; expiresAt: Date }): boolean {
  return at.getTime() >= window.activatedAt.getTime() && at.getTime() < window.expiresAt.getTime();
}

export function isComplete(wagered: string, target: string): boolean {
  return new Decimal(wagered).gte(target);
}

/** Reads never write: an ACTIVE bonus past its expiry reads as EXPIRED until the worker records it. */
export function effectiveStatus<S extends string>(status: S, expiresAt: Date | null, now: Date): S | "EXPIRED" {
  return status === "ACTIVE" && expiresAt && expiresAt.getTime() <= now.getTime() ? "EXPIRED" : status;
}
