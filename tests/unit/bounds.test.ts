// The schemas' bounds guarantee that the arithmetic done on accepted values fits numeric(38,18)
// (lib/schemas/bounds.ts): checked for every pair of accepted values, not for a few examples.
import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { ZBetEvent, ZCreditsQuery, ZDepositEvent } from "@/lib/schemas/api/events";
import { ZRateInput } from "@/lib/schemas/admin";
import { INT_DIGITS, INT4_MAX } from "@/lib/schemas/bounds";
import { int4FromText, isUuid, ZInt4Id } from "@/lib/schemas/ids";
import { decimalString } from "@/lib/schemas/money";
import { ZPromoCodeInput } from "@/lib/schemas/promo-codes";
import { findUnsafeText, isUnsafeText } from "@/lib/schemas/text";

const CEILING = new Decimal("1e20"); // numeric(38,18) holds less than this

/** The largest string a decimalString(intDigits) accepts, and random accepted ones. */
const accepted = (intDigits: number) =>
  fc.oneof(
    fc.constant(`${"9".repeat(intDigits)}.${"9".repeat(18)}`),
    fc
      .tuple(fc.stringMatching(new RegExp(`^[0-9]{1,${intDigits}}$`)), fc.stringMatching(/^[0-9]{1,18}$/))
      .map(([i, f]) => `${i}.${f}`),
  );

describe("bounds keep every product in range", () => {
  it("accepts exactly the digits it allows", () => {
    const amount = decimalString(INT_DIGITS.amount);
    expect(amount.safeParse("999999999999.999999999999999999").success).toBe(true);
    expect(amount.safeParse("1000000000000").success).toBe(false);
    expect(amount.safeParse("1e5").success).toBe(false);
    expect(amount.safeParse("0.0000000000000000001").success).toBe(false);
  });

  it("bet USD × payout multiplier (payoutUsd) fits", () => {
    fc.assert(
      fc.property(accepted(INT_DIGITS.amount), accepted(INT_DIGITS.payoutMultiplier), (usd, mult) => {
        const parsed = ZBetEvent.safeParse({
          id: "b", userId: 1, gameId: 1, currencyId: "USDT", amount: usd, usdAmount: usd, payout: "0", payoutMultiplier: mult,
          createdAt: "2026-11-25T10:00:00Z",
        });
        expect(parsed.success).toBe(true);
        expect(new Decimal(usd).mul(mult).lt(CEILING)).toBe(true);
      }),
    );
  });

  it("event amount × an accepted USD rate fits", () => {
    fc.assert(
      fc.property(accepted(INT_DIGITS.amount), accepted(INT_DIGITS.usdRate), (amount, rate) => {
        expect(ZDepositEvent.shape.amount.safeParse(amount).success || !/[1-9]/.test(amount)).toBe(true);
        expect(ZRateInput.shape.usdRate.safeParse(rate).success || !/[1-9]/.test(rate)).toBe(true);
        expect(new Decimal(amount).mul(rate).lt(CEILING)).toBe(true);
      }),
    );
  });

  it("a rollover target, (deposit + bonus) × wager multiplier, fits", () => {
    fc.assert(
      fc.property(accepted(INT_DIGITS.amount), accepted(INT_DIGITS.promoMultiplier), accepted(INT_DIGITS.promoMultiplier), (base, match, wager) => {
        const bonus = new Decimal(base).mul(match);
        expect(new Decimal(base).add(bonus).mul(wager).lt(CEILING)).toBe(true);
      }),
    );
  });

  it("promo form: multipliers of 1,000 and more, and times past int4 seconds, are field errors", () => {
    const base = {
      title: "T", description: "", type: "DEPOSIT", code: "BOUNDS", amount: "10", currencyId: "USDT", isPublic: true, isHidden: false,
      expiresAt: "", claimsLeft: "", minKYCLevelToClaim: "NONE", minTotalWagerUsdToClaim: "0", bonusMultiplier: "1",
      maxBonusUsdAmount: "", timeToComplete: "7", timeUnit: "days", wagerMultiplierToComplete: "30", affiliateCodeId: "",
    };
    expect(ZPromoCodeInput.safeParse(base).success).toBe(true);
    const field = (over: Record<string, string>) => ZPromoCodeInput.safeParse({ ...base, ...over }).error?.issues[0]?.path[0];
    expect(field({ bonusMultiplier: "1000" })).toBe("bonusMultiplier");
    expect(field({ wagerMultiplierToComplete: "1000" })).toBe("wagerMultiplierToComplete");
    expect(field({ timeToComplete: "999999" })).toBe("timeToComplete");
  });
});

describe("ids and cursors", () => {
  it("int4 ids: the edge is in, one more is out, text never overflows", () => {
    expect(ZInt4Id.safeParse(INT4_MAX).success).toBe(true);
    expect(ZInt4Id.safeParse(INT4_MAX + 1).success).toBe(false);
    expect(int4FromText("2147483647")).toBe(INT4_MAX);
    for (const t of ["2147483648", "9999999999", "0", "-1", "1.5", "", " ", "1e3", "abc"]) expect(int4FromText(t), t).toBeNull();
  });

  it("uuids", () => {
    expect(isUuid("00000000-0000-4000-8000-000000000000")).toBe(true);
    expect(isUuid("-".repeat(36))).toBe(false);
  });

  it("credits cursors stay within xid8 and bigint, and never throw", () => {
    expect(ZCreditsQuery.safeParse({ after: "18446744073709551615.9223372036854775807" }).success).toBe(true);
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (after) => {
        expect(() => ZCreditsQuery.safeParse({ after })).not.toThrow();
      }),
    );
    expect(ZCreditsQuery.safeParse({ after: "18446744073709551616.1" }).success).toBe(false);
    expect(ZCreditsQuery.safeParse({ after: "1.9223372036854775808" }).success).toBe(false);
  });
});

describe("unsafe text", () => {
  it("finds a NUL or a lone surrogate anywhere, keys included, even deep", () => {
    expect(isUnsafeText("fine ✓ 🎰")).toBe(false);
    expect(isUnsafeText("a\u0000b")).toBe(true);
    expect(isUnsafeText("\ud83d")).toBe(true);
    expect(findUnsafeText({ a: [{ b: "ok" }, { c: "x\udc00" }] })).toBe("a.1.c");
    expect(findUnsafeText({ "k\u0000": 1 })).toBe("k\u0000");
    const deep = JSON.parse("[".repeat(100_000) + '"\\u0000"' + "]".repeat(100_000));
    expect(findUnsafeText(deep)).not.toBeNull();
  });
});
