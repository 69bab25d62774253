import { describe, expect, it } from "vitest";

import {
  BUDGET_NEARLY_SPENT_RATIO,
  budgetLeft,
  budgetUsedRatio,
  grantFits,
  grantsCovered,
  isBudgetSpent,
} from "@/lib/domain/promos/budget";
import { promoState } from "@/lib/domain/promos/live";

// A promo's budget at its boundaries: exact decimals (18 places, as stored), never floats.
const b = (budgetUsdAmount: string | null, grantedUsdAmount = "0") => ({ budgetUsdAmount, grantedUsdAmount });

describe("budgetLeft", () => {
  it("is null without a budget, the exact rest with one", () => {
    expect(budgetLeft(b(null, "123"))).toBeNull();
    expect(budgetLeft(b("1000", "0"))).toBe("1000");
    expect(budgetLeft(b("1000", "999.99"))).toBe("0.01");
    expect(budgetLeft(b("0.3", "0.1"))).toBe("0.2"); // not 0.19999999999999998
    expect(budgetLeft(b("1000.000000000000000001", "1000"))).toBe("0.000000000000000001");
  });
  it("never goes below 0", () => {
    expect(budgetLeft(b("100", "100"))).toBe("0");
    expect(budgetLeft(b("100", "100.5"))).toBe("0");
  });
});

describe("isBudgetSpent", () => {
  it("only when a budget has nothing left", () => {
    expect(isBudgetSpent(b(null, "1e6"))).toBe(false);
    expect(isBudgetSpent(b("100", "99.999999999999999999"))).toBe(false);
    expect(isBudgetSpent(b("100", "100"))).toBe(true);
    expect(isBudgetSpent(b("0"))).toBe(true);
  });
  it("makes a live promo exhausted", () => {
    const promo = { isActive: true, startsAt: null, expiresAt: null, claimsLeft: null };
    const now = new Date("2026-01-01T00:00:00Z");
    expect(promoState({ ...promo, ...b("100", "99.99") }, now)).toBe("active");
    expect(promoState({ ...promo, ...b("100", "100") }, now)).toBe("exhausted");
    expect(promoState({ ...promo, ...b(null, "100") }, now)).toBe("active");
  });
});

describe("grantFits", () => {
  it("always without a budget", () => {
    expect(grantFits(b(null, "1e9"), "1e9")).toBe(true);
    expect(grantFits(b(null), null)).toBe(true);
  });
  it("an INSTANT credit must fit whole: equal to what is left fits, a cent over does not", () => {
    expect(grantFits(b("100", "90"), "10")).toBe(true);
    expect(grantFits(b("100", "90"), "10.000000000000000001")).toBe(false);
    expect(grantFits(b("100", "90"), "10.01")).toBe(false);
  });
  it("a deposit bonus (not known yet) needs only something left", () => {
    expect(grantFits(b("100", "99.99"), null)).toBe(true);
    expect(grantFits(b("100", "99.999999999999999999"), null)).toBe(true);
    expect(grantFits(b("100", "100"), null)).toBe(false);
  });
});

describe("budgetUsedRatio", () => {
  it("is null without a budget, 0..1 with one", () => {
    expect(budgetUsedRatio(b(null, "5"))).toBeNull();
    expect(budgetUsedRatio(b("1000", "0"))).toBe(0);
    expect(budgetUsedRatio(b("1000", "250"))).toBe(0.25);
    expect(budgetUsedRatio(b("1000", "1000"))).toBe(1);
  });
  it("a zero budget is fully used; over-granted is capped at 1", () => {
    expect(budgetUsedRatio(b("0"))).toBe(1);
    expect(budgetUsedRatio(b("100", "150"))).toBe(1);
  });
  it("reaches the nearly-spent share exactly at it", () => {
    const ratio = Number(BUDGET_NEARLY_SPENT_RATIO);
    expect(budgetUsedRatio(b("1000", "800"))).toBe(ratio);
    expect(budgetUsedRatio(b("1000", "799.99"))!).toBeLessThan(ratio);
  });
});

describe("grantsCovered", () => {
  it("counts whole grants, rounding down", () => {
    expect(grantsCovered("1000", "500")).toBe(2);
    expect(grantsCovered("999.99", "500")).toBe(1);
    expect(grantsCovered("499.99", "500")).toBe(0);
    expect(grantsCovered("0", "500")).toBe(0);
    expect(grantsCovered("0.3", "0.1")).toBe(3); // exact: 0.3 / 0.1 is 3, not 2.9999…
  });
  it("is null without a budget or without a cap (or a cap of 0)", () => {
    expect(grantsCovered(null, "500")).toBeNull();
    expect(grantsCovered("1000", null)).toBeNull();
    expect(grantsCovered("1000", "0")).toBeNull();
  });
});
