import { describe, expect, it } from "vitest";

import Decimal from "decimal.js";

import { compareDecimal, roundDown, sumUsd, toUsd } from "@/lib/domain/money/decimal";
import { Prisma } from "@/lib/generated/prisma/client";
import { isDecimalText } from "@/lib/schemas/money";

describe("decimal strings", () => {
  it("round down to the currency's scale", () => {
    expect(roundDown("5", 2)).toBe("5.00");
    expect(roundDown("0.00025", 2)).toBe("0.00");
    expect(roundDown("1.23456789", 8)).toBe("1.23456789");
    expect(roundDown("1.999", 2)).toBe("1.99");
    expect(roundDown("-1.999", 2)).toBe("-1.99");
    expect(roundDown("12.5", 0)).toBe("12");
  });
  it("compare exactly", () => {
    expect(compareDecimal("100", "99.999999999999999999")).toBe(1);
    expect(compareDecimal("0.10", "0.1")).toBe(0);
    expect(compareDecimal("-1", "0")).toBe(-1);
  });
  it("USD has one rule: round down to cents, toward zero, from any decimal (never half-up)", () => {
    expect(toUsd("1.999")).toBe("1.99");
    expect(toUsd("0.005")).toBe("0.00");
    expect(toUsd("-93.009")).toBe("-93.00");
    expect(toUsd("-0.004")).toBe("0.00");
    expect(toUsd(new Prisma.Decimal("2.345"))).toBe("2.34");
    expect(toUsd(new Decimal("1e-7"))).toBe("0.00");
    expect(toUsd(0.1 + 0.2)).toBe("0.30");
    expect(toUsd("123456789012.999999999999999999")).toBe("123456789012.99");
    expect(toUsd(null)).toBe("0.00");
    expect(sumUsd(["0.005", "0.005", new Prisma.Decimal("1.006")])).toBe("1.01");
  });
  it("one test of decimal text: plain digits and a fraction, a minus only when signed", () => {
    expect(["12.50", "0", "3"].every((v) => isDecimalText(v))).toBe(true);
    expect(["-1", "1e3", " 1", "1.", ".5", "1,000", "", null, undefined].some((v) => isDecimalText(v))).toBe(false);
    expect(isDecimalText("-1.5", { signed: true })).toBe(true);
  });
});
