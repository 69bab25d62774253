import { beforeAll, describe, expect, it } from "vitest";

import type { TOperator } from "@/lib/server/auth/guards";
import { confirmChallengeWinner, rejectChallengeWinner } from "@/lib/server/challenges/mutations";
import { db } from "@/lib/server/db";
import { bet, sendBets } from "@/tests/fixtures/events";
import { ensureCurrencies, makeGame, makeOperator, makePlayer } from "@/tests/fixtures/factories";
import { skipRaces } from "@/tests/support/race";

let operator: TOperator;
beforeAll(async () => {
  await ensureCurrencies();
  const op = await makeOperator("PROMO_MANAGER");
  operator = { id: op.id, email: op.email!, name: op.username, role: "PROMO_MANAGER", mustChangePassword: false };
});

async function setup() {
  const game = await makeGame();
  const ch = await db.challenge.create({
    data: {
      createdById: operator.id, defaultTitle: "Hit 100x", targetGameId: game.id, minBetAmountUsd: "1", minBetMultiplier: "100",
      rewardCurrency: "USDT", rewardAmount: "250", rewardUsdAmount: "250", rewardUsdRate: "1",
    },
  });
  const players = await Promise.all(Array.from({ length: 3 }, () => makePlayer()));
  const t = Date.now() - 3_600_000;
  await sendBets({
    events: players.map((p, i) => bet(p.id, game.id, "2", new Date(t + i * 1000), { payoutMultiplier: "120", payout: "240" })),
  });
  return { ch, players };
}

describe("challenge winner decisions", () => {
  it("confirm credits the reward to CASH once", async () => {
    const { ch, players } = await setup();
    expect((await db.challenge.findUniqueOrThrow({ where: { id: ch.id } })).winnerId).toBe(players[0].id);
    await confirmChallengeWinner(operator, ch.id);
    await expect(confirmChallengeWinner(operator, ch.id)).rejects.toMatchObject({ code: "NO_PENDING_WINNER" });
    const rewards = await db.ledgerEntry.findMany({ where: { kind: "CHALLENGE_REWARD", sourceId: ch.id } });
    expect(rewards.map((r) => [r.userId, r.bucket, r.amount.toFixed(0)])).toEqual([[players[0].id, "CASH", "250"]]);
    expect((await db.challenge.findUniqueOrThrow({ where: { id: ch.id } })).winnerConfirmedById).toBe(operator.id);
  });

  it("reject records why, excludes the player, and the next earliest qualifying bet wins; then it reopens", async () => {
    const { ch, players } = await setup();
    expect((await rejectChallengeWinner(operator, ch.id, "multi-accounting")).winnerId).toBe(players[1].id);
    expect((await rejectChallengeWinner(operator, ch.id, "bonus abuse")).winnerId).toBe(players[2].id);
    expect(await rejectChallengeWinner(operator, ch.id, "same household")).toEqual({ winnerId: null, betId: null });
    const after = await db.challenge.findUniqueOrThrow({ where: { id: ch.id } });
    expect((after.rejections as { userId: number; reason: string }[]).map((r) => [r.userId, r.reason])).toEqual([
      [players[0].id, "multi-accounting"],
      [players[1].id, "bonus abuse"],
      [players[2].id, "same household"],
    ]);
    // A rejected player's new qualifying bet doesn't win; someone else's does.
    const game = after.targetGameId;
    await sendBets({ events: [bet(players[0].id, game, "5", new Date(), { payoutMultiplier: "500", payout: "1" })] });
    expect((await db.challenge.findUniqueOrThrow({ where: { id: ch.id } })).winnerId).toBeNull();
    const newcomer = await makePlayer();
    await sendBets({ events: [bet(newcomer.id, game, "5", new Date(), { payoutMultiplier: "500", payout: "1" })] });
    expect((await db.challenge.findUniqueOrThrow({ where: { id: ch.id } })).winnerId).toBe(newcomer.id);
    expect(await db.auditLog.count({ where: { entityId: ch.id, action: "challenge.reject_winner" } })).toBe(3);
  });

  it.skipIf(skipRaces)("two operators confirming at once credit the reward once", async () => {
    const { ch } = await setup();
    const results = await Promise.allSettled([confirmChallengeWinner(operator, ch.id), confirmChallengeWinner(operator, ch.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.ledgerEntry.count({ where: { kind: "CHALLENGE_REWARD", sourceId: ch.id } })).toBe(1);
  });
});
