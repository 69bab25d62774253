import { describe, expect, it } from "vitest";

import { db } from "@/lib/server/db";
import { ensureScheduledBoards } from "@/lib/server/leaderboards/schedules";
import { makeGame } from "@/tests/fixtures/factories";
import { skipRaces } from "@/tests/support/race";

// Each schedule's boards count only its own game, in years (2030, 2031) no other test bets in.
const config = (firstStart: string, gameId: number) => ({
  recurrence: { kind: "INTERVAL", intervalSeconds: 3600, timeZone: "UTC", firstStart },
  nameTemplate: "Hourly race #{n}",
  type: "WAGERED",
  leaderboard: { prizes: [{ from: 1, to: 1, usd: "50" }], gameIds: [gameId], minBetUsd: "0", prizeCurrency: "USDT", settleAfterSeconds: 300 },
});

const boardsOf = (scheduleId: string) =>
  db.leaderboard.findMany({ where: { scheduleId }, orderBy: { startDate: "asc" }, select: { name: true, status: true, startDate: true, endDate: true } });

describe("leaderboard schedules", () => {
  it("enabling creates the current board and the next; each start creates the following one; disabling stops them", async () => {
    const t0 = new Date("2030-01-01T00:00:00Z");
    const s = await db.leaderboardSchedule.create({ data: { name: "hourly", enabled: true, config: config(t0.toISOString(), (await makeGame()).id) } });
    // Every pass names this schedule: an unscoped pass at a 2030 clock would create 2030 boards for
    // every other file's enabled schedule.
    await ensureScheduledBoards(new Date(t0.getTime() - 60_000), s.id); // before the first start: the first board, NOT_STARTED
    expect((await boardsOf(s.id)).map((b) => [b.name, b.status])).toEqual([["Hourly race #1", "NOT_STARTED"]]);
    await ensureScheduledBoards(new Date(t0.getTime() + 60_000), s.id); // #1 started: #2 appears
    const boards = await boardsOf(s.id);
    expect(boards.map((b) => b.name)).toEqual(["Hourly race #1", "Hourly race #2"]);
    expect(boards[1].startDate).toEqual(boards[0].endDate);
    await ensureScheduledBoards(new Date(t0.getTime() + 61_000), s.id); // again: nothing new
    expect(await boardsOf(s.id)).toHaveLength(2);
    await db.leaderboardSchedule.update({ where: { id: s.id }, data: { enabled: false } });
    await ensureScheduledBoards(new Date(t0.getTime() + 3 * 3600_000), s.id);
    expect(await boardsOf(s.id)).toHaveLength(2);
  });

  it.skipIf(skipRaces)("two workers racing create the next board exactly once", async () => {
    const t0 = new Date("2031-01-01T00:00:00Z");
    const s = await db.leaderboardSchedule.create({ data: { name: "race", enabled: true, config: config(t0.toISOString(), (await makeGame()).id) } });
    const at = new Date(t0.getTime() + 5 * 3600_000 + 1000);
    await Promise.all(Array.from({ length: 6 }, () => ensureScheduledBoards(at, s.id)));
    expect((await boardsOf(s.id)).map((b) => b.name)).toEqual(["Hourly race #6", "Hourly race #7"]);
  });
});
