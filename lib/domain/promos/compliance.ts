// The one compliance function (jurisdiction rules): does a promo's terms pass a regulator's rules,
// and if not, which rule failed and why, in words an operator reads. Called by the claim rules
// (claim, claimable list, eligibility check), by the deposit activation (firstBonusOnly again) and,
// live, by the promo form. Pure; exact decimals (decimal.js).

import Decimal from "decimal.js";

import { toUsd } from "@/lib/domain/money/decimal";
import type { TWageringBasis } from "@/lib/schemas/enums";
import type { TJurisdictionRow } from "@/lib/schemas/jurisdictions";

/** A jurisdiction's rules as stored (money as decimal strings); null = no rule. */
export type TJurisdictionRules = TJurisdictionRow;

/** The promo terms the rules judge. */
export type TComplianceTerms = {
  type: "INSTANT" | "DEPOSIT";
  wageringBasis: TWageringBasis;
  wagerMultiplierToComplete: string;
  /** DEPOSIT: the bonus cap in USD (null = uncapped). */
  maxBonusUsdAmount: string | null;
  /** INSTANT: the credit in USD (null when no rate converts it yet). */
  instantUsdAmount: string | null;
  timeSecondsToComplete: number | null;
};

/** The rules in the order they are checked; the first failing one is named (`details.rule`). */
export const COMPLIANCE_RULES = ["bonusesAllowed", "maxWagerMultiplier", "maxBonusUsdAmount", "minSecondsToComplete", "firstBonusOnly"] as const;
export type TComplianceRule = (typeof COMPLIANCE_RULES)[number];

export type TComplianceResult = { passed: true; message: string } | { passed: false; rule: TComplianceRule; message: string };

const times = (m: string) => `${new Decimal(m).toFixed()}×`;
const usd = (v: string) => `$${toUsd(v).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;

/** Seconds in words: "60 days", "59 days 23 h 59 min 59 s". */
export function durationWords(seconds: number): string {
  const parts: string[] = [];
  let left = seconds;
  for (const [unit, size] of [["days", 86_400], ["h", 3600], ["min", 60], ["s", 1]] as const) {
    const n = Math.floor(left / size);
    left -= n * size;
    if (n > 0) parts.push(unit === "days" ? `${n} day${n === 1 ? "" : "s"}` : `${n} ${unit}`);
  }
  return parts.join(" ") || "0 s";
}

/**
 * Whether `terms` pass `j`'s rules, in their order (SPEC: bonusesAllowed; DEPOSIT: maxWagerMultiplier,
 * which also requires the BONUS basis; maxBonusUsdAmount, where uncapped fails; DEPOSIT:
 * minSecondsToComplete; firstBonusOnly). `player` says whether this player was ever granted a bonus;
 * null judges the terms alone (the form), where firstBonusOnly can't fail. An INSTANT credit has no
 * wagering, so the wagering and time rules don't apply to it.
 */
export function checkCompliance(terms: TComplianceTerms, j: TJurisdictionRules, player: { hasReceivedBonus: boolean } | null): TComplianceResult {
  const fail = (rule: TComplianceRule, why: string): TComplianceResult => ({ passed: false, rule, message: `${j.code}: ${why}` });
  const deposit = terms.type === "DEPOSIT";

  if (j.bonusesAllowed === false) return fail("bonusesAllowed", "bonuses are not allowed");

  if (deposit && j.maxWagerMultiplier !== null) {
    const m = terms.wagerMultiplierToComplete;
    if (terms.wageringBasis !== "BONUS") {
      return fail("maxWagerMultiplier", `wagering ${times(m)} the deposit and bonus; ${j.code} requires ≤ ${times(j.maxWagerMultiplier)} the bonus only`);
    }
    if (new Decimal(m).gt(j.maxWagerMultiplier)) {
      return fail("maxWagerMultiplier", `wagering ${times(m)} the bonus; ${j.code} requires ≤ ${times(j.maxWagerMultiplier)}`);
    }
  }

  if (j.maxBonusUsdAmount !== null) {
    const cap = j.maxBonusUsdAmount;
    if (deposit) {
      if (terms.maxBonusUsdAmount === null) return fail("maxBonusUsdAmount", `the bonus is uncapped; ${j.code} allows at most ${usd(cap)}`);
      if (new Decimal(terms.maxBonusUsdAmount).gt(cap)) {
        return fail("maxBonusUsdAmount", `a bonus up to ${usd(terms.maxBonusUsdAmount)}; ${j.code} allows at most ${usd(cap)}`);
      }
    } else {
      if (terms.instantUsdAmount === null) return fail("maxBonusUsdAmount", `the credit has no USD value yet; ${j.code} allows at most ${usd(cap)}`);
      if (new Decimal(terms.instantUsdAmount).gt(cap)) {
        return fail("maxBonusUsdAmount", `a ${usd(terms.instantUsdAmount)} credit; ${j.code} allows at most ${usd(cap)}`);
      }
    }
  }

  if (deposit && j.minSecondsToComplete !== null && (terms.timeSecondsToComplete ?? 0) < j.minSecondsToComplete) {
    return fail(
      "minSecondsToComplete",
      `${durationWords(terms.timeSecondsToComplete ?? 0)} to complete; ${j.code} requires at least ${durationWords(j.minSecondsToComplete)}`,
    );
  }

  if (j.firstBonusOnly && player?.hasReceivedBonus) return fail("firstBonusOnly", `only a player's first bonus; this player has had one`);

  return { passed: true, message: j.firstBonusOnly ? `${j.code}: passes (a player's first bonus only)` : `${j.code}: passes` };
}

/** The form's live verdict: every configured jurisdiction, judged on the terms alone. */
export function complianceVerdicts(terms: TComplianceTerms, jurisdictions: TJurisdictionRules[]) {
  return jurisdictions.map((j) => ({ code: j.code, ...checkCompliance(terms, j, null) }));
}
