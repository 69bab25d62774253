// A promo's budget (campaign controls): the most USD it may ever grant. The database holds the
// racy part (conditional updates take from it, a CHECK keeps grantedUsdAmount ≤ budgetUsdAmount);
// this is how a budget read is judged and shown. Exact decimals (decimal.js), never numbers.

import DecimalJs from "decimal.js";

// Exact at every accepted size (budgets < 1e12 with 18 decimals); the default 20 digits would round.
const Decimal = DecimalJs.clone({ precision: 80 });

/** "Nearly spent" for the list's filter and the dashboard's budget-burn card: this share used or more. */
export const BUDGET_NEARLY_SPENT_RATIO = "0.8";

export type TBudget = { budgetUsdAmount: string | null; grantedUsdAmount: string };

/** USD left to grant; null for a promo without a budget. Never below 0. */
export function budgetLeft(b: TBudget): string | null {
  if (b.budgetUsdAmount === null) return null;
  return Decimal.max(new Decimal(b.budgetUsdAmount).sub(b.grantedUsdAmount), 0).toFixed();
}

/** Spent: a budget with nothing left. The promo is then exhausted (not listed; new claims PROMO_EXHAUSTED). */
export function isBudgetSpent(b: TBudget): boolean {
  const left = budgetLeft(b);
  return left !== null && new Decimal(left).lte(0);
}

/**
 * Whether a grant fits what is left: an INSTANT credit of `grantUsd` must fit whole; a deposit
 * bonus (`grantUsd` null: not known before the deposit) needs only something left, since its
 * activation grants min(bonus, left).
 */
export function grantFits(b: TBudget, grantUsd: string | null): boolean {
  const left = budgetLeft(b);
  if (left === null) return true;
  return grantUsd === null ? new Decimal(left).gt(0) : new Decimal(left).gte(grantUsd);
}

/** The share of the budget used, 0..1 (null without a budget; a zero budget is fully used). */
export function budgetUsedRatio(b: TBudget): number | null {
  if (b.budgetUsdAmount === null) return null;
  const budget = new Decimal(b.budgetUsdAmount);
  if (budget.lte(0)) return 1;
  return Decimal.min(new Decimal(b.grantedUsdAmount).div(budget), 1).toNumber();
}

/** How many grants of `maxGrantUsd` (the maximum bonus, or the INSTANT credit) the rest still covers; null when uncapped or unbudgeted. */
export function grantsCovered(left: string | null, maxGrantUsd: string | null): number | null {
  if (left === null || maxGrantUsd === null || new Decimal(maxGrantUsd).lte(0)) return null;
  return new Decimal(left).div(maxGrantUsd).floor().toNumber();
}
