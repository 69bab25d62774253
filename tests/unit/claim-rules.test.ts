import { describe, expect, it } from "vitest";

import { checkClaimRules, firstClaimFailure, type TClaimFacts } from "@/lib/domain/promos/claim-rules";

const GB = { code: "GB", bonusesAllowed: null, maxWagerMultiplier: "10", maxBonusUsdAmount: null, minSecondsToComplete: null, firstBonusOnly: null };

const base: TClaimFacts = {
  promo: {
    type: "DEPOSIT", startsAt: null, expiresAt: null, claimsLeft: null, budgetUsdAmount: null, grantedUsdAmount: "0", grantUsdAmount: null,
    affiliateCodeId: null, depositRule: "ANY", countries: [], excludedCountries: [], requiredTags: [], excludedTags: [],
    minKYCLevelToClaim: "NONE", minTotalWagerUsdToClaim: "0",
    wageringBasis: "DEPOSIT_AND_BONUS", wagerMultiplierToComplete: "35", maxBonusUsdAmount: "500", timeSecondsToComplete: 604_800,
  },
  player: {
    bonusBlocked: false, bonusBlockedUntil: null, bonusOptOut: false, jurisdictionCode: null, jurisdiction: null, hasReceivedBonus: false,
    affiliateCodeId: null, hasDeposited: false, country: null, tags: [], kycLevel: "NONE", wageredUsdAmount: "0",
  },
  alreadyClaimed: false,
  hasOpenDepositBonus: false,
  now: new Date("2026-11-25T12:00:00Z"),
};
const withFacts = (p: Partial<TClaimFacts["promo"]>, pl: Partial<TClaimFacts["player"]> = {}, rest: Partial<TClaimFacts> = {}) => ({
  ...base,
  ...rest,
  promo: { ...base.promo, ...p },
  player: { ...base.player, ...pl },
});
const failure = (f: TClaimFacts) => {
  const c = firstClaimFailure(f);
  return c ? [c.rule, c.reason ?? null] : null;
};

