import { describe, expect, it } from "vitest";

import { compareDecimal, roundDown } from "@/lib/domain/money/decimal";

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
});
