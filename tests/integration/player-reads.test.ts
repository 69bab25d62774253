import { beforeAll, describe, expect, it } from "vitest";

import { confirmChallengeWinner } from "@/lib/server/challenges/mutations";
import { db } from "@/lib/server/db";
import { playerToken } from "@/tests/fixtures/api";
import { apiClient } from "@/tests/fixtures/api-client";
import { bet, sendBets } from "@/tests/fixtures/events";
import { ensureCurrencies, makeGame, makeOperator, makePlayer, uniqueCode } from "@/tests/fixtures/factories";
import { skipRaces } from "@/tests/support/race";

beforeAll(ensureCurrencies);

async function referredBets(ownerRate = "0.25") {
  const owner = await makePlayer();
  const code = await db.affiliateCode.create({ data: { id: uniqueCode("ME"), ownerId: owner.id, commissionRate: ownerRate } });
  const player = await makePlayer({ affiliateCodeId: code.id });
  const game = await makeGame({ houseEdge: "0.02" });
  await sendBets({ events: [bet(player.id, game.id, "1000", new Date()), bet(player.id, game.id, "0.01", new Date(), { currencyId: "BTC", usdAmount: "1000" })] });
  return { owner, code, player };
}

describe("GET /api/v1/me/affiliate and POST /api/v1/me/affiliate/claim", () => {
  it("shows my code, referrals and claimable commissions; claiming credits CASH per currency once", async () => {
    const { owner, code } = await referredBets();
    const client = apiClient(await playerToken(owner.id));
    const me = await client.GET("/api/v1/me/affiliate");
    expect(me.data).toMatchObject({ codes: [{ id: code.id }], referralsCount: 0, earnedUsd: "10.00", unclaimedUsd: "10.00" });
    expect(me.data!.claimable).toEqual([
      { currencyId: "BTC", amount: "0.00005000", claimed: "0.00000000" },
      { currencyId: "USDT", amount: "5.00", claimed: "0.00" },
    ]);
    const claim = await client.POST("/api/v1/me/affiliate/claim");
    expect(claim.response.status).toBe(200);
    expect(claim.data!.credits).toHaveLength(2);
    const entries = await db.ledgerEntry.findMany({ where: { userId: owner.id, kind: "COMMISSION_CLAIM" }, orderBy: { currencyId: "asc" } });
    expect(entries.map((e) => [e.currencyId, e.bucket, e.amount.toFixed()])).toEqual([["BTC", "CASH", "0.00005"], ["USDT", "CASH", "5"]]);
    const again = await client.POST("/api/v1/me/affiliate/claim");
    expect([again.response.status, again.error?.error.code]).toEqual([409, "NOTHING_TO_CLAIM"]);
    const after = await client.GET("/api/v1/me/affiliate");
    expect(after.data).toMatchObject({ earnedUsd: "10.00", unclaimedUsd: "0.00" });
  });

  it.skipIf(skipRaces)("two claims at the same moment credit once", async () => {
    const { owner } = await referredBets();
    const client = apiClient(await playerToken(owner.id));
    const results = await Promise.all([client.POST("/api/v1/me/affiliate/claim"), client.POST("/api/v1/me/affiliate/claim")]);
    expect(results.map((r) => r.response.status).sort()).toEqual([200, 409]);
    expect(await db.ledgerEntry.count({ where: { userId: owner.id, kind: "COMMISSION_CLAIM" } })).toBe(2);
  });
});

describe("GET /api/v1/leaderboards and /api/v1/challenges", () => {
  it("lists boards with their prize pool; a board shows the top N and my position", async () => {
    const game = await makeGame();
    // The list is every board ending within a week, earliest start first, 50 at most: this one started
    // six days ago, before any other file's live board, so the others can't push it off the list.
    const board = await db.leaderboard.create({
      data: {
        name: "Player API board", type: "WAGERED", status: "ACTIVE", startDate: new Date(Date.now() - 6 * 86_400_000), endDate: new Date(Date.now() + 3600_000),
        config: { prizes: [{ from: 1, to: 1, usd: "100" }, { from: 2, to: 5, usd: "10" }], gameIds: [game.id], minBetUsd: "0", prizeCurrency: "USDT", settleAfterSeconds: 300 },
      },
    });
    const players = await Promise.all(Array.from({ length: 5 }, () => makePlayer()));
    await sendBets({ events: players.map((p, i) => bet(p.id, game.id, String(10 * (i + 1)), new Date())) });
    const me = players[1];
    const client = apiClient(await playerToken(me.id));
    const list = await client.GET("/api/v1/leaderboards");
    expect(list.data!.leaderboards.find((b) => b.id === board.id)).toMatchObject({ status: "ACTIVE", prizePoolUsd: "140.00" });
    const res = await client.GET("/api/v1/leaderboards/{id}", { params: { path: { id: board.id }, query: { top: 3 } } });
    expect(res.data!.top.map((t) => t.score)).toEqual(["50.00", "40.00", "30.00"]);
    expect(res.data!.me).toMatchObject({ position: 4, score: "20.00" });
    expect(res.data!.top[0].player).toMatch(/\*\*\*/);
    expect((await client.GET("/api/v1/leaderboards/{id}", { params: { path: { id: board.id }, query: { top: 101 } } })).response.status).toBe(400);
    expect((await client.GET("/api/v1/leaderboards/{id}", { params: { path: { id: "00000000-0000-4000-8000-000000000000" } } })).response.status).toBe(404);
  });

  it("lists open, non-hidden challenges; one with a winner, pending or confirmed, is no longer open", async () => {
    const game = await makeGame();
    const op = await makeOperator("PROMO_MANAGER");
    const base = { createdById: op.id, targetGameId: game.id, minBetAmountUsd: "1", minBetMultiplier: "100", rewardCurrency: "USDT" as const, rewardAmount: "50", rewardUsdAmount: "50", rewardUsdRate: "1" };
    const open = await db.challenge.create({ data: { ...base, defaultTitle: "open one" } });
    const hidden = await db.challenge.create({ data: { ...base, defaultTitle: "hidden", isHidden: true } });
    const over = await db.challenge.create({ data: { ...base, defaultTitle: "over", endsAt: new Date(Date.now() - 1000) } });
    // On a game of their own, a qualifying bet selects its player as the winner of both; one is then confirmed.
    const won = await makeGame();
    const pending = await db.challenge.create({ data: { ...base, targetGameId: won.id, defaultTitle: "pending winner" } });
    const confirmed = await db.challenge.create({ data: { ...base, targetGameId: won.id, defaultTitle: "confirmed winner" } });
    const winner = await makePlayer();
    await sendBets({ events: [bet(winner.id, won.id, "2", new Date(), { payoutMultiplier: "120", payout: "240" })] });
    const operator = { id: op.id, email: op.email!, name: op.username, role: "PROMO_MANAGER" as const, mustChangePassword: false };
    await confirmChallengeWinner(operator, confirmed.id);
    expect(await db.challenge.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ winnerId: winner.id, winnerConfirmedAt: null });
    expect(await db.challenge.findUniqueOrThrow({ where: { id: confirmed.id } })).toMatchObject({ winnerId: winner.id, winnerConfirmedAt: expect.any(Date) });
    const res = await apiClient(await playerToken((await makePlayer()).id)).GET("/api/v1/challenges");
    const ids = res.data!.challenges.map((c) => c.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(hidden.id);
    expect(ids).not.toContain(over.id);
    expect(ids).not.toContain(pending.id);
    expect(ids).not.toContain(confirmed.id);
  });
});