describe("claim rules", () => {
  it("passes when every condition holds", () => expect(firstClaimFailure(base)).toBeNull());

  it.each([
    ["ALREADY_CLAIMED", null, withFacts({}, {}, { alreadyClaimed: true })],
    ["PROMO_EXPIRED", null, withFacts({ expiresAt: new Date("2026-11-25T12:00:00Z") })],
    ["PROMO_EXHAUSTED", null, withFacts({ claimsLeft: 0 })],
    ["PROMO_EXHAUSTED", null, withFacts({ budgetUsdAmount: "50", grantedUsdAmount: "50" })],
    ["PROMO_EXHAUSTED", null, withFacts({ type: "INSTANT", budgetUsdAmount: "50", grantedUsdAmount: "45.01", grantUsdAmount: "5" })],
    ["PROMO_NOT_STARTED", null, withFacts({ startsAt: new Date("2026-11-25T12:00:00.001Z") })],
    ["NOT_ELIGIBLE", "BONUS_BLOCKED", withFacts({}, { bonusBlocked: true })],
    ["NOT_ELIGIBLE", "BONUS_BLOCKED", withFacts({}, { bonusBlockedUntil: new Date("2026-11-25T12:00:00.001Z") })],
    ["NOT_ELIGIBLE", "OPTED_OUT", withFacts({}, { bonusOptOut: true })],
    ["NOT_ELIGIBLE", "JURISDICTION", withFacts({}, { jurisdictionCode: "GB", jurisdiction: GB })],
    ["NOT_ELIGIBLE", "AFFILIATE_ONLY", withFacts({ affiliateCodeId: "STREAMER1" }, { affiliateCodeId: "OTHER" })],
    ["NOT_ELIGIBLE", "DEPOSIT_RULE", withFacts({ depositRule: "FIRST_DEPOSIT" }, { hasDeposited: true })],
    ["NOT_ELIGIBLE", "DEPOSIT_RULE", withFacts({ depositRule: "RELOAD" }, { hasDeposited: false })],
    ["NOT_ELIGIBLE", "COUNTRY", withFacts({ countries: ["DE", "AT"] }, { country: "FR" })],
    ["NOT_ELIGIBLE", "COUNTRY", withFacts({ countries: ["DE"] }, { country: null })],
    ["NOT_ELIGIBLE", "COUNTRY", withFacts({ excludedCountries: ["FR"] }, { country: "FR" })],
    ["NOT_ELIGIBLE", "TAG", withFacts({ requiredTags: ["VIP_GOLD"] }, { tags: ["vip_gold"] })],
    ["NOT_ELIGIBLE", "TAG", withFacts({ excludedTags: ["ABUSER"] }, { tags: ["VIP", "ABUSER"] })],
    ["KYC_LEVEL_TOO_LOW", null, withFacts({ minKYCLevelToClaim: "LEVEL_2" }, { kycLevel: "LEVEL_1" })],
    ["WAGER_TOO_LOW", null, withFacts({ minTotalWagerUsdToClaim: "100" }, { wageredUsdAmount: "99.999" })],
    ["ACTIVE_BONUS_EXISTS", null, withFacts({}, {}, { hasOpenDepositBonus: true })],
  ])("%s %s", (code, reason, facts) => expect(failure(facts)).toEqual([code, reason]));

  it("passes at the boundaries: the budget fits the credit exactly, a deposit promo with a cent left, allowed and tagged players", () => {
    expect(firstClaimFailure(withFacts({ type: "INSTANT", budgetUsdAmount: "50", grantedUsdAmount: "45", grantUsdAmount: "5" }))).toBeNull();
    expect(firstClaimFailure(withFacts({ budgetUsdAmount: "50", grantedUsdAmount: "49.99" }))).toBeNull();
    expect(firstClaimFailure(withFacts({ countries: ["DE", "FR"], excludedCountries: ["AT"] }, { country: "FR" }))).toBeNull();
    expect(firstClaimFailure(withFacts({ excludedCountries: ["FR"] }, { country: null }))).toBeNull();
    expect(firstClaimFailure(withFacts({ requiredTags: ["VIP_GOLD", "VIP_SILVER"], excludedTags: ["ABUSER"] }, { tags: ["VIP_SILVER"] }))).toBeNull();
    expect(firstClaimFailure(withFacts({ depositRule: "FIRST_DEPOSIT" }, { hasDeposited: false }))).toBeNull();
    expect(firstClaimFailure(withFacts({ depositRule: "RELOAD" }, { hasDeposited: true }))).toBeNull();
    expect(firstClaimFailure(withFacts({ startsAt: new Date("2026-11-25T12:00:00Z") }))).toBeNull();
    expect(firstClaimFailure(withFacts({}, { bonusBlockedUntil: new Date("2026-11-25T12:00:00Z") }))).toBeNull();
    const gb10 = withFacts({ wageringBasis: "BONUS", wagerMultiplierToComplete: "10" }, { jurisdictionCode: "GB", jurisdiction: GB });
    expect(firstClaimFailure(gb10)).toBeNull();
    expect(firstClaimFailure(withFacts({}, { jurisdictionCode: "FR", jurisdiction: null }))).toBeNull();
  });

  it("reports the first failure in the spec's order, and the first reason among NOT_ELIGIBLE's", () => {
    const all = withFacts(
      {
        expiresAt: new Date(0), claimsLeft: 0, minKYCLevelToClaim: "LEVEL_3", minTotalWagerUsdToClaim: "1", affiliateCodeId: "S1",
        depositRule: "RELOAD", countries: ["DE"], requiredTags: ["VIP"], startsAt: new Date("2030-01-01T00:00:00Z"),
      },
      { bonusBlocked: true, bonusOptOut: true, jurisdictionCode: "GB", jurisdiction: GB },
      { alreadyClaimed: true, hasOpenDepositBonus: true },
    );
    expect(checkClaimRules(all).map((c) => c.reason ?? c.rule)).toEqual([
      "ALREADY_CLAIMED", "PROMO_NOT_STARTED", "PROMO_EXPIRED", "PROMO_EXHAUSTED",
      "BONUS_BLOCKED", "OPTED_OUT", "AFFILIATE_ONLY", "DEPOSIT_RULE", "COUNTRY", "TAG", "JURISDICTION",
      "KYC_LEVEL_TOO_LOW", "WAGER_TOO_LOW", "ACTIVE_BONUS_EXISTS",
    ]);
    expect(checkClaimRules(all).every((c) => !c.passed)).toBe(true);
    expect(failure(all)).toEqual(["ALREADY_CLAIMED", null]);
    expect(failure({ ...all, alreadyClaimed: false })).toEqual(["PROMO_NOT_STARTED", null]);
    const eligibleOnly = { ...all, alreadyClaimed: false, promo: { ...all.promo, startsAt: null, expiresAt: null, claimsLeft: null } };
    expect(failure(eligibleOnly)).toEqual(["NOT_ELIGIBLE", "BONUS_BLOCKED"]);
    expect(failure({ ...eligibleOnly, player: { ...eligibleOnly.player, bonusBlocked: false } })).toEqual(["NOT_ELIGIBLE", "OPTED_OUT"]);
    expect(failure({ ...eligibleOnly, player: { ...eligibleOnly.player, bonusBlocked: false, bonusOptOut: false } })).toEqual(["NOT_ELIGIBLE", "AFFILIATE_ONLY"]);
    expect(firstClaimFailure({ ...eligibleOnly, promo: { ...eligibleOnly.promo, affiliateCodeId: null, depositRule: "ANY", countries: [], requiredTags: [] }, player: { ...eligibleOnly.player, bonusBlocked: false, bonusOptOut: false } })).toMatchObject({
      reason: "JURISDICTION", complianceRule: "maxWagerMultiplier", detail: "GB: wagering 35× the deposit and bonus; GB requires ≤ 10× the bonus only",
    });
  });

  it("names the reason in words", () => {
    const detail = (f: TClaimFacts) => firstClaimFailure(f)?.detail;
    expect(detail(withFacts({ countries: ["DE", "AT"] }, { country: "FR" }))).toBe("FR is not among DE, AT");
    expect(detail(withFacts({ requiredTags: ["VIP_GOLD"] }, { tags: [] }))).toBe("the player has none of the tags VIP_GOLD");
    expect(detail(withFacts({ depositRule: "FIRST_DEPOSIT" }, { hasDeposited: true }))).toBe("first deposit only: the player has already deposited");
    expect(detail(withFacts({ type: "INSTANT", budgetUsdAmount: "50", grantedUsdAmount: "47.5", grantUsdAmount: "5" }))).toBe(
      "unlimited claims; $2.50 of the budget left, less than the $5.00 credit",
    );
  });

  it("an open deposit bonus doesn't block an INSTANT promo; referred players may claim exclusive ones", () => {
    expect(firstClaimFailure(withFacts({ type: "INSTANT" }, {}, { hasOpenDepositBonus: true }))).toBeNull();
    expect(firstClaimFailure(withFacts({ affiliateCodeId: "S1" }, { affiliateCodeId: "S1" }))).toBeNull();
  });
});
