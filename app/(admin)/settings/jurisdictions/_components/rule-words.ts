import { COMPLIANCE_RULES, durationWords, type TComplianceRule, type TJurisdictionRules } from "@/lib/domain/promos/compliance";
import { formatUsd } from "@/lib/client/format";

/** Each rule's column heading, in the order the claim checks them. */
export const RULE_LABELS: Record<TComplianceRule, string> = {
  bonusesAllowed: "Bonuses",
  maxWagerMultiplier: "Wagering",
  maxBonusUsdAmount: "Bonus amount",
  minSecondsToComplete: "Time to complete",
  firstBonusOnly: "First bonus",
};

/** A rule in words ("Wagering ≤ 10× the bonus"), or null when the jurisdiction sets no such rule. */
export function ruleWords(j: TJurisdictionRules, rule: TComplianceRule): string | null {
  switch (rule) {
    case "bonusesAllowed":
      return j.bonusesAllowed === null ? null : j.bonusesAllowed ? "Bonuses: allowed" : "Bonuses: not allowed";
    case "maxWagerMultiplier":
      return j.maxWagerMultiplier === null ? null : `Wagering ≤ ${j.maxWagerMultiplier}× the bonus`;
    case "maxBonusUsdAmount":
      return j.maxBonusUsdAmount === null ? null : `Bonus ≤ ${formatUsd(j.maxBonusUsdAmount)}`;
    case "minSecondsToComplete":
      return j.minSecondsToComplete === null ? null : `At least ${durationWords(j.minSecondsToComplete)}`;
    case "firstBonusOnly":
      return j.firstBonusOnly ? "First bonus only" : null;
  }
}

/** The rules a jurisdiction sets, in words and in order. */
export const setRules = (j: TJurisdictionRules) =>
  COMPLIANCE_RULES.map((rule) => ({ rule, words: ruleWords(j, rule) })).filter((r): r is { rule: TComplianceRule; words: string } => r.words !== null);

export { COMPLIANCE_RULES };
