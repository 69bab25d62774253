import { describe, expect, it } from "vitest";

import { db } from "@/lib/server/db";
import { playerPosition, refreshRankSamples } from "@/lib/server/leaderboards/ranks";
import { makeGame, reserveIds } from "@/tests/fixtures/factories";

describe("leaderboard positions beyond the top 10,000", () => {
  it("are exact in the top 10,000 and from the rank cache beyond, matching the live view", async () => {
    // Its own game: an all-games board over "now" would also rank other files' bettors.
    const game = await makeGame();
    const board = await db.leaderboard.create({
      data: {
        name: "Rank cache", type: "WAGERED", status: "ACTIVE", startDate: new Date(Date.now() - 3600_000), endDate: new Date(Date.now() + 3600_000),
        config: { prizes: [], gameIds: [game.id], minBetUsd: "0", prizeCurrency: "USDT", settleAfterSeconds: 300 },
      },
    });
    const first = reserveIds(25_000);
    await db.$executeRaw`INSERT INTO "User" (id, username) SELECT n, 'rank_' || n FROM generate_series(${first}::int, ${first + 24_999}::int) n`;
    // Scores with many ties, so the order also uses scoreReachedAt and userId.
    await db.$executeRaw`
      INSERT INTO "LeaderboardUser" ("leaderboardId", "userId", "usdAmount", score, "scoreReachedAt")
      SELECT ${board.id}::uuid, n, (n % 997), (n % 997), timestamptz '2030-01-01' + make_interval(secs => n % 13)
      FROM generate_series(${first}::int, ${first + 24_999}::int) n`;
    const live = async (userId: number) =>
      Number((await db.leaderboardUserPositionView.findFirstOrThrow({ where: { leaderboardId: board.id, userId } })).position);
    const probe = [first + 996, first + 5, first + 12_345, first + 24_000, first + 17_000];

    for (const u of probe) expect(await playerPosition(board.id, u)).toBe(await live(u)); // no cache yet: exact
    expect(await refreshRankSamples()).toBeGreaterThanOrEqual(1);
    expect(await db.leaderboardRankSample.count({ where: { leaderboardId: board.id } })).toBe(25);
    for (const u of probe) expect(await playerPosition(board.id, u)).toBe(await live(u)); // from the cache: same
    const sampled = await db.leaderboardRankSample.findFirstOrThrow({ where: { leaderboardId: board.id, position: 20_000 } });
    expect(await playerPosition(board.id, sampled.userId)).toBe(20_000);
    expect(await playerPosition(board.id, 2_000_000_000)).toBeNull();
  });
});
