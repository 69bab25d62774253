import { describe, expect, it } from "vitest";

import { activationTerms, effectiveStatus } from "@/lib/domain/promos/rollover";

const terms = { bonusMultiplier: "1", maxBonusUsdAmount: "500", wagerMultiplierToComplete: "30", timeSecondsToComplete: 90 };

describe("activation terms", () => {
  it("is exact at the bounds: a $999,999,999,999.999999999999999999 deposit at 999.999999999999999999×", () => {
    // Worked out exactly (Python decimal at 200 digits); decimal.js's default 20 digits would round them.
    const t = activationTerms(
      { bonusMultiplier: "999.999999999999999999", maxBonusUsdAmount: null, wagerMultiplierToComplete: "999.999999999999999999", timeSecondsToComplete: 1 },
      { usdAmount: "999999999999.999999999999999999", createdAt: new Date(0) },
    );
    expect(t.bonusUsdAmount).toBe("999999999999999.999998999999999000000000000000000001");
    expect(t.wagerUsdAmountToComplete).toBe("1000999999999999999.997998999998999000000001000000002000999999999999999999");
  });

  it("bonus = min(base × multiplier, max); target = (base + bonus) × wager multiplier", () => {
    const at = new Date("2026-11-25T10:05:00.250Z");
    expect(activationTerms(terms, { usdAmount: "100.00", createdAt: at })).toEqual({
      baseUsdAmount: "100",
      bonusUsdAmount: "100",
      wagerUsdAmountToComplete: "6000",
      expiresAt: new Date("2026-11-25T10:06:30.250Z"),
    });
    expect(activationTerms(terms, { usdAmount: "1000", createdAt: at }).bonusUsdAmount).toBe("500");
    expect(activationTerms({ ...terms, maxBonusUsdAmount: null }, { usdAmount: "1000", createdAt: at }).bonusUsdAmount).toBe("1000");
  });

  it("expiry is seconds × 1000 on epoch ms (90 s, not ~1 s)", () => {
    const at = new Date("2026-11-25T10:00:00.999Z");
    const { expiresAt } = activationTerms(terms, { usdAmount: "1", createdAt: at });
    expect(expiresAt.getTime() - at.getTime()).toBe(90_000);
  });

  it("keeps sub-cent precision: $0.10 at 0.25× is $0.025", () => {
    expect(activationTerms({ ...terms, bonusMultiplier: "0.25", wagerMultiplierToComplete: "1" }, { usdAmount: "0.10", createdAt: new Date() })).toMatchObject({
      bonusUsdAmount: "0.025",
      wagerUsdAmountToComplete: "0.125",
    });
  });
});

describe("effective status", () => {
  it("reads an ACTIVE bonus past expiry as EXPIRED", () => {
    expect(effectiveStatus("ACTIVE", new Date(1000), new Date(1000))).toBe("EXPIRED");
    expect(effectiveStatus("ACTIVE", new Date(1001), new Date(1000))).toBe("ACTIVE");
    expect(effectiveStatus("COMPLETED", new Date(0), new Date(1000))).toBe("COMPLETED");
  });
});
