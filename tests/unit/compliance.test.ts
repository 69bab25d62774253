import { describe, expect, it } from "vitest";

import { checkCompliance, complianceVerdicts, durationWords, type TComplianceTerms, type TJurisdictionRules } from "@/lib/domain/promos/compliance";

const none: Omit<TJurisdictionRules, "code"> = {
  bonusesAllowed: null, maxWagerMultiplier: null, maxBonusUsdAmount: null, minSecondsToComplete: null, firstBonusOnly: null,
};
const rules = (code: string, r: Partial<TJurisdictionRules>): TJurisdictionRules => ({ code, ...none, ...r });
const GB = rules("GB", { maxWagerMultiplier: "10" });
const DK = rules("DK", { maxBonusUsdAmount: "155", minSecondsToComplete: 5_184_000 });
const SE = rules("SE", { firstBonusOnly: true, minSecondsToComplete: 5_184_000 });
const BE = rules("BE", { bonusesAllowed: false });

const deposit = (t: Partial<TComplianceTerms> = {}): TComplianceTerms => ({
  type: "DEPOSIT", wageringBasis: "DEPOSIT_AND_BONUS", wagerMultiplierToComplete: "35", maxBonusUsdAmount: "500",
  instantUsdAmount: null, timeSecondsToComplete: 7 * 86_400, ...t,
});
const instant = (usd: string | null): TComplianceTerms => ({
  type: "INSTANT", wageringBasis: "DEPOSIT_AND_BONUS", wagerMultiplierToComplete: "0", maxBonusUsdAmount: null, instantUsdAmount: usd, timeSecondsToComplete: null,
});
const first = { hasReceivedBonus: false };
const verdict = (t: TComplianceTerms, j: TJurisdictionRules, p: { hasReceivedBonus: boolean } | null = first) => {
  const v = checkCompliance(t, j, p);
  return v.passed ? ["pass", v.message] : [v.rule, v.message];
};

describe("jurisdiction compliance", () => {
  it("GB: wagering at most 10× the bonus, on the bonus only", () => {
    expect(verdict(deposit(), GB)).toEqual(["maxWagerMultiplier", "GB: wagering 35× the deposit and bonus; GB requires ≤ 10× the bonus only"]);
    expect(verdict(deposit({ wagerMultiplierToComplete: "1" }), GB)[0]).toBe("maxWagerMultiplier");
    expect(verdict(deposit({ wageringBasis: "BONUS", wagerMultiplierToComplete: "10" }), GB)).toEqual(["pass", "GB: passes"]);
    expect(verdict(deposit({ wageringBasis: "BONUS", wagerMultiplierToComplete: "10.000000000000000001" }), GB)).toEqual([
      "maxWagerMultiplier", "GB: wagering 10.000000000000000001× the bonus; GB requires ≤ 10×",
    ]);
    // An INSTANT credit has no wagering.
    expect(verdict(instant("5"), GB)[0]).toBe("pass");
  });

  it("DK: a bonus at most the cap (uncapped fails), and at least 60 days", () => {
    const ok = deposit({ maxBonusUsdAmount: "155", timeSecondsToComplete: 5_184_000 });
    expect(verdict(ok, DK)[0]).toBe("pass");
    expect(verdict({ ...ok, maxBonusUsdAmount: "155.01" }, DK)).toEqual(["maxBonusUsdAmount", "DK: a bonus up to $155.01; DK allows at most $155.00"]);
    expect(verdict({ ...ok, maxBonusUsdAmount: null }, DK)).toEqual(["maxBonusUsdAmount", "DK: the bonus is uncapped; DK allows at most $155.00"]);
    expect(verdict({ ...ok, timeSecondsToComplete: 5_184_000 - 1 }, DK)).toEqual([
      "minSecondsToComplete", "DK: 59 days 23 h 59 min 59 s to complete; DK requires at least 60 days",
    ]);
    expect(verdict(instant("155"), DK)[0]).toBe("pass");
    expect(verdict(instant("155.000001"), DK)).toEqual(["maxBonusUsdAmount", "DK: a $155.00 credit; DK allows at most $155.00"]);
    expect(verdict(instant(null), DK)[0]).toBe("maxBonusUsdAmount");
  });

  it("SE: only a player's first bonus, judged per player; the form can't know", () => {
    const ok = deposit({ timeSecondsToComplete: 5_184_000 });
    expect(verdict(ok, SE, { hasReceivedBonus: false })).toEqual(["pass", "SE: passes (a player's first bonus only)"]);
    expect(verdict(ok, SE, { hasReceivedBonus: true })).toEqual(["firstBonusOnly", "SE: only a player's first bonus; this player has had one"]);
    expect(verdict(ok, SE, null)[0]).toBe("pass");
    expect(verdict(instant("5"), SE, { hasReceivedBonus: true })[0]).toBe("firstBonusOnly");
  });

  it("BE: no bonus at all, checked first", () => {
    expect(verdict(instant("1"), BE)).toEqual(["bonusesAllowed", "BE: bonuses are not allowed"]);
    expect(verdict(deposit(), rules("BE", { bonusesAllowed: false, maxWagerMultiplier: "10" }))[0]).toBe("bonusesAllowed");
    expect(verdict(deposit(), rules("XX", { bonusesAllowed: true }))[0]).toBe("pass");
  });

  it("names the first failing rule in the order of the rules", () => {
    const all = rules("ZZ", { maxWagerMultiplier: "10", maxBonusUsdAmount: "1", minSecondsToComplete: 10 ** 9, firstBonusOnly: true });
    const t = deposit({ timeSecondsToComplete: 60 });
    expect(verdict(t, all, { hasReceivedBonus: true })[0]).toBe("maxWagerMultiplier");
    expect(verdict({ ...t, wageringBasis: "BONUS", wagerMultiplierToComplete: "5" }, all, { hasReceivedBonus: true })[0]).toBe("maxBonusUsdAmount");
    expect(verdict({ ...t, wageringBasis: "BONUS", wagerMultiplierToComplete: "5", maxBonusUsdAmount: "1" }, all, { hasReceivedBonus: true })[0]).toBe("minSecondsToComplete");
    expect(verdict({ ...t, wageringBasis: "BONUS", wagerMultiplierToComplete: "5", maxBonusUsdAmount: "1", timeSecondsToComplete: 10 ** 9 }, all, { hasReceivedBonus: true })[0]).toBe("firstBonusOnly");
  });

  it("the form's verdicts: every jurisdiction on the terms alone", () => {
    expect(complianceVerdicts(deposit(), [BE, DK, GB, SE]).map((v) => [v.code, v.passed])).toEqual([
      ["BE", false], ["DK", false], ["GB", false], ["SE", false],
    ]);
    const gbOk = deposit({ wageringBasis: "BONUS", wagerMultiplierToComplete: "10" });
    expect(complianceVerdicts(gbOk, [GB])).toEqual([{ code: "GB", passed: true, message: "GB: passes" }]);
  });

  it("durations in words", () => {
    expect(durationWords(86_400)).toBe("1 day");
    expect(durationWords(5_184_000)).toBe("60 days");
    expect(durationWords(3_661)).toBe("1 h 1 min 1 s");
    expect(durationWords(0)).toBe("0 s");
  });
});
