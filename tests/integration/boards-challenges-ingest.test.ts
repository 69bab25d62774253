import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/server/db";
import { bet, sendBets } from "@/tests/fixtures/events";
import { ensureCurrencies, makeGame, makeOperator, makePlayer } from "@/tests/fixtures/factories";
import { skipRaces } from "@/tests/support/race";

beforeAll(ensureCurrencies);

const HOUR = 3_600_000;

// Each board counts only its test's own games: an all-games board over "now" would also count the bets
// other files send at the same time.
async function board(type: "WAGERED" | "MULTIPLIER", gameIds: number[], config: Record<string, unknown> = {}) {
  return db.leaderboard.create({
    data: {
      name: `Test ${type}`, type, status: "ACTIVE",
      startDate: new Date(Date.now() - 10 * HOUR), endDate: new Date(Date.now() + 10 * HOUR),
      config: { prizes: [{ from: 1, to: 3, usd: "10" }], gameIds, minBetUsd: "0", prizeCurrency: "USDT", settleAfterSeconds: 300, ...config },
    },
  });
}

const entries = async (leaderboardId: string) =>
  (await db.leaderboardUserPositionView.findMany({ where: { leaderboardId }, orderBy: { position: "asc" } })).map((p) => p.userId);

describe("leaderboard standings from bet ingestion", () => {
  it("WAGERED: eligible bets only; position by score, then who got there first", async () => {
    const [game, other] = [await makeGame(), await makeGame()];
    const b = await board("WAGERED", [game.id], { minBetUsd: "1" });
    const [p1, p2, p3, blocked] = [await makePlayer(), await makePlayer(), await makePlayer(), await makePlayer({ bonusBlocked: true })];
    const t = Date.now() - 5 * HOUR;
    const events = [
      bet(p1.id, game.id, "30", new Date(t)),
      bet(p2.id, game.id, "20", new Date(t + 1000)),
      bet(p2.id, game.id, "10", new Date(t + 2000)), // p2 reaches 30 later than p1
      bet(p3.id, game.id, "50", new Date(t - 11 * HOUR)), // before the board
      bet(p3.id, other.id, "50", new Date(t)), // other game
      bet(p3.id, game.id, "0.5", new Date(t)), // below the minimum
      bet(blocked.id, game.id, "500", new Date(t)), // bonus-blocked
    ];
    await sendBets({ events });
    await sendBets({ events }); // a replay changes nothing
    const rows = await db.leaderboardUser.findMany({ where: { leaderboardId: b.id }, orderBy: { userId: "asc" } });
    expect(rows.map((r) => [r.userId, r.score.toFixed(0), r.usdAmount.toFixed(0)])).toEqual([
      [p1.id, "30", "30"],
      [p2.id, "30", "30"],
    ]);
    expect(rows.find((r) => r.userId === p2.id)!.scoreReachedAt.getTime()).toBe(t + 2000);
    expect(await entries(b.id)).toEqual([p1.id, p2.id]);
  });

  it("MULTIPLIER: the best multiplier, reached at the earliest bet that hit it", async () => {
    const game = await makeGame();
    const b = await board("MULTIPLIER", [game.id]);
    const [p1, p2] = [await makePlayer(), await makePlayer()];
    const t = Date.now() - 5 * HOUR;
    const m = (p: number, mult: string, at: number) => bet(p, game.id, "1", new Date(at), { payoutMultiplier: mult, payout: mult });
    await sendBets({ events: [m(p1.id, "50", t + 5000), m(p2.id, "20", t), m(p1.id, "3", t + 9000)] });
    await sendBets({ events: [m(p2.id, "50", t + 6000)] });
    expect(await entries(b.id)).toEqual([p1.id, p2.id]);
    await sendBets({ events: [m(p2.id, "50", t + 1000)] }); // arrives late, dated earlier: p2 got there first
    expect(await entries(b.id)).toEqual([p2.id, p1.id]);
    const p1row = await db.leaderboardUser.findFirstOrThrow({ where: { leaderboardId: b.id, userId: p1.id } });
    expect([p1row.score.toFixed(0), p1row.scoreReachedAt.getTime(), p1row.usdAmount.toFixed(0)]).toEqual(["50", t + 5000, "2"]);
  });
});

describe("challenge winners from bet ingestion", () => {
  async function challenge(gameId: number, extra: Record<string, unknown> = {}) {
    const op = await makeOperator("PROMO_MANAGER");
    return db.challenge.create({
      data: {
        createdById: op.id, defaultTitle: "Hit 100x", targetGameId: gameId, minBetAmountUsd: "1", minBetMultiplier: "100",
        rewardCurrency: "USDT", rewardAmount: "50", rewardUsdAmount: "50", rewardUsdRate: "1", ...extra,
      },
    });
  }
  const hit = (p: number, g: number, at: number, mult = "150", usd = "2") => bet(p, g, usd, new Date(at), { payoutMultiplier: mult, payout: "1" });

  it("the earliest qualifying bet wins; an earlier one arriving later replaces an unconfirmed winner only", async () => {
    const game = await makeGame();
    const ch = await challenge(game.id);
    const [a, b, c] = [await makePlayer(), await makePlayer(), await makePlayer()];
    const t = Date.now() - HOUR;
    await sendBets({ events: [hit(a.id, game.id, t, "99"), hit(a.id, game.id, t + 1000, "150", "0.5"), hit(b.id, game.id, t + 5000)] });
    expect((await db.challenge.findUniqueOrThrow({ where: { id: ch.id } })).winnerId).toBe(b.id);
    await sendBets({ events: [hit(c.id, game.id, t + 9000)] }); // later-dated: no change
    expect((await db.challenge.findUniqueOrThrow({ where: { id: ch.id } })).winnerId).toBe(b.id);
    await sendBets({ events: [hit(c.id, game.id, t + 2000)] }); // earlier-dated, arrives later: takes over
    expect((await db.challenge.findUniqueOrThrow({ where: { id: ch.id } })).winnerId).toBe(c.id);
    await db.challenge.update({ where: { id: ch.id }, data: { winnerConfirmedAt: new Date() } });
    await sendBets({ events: [hit(a.id, game.id, t - 1000)] }); // confirmed winners stay
    expect((await db.challenge.findUniqueOrThrow({ where: { id: ch.id } })).winnerId).toBe(c.id);
  });

  it("a rejected player can't win that challenge; bets outside the window don't count", async () => {
    const game = await makeGame();
    const t = Date.now() - HOUR;
    const [rejected, other] = [await makePlayer(), await makePlayer()];
    const ch = await challenge(game.id, { startsAt: new Date(t), rejections: [{ userId: rejected.id, reason: "abuse" }] });
    await sendBets({ events: [hit(rejected.id, game.id, t + 1000), hit(other.id, game.id, t - 1000)] });
    expect((await db.challenge.findUniqueOrThrow({ where: { id: ch.id } })).winnerId).toBeNull();
  });

  it.skipIf(skipRaces)("two racing batches of qualifying bets: one winner, the earliest", async () => {
    const game = await makeGame();
    const ch = await challenge(game.id);
    const players = await Promise.all(Array.from({ length: 10 }, () => makePlayer()));
    const t = Date.now() - HOUR;
    await Promise.all(players.map((p, i) => sendBets({ events: [hit(p.id, game.id, t + (10 - i) * 1000)] })));
    const after = await db.challenge.findUniqueOrThrow({ where: { id: ch.id } });
    expect(after.winnerId).toBe(players[9].id);
  });
});
