import { describe, expect, it } from "vitest";

import { checkClaimRules, firstClaimFailure, type TClaimFacts } from "@/lib/domain/promos/claim-rules";

const base: TClaimFacts = {
  promo: { type: "DEPOSIT", expiresAt: null, claimsLeft: null, affiliateCodeId: null, minKYCLevelToClaim: "NONE", minTotalWagerUsdToClaim: "0" },
  player: { bonusBlocked: false, affiliateCodeId: null, kycLevel: "NONE", wageredUsdAmount: "0" },
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

describe("claim rules", () => {
  it("passes when every condition holds", () => expect(firstClaimFailure(base)).toBeNull());

  it.each([
    ["ALREADY_CLAIMED", withFacts({}, {}, { alreadyClaimed: true })],
    ["PROMO_EXPIRED", withFacts({ expiresAt: new Date("2026-11-25T12:00:00Z") })],
    ["PROMO_EXHAUSTED", withFacts({ claimsLeft: 0 })],
    ["NOT_ELIGIBLE", withFacts({}, { bonusBlocked: true })],
    ["NOT_ELIGIBLE", withFacts({ affiliateCodeId: "STREAMER1" }, { affiliateCodeId: "OTHER" })],
    ["KYC_LEVEL_TOO_LOW", withFacts({ minKYCLevelToClaim: "LEVEL_2" }, { kycLevel: "LEVEL_1" })],
    ["WAGER_TOO_LOW", withFacts({ minTotalWagerUsdToClaim: "100" }, { wageredUsdAmount: "99.999" })],
    ["ACTIVE_BONUS_EXISTS", withFacts({}, {}, { hasOpenDepositBonus: true })],
  ])("%s", (code, facts) => expect(firstClaimFailure(facts)).toBe(code));

  it("reports the first failure in the spec's order", () => {
    const all = withFacts(
      { expiresAt: new Date(0), claimsLeft: 0, minKYCLevelToClaim: "LEVEL_3", minTotalWagerUsdToClaim: "1" },
      { bonusBlocked: true },
      { alreadyClaimed: true, hasOpenDepositBonus: true },
    );
    expect(checkClaimRules(all).map((c) => c.rule)).toEqual([
      "ALREADY_CLAIMED", "PROMO_EXPIRED", "PROMO_EXHAUSTED", "NOT_ELIGIBLE", "KYC_LEVEL_TOO_LOW", "WAGER_TOO_LOW", "ACTIVE_BONUS_EXISTS",
    ]);
    expect(firstClaimFailure(all)).toBe("ALREADY_CLAIMED");
    expect(firstClaimFailure({ ...all, alreadyClaimed: false })).toBe("PROMO_EXPIRED");
  });

  it("an open deposit bonus doesn't block an INSTANT promo; referred players may claim exclusive ones", () => {
    expect(firstClaimFailure(withFacts({ type: "INSTANT" }, {}, { hasOpenDepositBonus: true }))).toBeNull();
    expect(firstClaimFailure(withFacts({ affiliateCodeId: "S1" }, { affiliateCodeId: "S1" }))).toBeNull();
  });
});
