import { describe, expect, it } from "vitest";

import { boardName, nextRuns, runIndexAt, runStart } from "@/lib/domain/leaderboards/schedule";
import { ZLeaderboardConfig } from "@/lib/schemas/leaderboards";

const daily = { kind: "DAILY" as const, timeZone: "Europe/Malta", firstStart: "2026-03-27T00:00:00+01:00" };

describe("schedule runs", () => {
  it("DAILY keeps local midnight across the DST change", () => {
    expect([0, 1, 2, 3].map((k) => runStart(daily, k).toISOString())).toEqual([
      "2026-03-26T23:00:00.000Z",
      "2026-03-27T23:00:00.000Z",
      "2026-03-28T23:00:00.000Z",
      "2026-03-29T22:00:00.000Z", // 00:00 CEST after the 29th's switch
    ]);
  });

  it("MONTHLY clamps to the month's end without drifting", () => {
    const monthly = { kind: "MONTHLY" as const, timeZone: "UTC", firstStart: "2026-01-31T12:00:00Z" };
    expect([1, 2].map((k) => runStart(monthly, k).toISOString())).toEqual(["2026-02-28T12:00:00.000Z", "2026-03-31T12:00:00.000Z"]);
  });

  it("INTERVAL adds seconds × 1000 ms, WEEKLY 7 local days", () => {
    expect(runStart({ kind: "INTERVAL", intervalSeconds: 90, timeZone: "UTC", firstStart: "2026-01-01T00:00:00Z" }, 2).toISOString()).toBe("2026-01-01T00:03:00.000Z");
    expect(runStart({ kind: "WEEKLY", timeZone: "UTC", firstStart: "2026-01-05T00:00:00Z" }, 1).toISOString()).toBe("2026-01-12T00:00:00.000Z");
  });

  it("finds the run in progress and previews the next five", () => {
    expect(runIndexAt(daily, new Date("2026-03-26T22:59:59Z"))).toBe(-1);
    expect(runIndexAt(daily, new Date("2026-03-26T23:00:00Z"))).toBe(0);
    expect(runIndexAt(daily, new Date("2026-04-10T12:00:00Z"))).toBe(14);
    const next = nextRuns(daily, new Date("2026-04-10T12:00:00Z"), 5);
    expect(next.map((r) => r.index)).toEqual([15, 16, 17, 18, 19]);
    expect(next[0].end).toEqual(next[1].start);
    expect(boardName("Daily race #{n} ({date})", daily, 15)).toBe("Daily race #16 (2026-04-11)");
  });
});

describe("leaderboard config", () => {
  it("refuses overlapping prize ranges and fills defaults", () => {
    const bad = ZLeaderboardConfig.safeParse({ prizes: [{ from: 1, to: 3, usd: "10" }, { from: 3, to: 5, usd: "5" }] });
    expect(bad.success).toBe(false);
    const ok = ZLeaderboardConfig.parse({ prizes: [{ from: 1, to: 1, usd: "100" }] });
    expect(ok).toMatchObject({ gameIds: [], minBetUsd: "0", prizeCurrency: "USDT", settleAfterSeconds: 300 });
  });
});
