import { describe, expect, it } from "vitest";

import { activationTerms, betContribution, betInWindow, effectiveStatus, isComplete } from "@/lib/domain/promos/rollover";

const terms = { bonusMultiplier: "1", maxBonusUsdAmount: "500", wagerMultiplierToComplete: "30", timeSecondsToComplete: 90 };

describe("activation terms", () => {
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

describe("bet contribution", () => {
  const wl = [
    { gameId: 1, enabled: true, maxBetAmount: "5", wagerMultiplier: "1" },
    { gameId: 2, enabled: true, maxBetAmount: null, wagerMultiplier: "0.2" },
    { gameId: 3, enabled: false, maxBetAmount: null, wagerMultiplier: "1" },
  ];
  it("no whitelist: every game at weight 1", () => expect(betContribution({ gameId: 9, usdAmount: "7.5" }, [])).toEqual({ usd: "7.5", violation: false }));
  it("whitelisted game at its weight", () => expect(betContribution({ gameId: 2, usdAmount: "10" }, wl)).toEqual({ usd: "2", violation: false }));
  it("over the max bet: 0 and a violation", () => expect(betContribution({ gameId: 1, usdAmount: "5.01" }, wl)).toEqual({ usd: "0", violation: true }));
  it("at the max bet: counts", () => expect(betContribution({ gameId: 1, usdAmount: "5" }, wl)).toEqual({ usd: "5", violation: false }));
  it("disabled or unlisted game: 0", () => {
    expect(betContribution({ gameId: 3, usdAmount: "10" }, wl)).toEqual({ usd: "0", violation: false });
    expect(betContribution({ gameId: 4, usdAmount: "10" }, wl)).toEqual({ usd: "0", violation: false });
  });
});

describe("window, completion, effective status", () => {
  const w = { activatedAt: new Date(1000), expiresAt: new Date(2000) };
  it("counts [activatedAt, expiresAt)", () => {
    expect([betInWindow(new Date(999), w), betInWindow(new Date(1000), w), betInWindow(new Date(1999), w), betInWindow(new Date(2000), w)]).toEqual([false, true, true, false]);
  });
  it("completes exactly at the target", () => {
    expect([isComplete("39.99", "40"), isComplete("40.00", "40"), isComplete("40.01", "40")]).toEqual([false, true, true]);
  });
  it("reads an ACTIVE bonus past expiry as EXPIRED", () => {
    expect(effectiveStatus("ACTIVE", new Date(1000), new Date(1000))).toBe("EXPIRED");
    expect(effectiveStatus("ACTIVE", new Date(1001), new Date(1000))).toBe("ACTIVE");
    expect(effectiveStatus("COMPLETED", new Date(0), new Date(1000))).toBe("COMPLETED");
  });
});
