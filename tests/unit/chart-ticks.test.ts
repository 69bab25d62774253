import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { niceStep, niceTicks } from "@/lib/client/chart-ticks";

const isNice = (step: number) => {
  const power = 10 ** Math.floor(Math.log10(step));
  return [1, 2, 5, 10].some((n) => Math.abs(step / power - n) < 1e-9);
};

describe("niceStep", () => {
  it("rounds up to 1, 2 or 5 × 10^n", () => {
    expect(niceStep(950)).toBe(1000);
    expect(niceStep(1000)).toBe(1000);
    expect(niceStep(1001)).toBe(2000);
    expect(niceStep(2600)).toBe(5000);
    expect(niceStep(0.03)).toBe(0.05);
    expect(niceStep(0)).toBe(1);
  });
});

describe("niceTicks", () => {
  it("turns the $950, $1.9K, $2.9K axis into $0, $1K, … $4K", () => {
    expect(niceTicks([120, 3800])).toEqual({ domain: [0, 4000], ticks: [0, 1000, 2000, 3000, 4000] });
  });

  it("covers negative values (profit/loss) and starts bars at zero", () => {
    const axis = niceTicks([-1200, 300, 2600]);
    expect(axis.domain[0]).toBeLessThanOrEqual(-1200);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(2600);
    expect(axis.ticks).toContain(0);
  });

  it("has a domain for no data or all zeros", () => {
    expect(niceTicks([])).toEqual({ domain: [0, 1], ticks: [0, 1] });
    expect(niceTicks([0, 0])).toEqual({ domain: [0, 1], ticks: [0, 1] });
  });

  // Money in cents, as charts get it.
  it("always covers the data with evenly spaced nice steps", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e11, max: 1e11 }).map((cents) => cents / 100), { minLength: 1, maxLength: 40 }), (values) => {
        const { domain, ticks } = niceTicks(values);
        expect(domain[0]).toBeLessThanOrEqual(Math.min(0, ...values));
        expect(domain[1]).toBeGreaterThanOrEqual(Math.max(0, ...values) - 1e-6);
        expect(ticks.length).toBeLessThanOrEqual(12);
        const step = ticks[1] - ticks[0];
        expect(isNice(step)).toBe(true);
        for (let i = 1; i < ticks.length; i++) expect(Math.abs(ticks[i] - ticks[i - 1] - step)).toBeLessThan(step * 1e-6);
      }),
    );
  });
});
