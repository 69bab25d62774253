import { beforeAll, describe, expect, it } from "vitest";

import { POST as affiliateClaimRoute } from "@/app/api/v1/me/affiliate/claim/route";
import { GET as myAffiliateRoute } from "@/app/api/v1/me/affiliate/route";
import { GET as boardRoute } from "@/app/api/v1/leaderboards/[id]/route";
import { GET as boardsRoute } from "@/app/api/v1/leaderboards/route";
import { GET as challengesRoute } from "@/app/api/v1/challenges/route";
import { db } from "@/lib/server/db";
import { call, playerToken } from "@/tests/fixtures/api";
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
    const token = await playerToken(owner.id);
    const me = await call(myAffiliateRoute, { method: "GET", token });
    expect(me.json).toMatchObject({ codes: [{ id: code.id }], referralsCount: 0, earnedUsd: "10.00", unclaimedUsd: "10.00" });
    expect(me.json.claimable).toEqual([
      { currencyId: "BTC", amount: "0.00005000", claimed: "0.00000000" },
      { currencyId: "USDT", amount: "5.00", claimed: "0.00" },
    ]);
    const claim = await call(affiliateClaimRoute, { token });
    expect(claim.status).toBe(200);
    expect(claim.json.credits).toHaveLength(2);
    const entries = await db.ledgerEntry.findMany({ where: { userId: owner.id, kind: "COMMISSION_CLAIM" }, orderBy: { currencyId: "asc" } });
    expect(entries.map((e) => [e.currencyId, e.bucket, e.amount.toFixed()])).toEqual([["BTC", "CASH", "0.00005"], ["USDT", "CASH", "5"]]);
    const again = await call(affiliateClaimRoute, { token });
    expect([again.status, again.json.error.code]).toEqual([409, "NOTHING_TO_CLAIM"]);
    const after = await call(myAffiliateRoute, { method: "GET", token });
    expect(after.json).toMatchObject({ earnedUsd: "10.00", unclaimedUsd: "0.00" });
  });

  it.skipIf(skipRaces)("two claims at the same moment credit once", async () => {
    const { owner } = await referredBets();
    const token = await playerToken(owner.id);
    const results = await Promise.all([call(affiliateClaimRoute, { token }), call(affiliateClaimRoute, { token })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await db.ledgerEntry.count({ where: { userId: owner.id, kind: "COMMISSION_CLAIM" } })).toBe(2);
  });
});

describe("GET /api/v1/leaderboards and /api/v1/challenges", () => {
  it("lists boards with their prize pool; a board shows the top N and my position", async () => {
    const game = await makeGame();
    const board = await db.leaderboard.create({
      data: {
        name: "Player API board", type: "WAGERED", status: "ACTIVE", startDate: new Date(Date.now() - 3600_000), endDate: new Date(Date.now() + 3600_000),
        config: { prizes: [{ from: 1, to: 1, usd: "100" }, { from: 2, to: 5, usd: "10" }], gameIds: [game.id], minBetUsd: "0", prizeCurrency: "USDT", settleAfterSeconds: 300 },
      },
    });
    const players = await Promise.all(Array.from({ length: 5 }, () => makePlayer()));
    await sendBets({ events: players.map((p, i) => bet(p.id, game.id, String(10 * (i + 1)), new Date())) });
    const me = players[1];
    const token = await playerToken(me.id);
    const list = await call(boardsRoute, { method: "GET", token });
    expect(list.json.leaderboards.find((b: { id: string }) => b.id === board.id)).toMatchObject({ status: "ACTIVE", prizePoolUsd: "140.00" });
    const res = await call(boardRoute, { method: "GET", token, params: { id: board.id }, path: `/api/v1/leaderboards/${board.id}?top=3` });
    expect(res.json.top.map((t: { score: string }) => t.score)).toEqual(["50.00", "40.00", "30.00"]);
    expect(res.json.me).toMatchObject({ position: 4, score: "20.00" });
    expect(res.json.top[0].player).toMatch(/\*\*\*/);
    expect((await call(boardRoute, { method: "GET", token, params: { id: board.id }, path: `/api/v1/leaderboards/${board.id}?top=101` })).status).toBe(400);
    expect((await call(boardRoute, { method: "GET", token, params: { id: "00000000-0000-4000-8000-000000000000" } })).status).toBe(404);
  });

  it("lists open, non-hidden challenges", async () => {
    const game = await makeGame();
    const op = await makeOperator("PROMO_MANAGER");
    const base = { createdById: op.id, targetGameId: game.id, minBetAmountUsd: "1", minBetMultiplier: "100", rewardCurrency: "USDT" as const, rewardAmount: "50", rewardUsdAmount: "50", rewardUsdRate: "1" };
    const open = await db.challenge.create({ data: { ...base, defaultTitle: "open one" } });
    const hidden = await db.challenge.create({ data: { ...base, defaultTitle: "hidden", isHidden: true } });
    const over = await db.challenge.create({ data: { ...base, defaultTitle: "over", endsAt: new Date(Date.now() - 1000) } });
    const res = await call(challengesRoute, { method: "GET", token: await playerToken((await makePlayer()).id) });
    const ids = res.json.challenges.map((c: { id: string }) => c.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(hidden.id);
    expect(ids).not.toContain(over.id);
  });
});
