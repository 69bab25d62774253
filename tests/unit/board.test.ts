import { describe, expect, it } from "vitest";

import { effectiveBoardStatus, paidRanks, prizeAt, prizePool } from "@/lib/domain/leaderboards/board";

const prizes = [
  { from: 1, to: 1, usd: "500" },
  { from: 2, to: 3, usd: "200.10" },
  { from: 4, to: 10, usd: "0.01" },
];

describe("prize table", () => {
  it("pool = each range's prize × its ranks, exact to the cent", () => {
    expect(prizePool(prizes)).toBe("900.27");
    expect(prizePool([])).toBe("0.00");
  });
  it("a half-typed row (to before from, not a number) adds nothing instead of breaking the total", () => {
    expect(prizePool([...prizes, { from: 5, to: 4, usd: "9" }, { from: 11, to: 11, usd: "" }])).toBe("900.27");
  });
  it("prize at a position, and how many ranks are paid", () => {
    expect([prizeAt(prizes, 1), prizeAt(prizes, 3), prizeAt(prizes, 10), prizeAt(prizes, 11)]).toEqual([
      "500",
      "200.10",
      "0.01",
      null,
    ]);
    expect(paidRanks(prizes)).toBe(10);
  });
});

describe("effective status", () => {
  const b = { startDate: new Date("2026-01-01T00:00:00Z"), endDate: new Date("2026-01-08T00:00:00Z") };
  it("follows the clock until settlement is written", () => {
    expect(effectiveBoardStatus({ ...b, status: "NOT_STARTED" }, new Date("2025-12-31T23:59:59Z"))).toBe("NOT_STARTED");
    expect(effectiveBoardStatus({ ...b, status: "NOT_STARTED" }, new Date("2026-01-01T00:00:00Z"))).toBe("ACTIVE");
    expect(effectiveBoardStatus({ ...b, status: "ACTIVE" }, new Date("2026-01-08T00:00:00Z"))).toBe("ENDED");
    expect(effectiveBoardStatus({ ...b, status: "SETTLEMENT" }, new Date("2026-01-02T00:00:00Z"))).toBe("SETTLEMENT");
  });
});
