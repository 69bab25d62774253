import { describe, expect, it } from "vitest";

import { formatUsd, formatUsdCompact } from "@/lib/client/format";

describe("formatUsd", () => {
  it("groups thousands and always shows cents", () => {
    expect(formatUsd("2000")).toBe("$2,000.00");
    expect(formatUsd("1234567.5")).toBe("$1,234,567.50");
    expect(formatUsd("0")).toBe("$0.00");
    expect(formatUsd(999.9)).toBe("$999.90");
  });

  it("rounds down to cents (SPEC §1), never half-up", () => {
    expect(formatUsd("12.349")).toBe("$12.34");
    expect(formatUsd("0.00999")).toBe("$0.00");
    expect(formatUsd("2000.999999999999999999")).toBe("$2,000.99");
  });

  it("is exact beyond a float's precision", () => {
    expect(formatUsd("90071992547409.919")).toBe("$90,071,992,547,409.91");
    expect(formatUsd("123456789012345678901234.567")).toBe("$123,456,789,012,345,678,901,234.56");
  });

  it("puts the sign before the dollar and drops it on a zero", () => {
    expect(formatUsd("-1234.567")).toBe("-$1,234.56");
    expect(formatUsd("-0.004")).toBe("$0.00");
  });

  it("shows a dash for a missing figure", () => {
    expect(formatUsd(null)).toBe("—");
    expect(formatUsd(undefined)).toBe("—");
    expect(formatUsd("")).toBe("—");
  });
});

describe("formatUsdCompact", () => {
  it("labels axis ticks shortly", () => {
    expect(formatUsdCompact(0)).toBe("$0");
    expect(formatUsdCompact(950)).toBe("$950");
    expect(formatUsdCompact(1000)).toBe("$1K");
    expect(formatUsdCompact(2500)).toBe("$2.5K");
    expect(formatUsdCompact(1_200_000)).toBe("$1.2M");
    expect(formatUsdCompact(-500)).toBe("-$500");
  });
});
