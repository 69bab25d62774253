// Bet rollbacks on leaderboards and challenges (SPEC "Corrections: bet rollbacks"): a voided bet
// counts nowhere — boards before settlement are recomputed from the bets that still count, frozen
// boards list the void, unconfirmed challenge winners are reselected, confirmed ones stay.
import Decimal from "decimal.js";
import { beforeAll, describe, expect, it } from "vitest";

import { POST as rollbacksRoute } from "@/app/api/v1/events/bet-rollbacks/route";
import type { TOperator } from "@/lib/server/auth/guards";
import { confirmChallengeWinner, createChallenge, rejectChallengeWinner } from "@/lib/server/challenges/mutations";
import { getChallenge } from "@/lib/server/challenges/queries";
import { db } from "@/lib/server/db";
import { settleBoard, settleEarly } from "@/lib/server/leaderboards/lifecycle";
import { listVoidsAfterSettlement } from "@/lib/server/leaderboards/queries";
import { call, platformKey } from "@/tests/fixtures/api";
import { bet, sendBets } from "@/tests/fixtures/events";
import { ensureCurrencies, makeGame, makeOperator, makePlayer } from "@/tests/fixtures/factories";
import { skipRaces } from "@/tests/support/race";

const HOUR = 3_600_000;

let operator: TOperator;
beforeAll(async () => {
  await ensureCurrencies();
  const op = await makeOperator("PROMO_MANAGER");
  operator = { id: op.id, email: op.email!, name: op.username, role: "PROMO_MANAGER", mustChangePassword: false };
});

let key: string | undefined;
let rollbackSeq = 0;
const rollback = (betId: string, reason: string, at: Date) => ({
  id: `rb_${process.pid}_${Date.now()}_${++rollbackSeq}`,
  betId,
  reason,
  createdAt: at.toISOString(),
});
/** Sends rollback events through the real route; returns the response's results. */
async function sendRollbacks(events: ReturnType<typeof rollback>[]) {
  key ??= await platformKey("rollback boards and challenges");
  const res = await call(rollbacksRoute, { token: key, body: { events } });
  expect(res.status).toBe(200);
  return res.json.results as { id: string; status: string; error: { code: string } | null }[];
}
/** Voids bets through POST /api/v1/events/bet-rollbacks; returns the rollbacks' time (the bets' voidedAt). */
async function voidBets(betIds: string[], reason = "ROUND_CANCELLED") {
  const at = new Date();
  const results = await sendRollbacks(betIds.map((b) => rollback(b, reason, at)));
  expect(results.map((r) => r.status)).toEqual(betIds.map(() => "applied"));
  return at;
}

// ---- leaderboards

type TBoardType = "WAGERED" | "MULTIPLIER";
type TSent = ReturnType<typeof bet>;

async function board(type: TBoardType, gameIds: number[], extra: { start?: Date; end?: Date; status?: "ACTIVE" | "ENDED"; minBetUsd?: string } = {}) {
  return db.leaderboard.create({
    data: {
      name: `Rollback ${type}`, type, status: extra.status ?? "ACTIVE",
      startDate: extra.start ?? new Date(Date.now() - 10 * HOUR), endDate: extra.end ?? new Date(Date.now() + 10 * HOUR),
      config: { prizes: [{ from: 1, to: 2, usd: "10" }], gameIds, minBetUsd: extra.minBetUsd ?? "0", prizeCurrency: "USDT", settleAfterSeconds: 300 },
    },
  });
}

/** What the entries must be: the scoring rule of SPEC §2 applied by hand to the bets not voided. */
function recomputed(b: Awaited<ReturnType<typeof board>>, sent: TSent[], voided: Set<string>) {
  const config = b.config as { gameIds: number[]; minBetUsd: string };
  const counted = sent.filter(
    (s) =>
      !voided.has(s.id) &&
      new Date(s.createdAt) >= b.startDate && new Date(s.createdAt) < b.endDate &&
      (config.gameIds.length === 0 || config.gameIds.includes(s.gameId)) &&
      new Decimal(s.usdAmount).gte(config.minBetUsd),
  );
  const byUser = new Map<number, TSent[]>();
  for (const s of counted) byUser.set(s.userId, [...(byUser.get(s.userId) ?? []), s]);
  return [...byUser.entries()]
    .sort(([a], [c]) => a - c)
    .map(([userId, bets]) => {
      const usd = bets.reduce((sum, s) => sum.add(s.usdAmount), new Decimal(0));
      const at = (s: TSent) => new Date(s.createdAt).getTime();
      if (b.type === "WAGERED") return [userId, usd.toFixed(2), usd.toFixed(2), Math.max(...bets.map(at))];
      const best = Decimal.max(...bets.map((s) => s.payoutMultiplier));
      const reached = Math.min(...bets.filter((s) => best.eq(s.payoutMultiplier)).map(at));
      return [userId, best.toFixed(2), usd.toFixed(2), reached];
    });
}

async function stored(boardId: string) {
  const rows = await db.leaderboardUser.findMany({ where: { leaderboardId: boardId }, orderBy: { userId: "asc" } });
  return rows.map((r) => [r.userId, r.score.toFixed(2), r.usdAmount.toFixed(2), r.scoreReachedAt.getTime()]);
}

const positions = async (leaderboardId: string) =>
  (await db.leaderboardUserPositionView.findMany({ where: { leaderboardId }, orderBy: { position: "asc" } })).map((p) => p.userId);

const m = (p: number, g: number, usd: string, mult: string, at: number) =>
  bet(p, g, usd, new Date(at), { payoutMultiplier: mult, payout: new Decimal(usd).mul(mult).toFixed() });

describe("leaderboards: a voided bet leaves the standings of boards not yet settling", () => {
  it("WAGERED and MULTIPLIER: after each void the entries equal a recomputation from the bets still counting", async () => {
    const [game, game2, other] = [await makeGame(), await makeGame(), await makeGame()];
    const wagered = await board("WAGERED", [game.id, game2.id], { minBetUsd: "1" });
    const multiplier = await board("MULTIPLIER", [game.id, game2.id]);
    const [p1, p2, p3] = [await makePlayer(), await makePlayer(), await makePlayer()];
    const t = Date.now() - 5 * HOUR;
    const sent = [
      m(p1.id, game.id, "30", "2", t),
      m(p1.id, game2.id, "20", "9", t + 1000),
      m(p1.id, game.id, "5", "9", t + 3000), // p1's latest bet; a second 9x, later
      m(p2.id, game.id, "25", "40", t + 2000), // p2's best multiplier
      m(p2.id, game.id, "25", "12", t + 4000),
      m(p2.id, game.id, "0.5", "12", t + 500), // below the WAGERED minimum; on MULTIPLIER, 12x reached first here
      m(p3.id, other.id, "100", "100", t), // another game: on neither board
      m(p3.id, game.id, "10", "3", t + 6000),
    ];
    await sendBets({ events: sent });
    const voided = new Set<string>();
    const check = async () => {
      expect(await stored(wagered.id)).toEqual(recomputed(wagered, sent, voided));
      expect(await stored(multiplier.id)).toEqual(recomputed(multiplier, sent, voided));
    };
    await check();

    // p1's latest bet: WAGERED total drops and reached moves back; MULTIPLIER's 9x stays, reached at t+1000.
    // p2's best: MULTIPLIER falls to 12x, reached at the earliest 12x (the small bet). A bet on another game.
    for (const id of [sent[2].id, sent[3].id, sent[6].id]) voided.add(id);
    await voidBets([sent[2].id, sent[3].id, sent[6].id]);
    await check();
    expect(await positions(multiplier.id)).toEqual([p2.id, p1.id, p3.id]);

    // Voiding again changes nothing (a replay, or a second rollback of the bet); new bets add on top.
    const again = rollback(sent[2].id, "ROUND_CANCELLED", new Date());
    expect((await sendRollbacks([again]))[0].status).toBe("rejected");
    await check();
    const more = [m(p1.id, game.id, "40", "15", t + 7000), m(p3.id, game2.id, "1", "3", t - 1000)];
    sent.push(...more);
    await sendBets({ events: more });
    await check();
    expect(await positions(wagered.id)).toEqual([p1.id, p2.id, p3.id]);
    expect(await positions(multiplier.id)).toEqual([p1.id, p2.id, p3.id]);

    // One batch voiding several bets of one player on both boards.
    for (const id of [more[0].id, sent[0].id]) voided.add(id);
    await voidBets([more[0].id, sent[0].id]);
    await check();
  });

  it("a player left with no bet that counts loses the entry; on the other board their small bet still counts", async () => {
    const game = await makeGame();
    const wagered = await board("WAGERED", [game.id], { minBetUsd: "1" });
    const multiplier = await board("MULTIPLIER", [game.id]);
    const [gone, stays] = [await makePlayer(), await makePlayer()];
    const t = Date.now() - 2 * HOUR;
    const sent = [m(gone.id, game.id, "50", "5", t), m(gone.id, game.id, "0.2", "1.5", t + 1000), m(stays.id, game.id, "10", "2", t + 2000)];
    await sendBets({ events: sent });
    expect(await positions(wagered.id)).toEqual([gone.id, stays.id]);
    expect(await positions(multiplier.id)).toEqual([gone.id, stays.id]);

    await voidBets([sent[0].id]);
    expect(await positions(wagered.id)).toEqual([stays.id]); // the 0.2 bet is under the minimum
    expect(await positions(multiplier.id)).toEqual([stays.id, gone.id]);
    expect(await stored(multiplier.id)).toEqual(recomputed(multiplier, sent, new Set([sent[0].id])));

    await voidBets([sent[1].id]);
    expect(await positions(multiplier.id)).toEqual([stays.id]);
    expect(await db.leaderboardUser.count({ where: { userId: gone.id } })).toBe(0);
  });

  it("a board past its end but not yet in SETTLEMENT is still recomputed (by status, whatever the clock)", async () => {
    const game = await makeGame();
    const start = new Date(Date.now() - 10 * HOUR);
    const end = new Date(Date.now() - HOUR);
    const ended = await board("WAGERED", [game.id], { start, end, status: "ENDED" });
    const stale = await board("WAGERED", [game.id], { start, end, status: "ACTIVE" }); // the worker hasn't moved it yet
    const [p1, p2] = [await makePlayer(), await makePlayer()];
    const sent = [bet(p1.id, game.id, "30", new Date(end.getTime() - 5000)), bet(p2.id, game.id, "20", new Date(end.getTime() - 4000))];
    await sendBets({ events: sent });
    await voidBets([sent[0].id]);
    for (const b of [ended, stale]) {
      expect(await positions(b.id)).toEqual([p2.id]);
      expect(await stored(b.id)).toEqual(recomputed(b, sent, new Set([sent[0].id])));
    }
  });
});

describe("leaderboards: voids racing bets", () => {
  it.skipIf(skipRaces)("rollback batches and bet batches of the same players on WAGERED and MULTIPLIER boards: all apply, entries equal a recomputation", async () => {
    const game = await makeGame();
    // The WAGERED board gets the lower id half the time either way; create several of each so both orders occur.
    const boards = [await board("MULTIPLIER", [game.id]), await board("WAGERED", [game.id]), await board("MULTIPLIER", [game.id]), await board("WAGERED", [game.id])];
    const players = await Promise.all(Array.from({ length: 4 }, () => makePlayer()));
    const t = Date.now() - 3 * HOUR;
    const first = players.flatMap((p, i) => Array.from({ length: 6 }, (_, k) => m(p.id, game.id, String(1 + k), String(2 + ((i + k) % 5)), t + k * 1000 + i)));
    await sendBets({ events: first });
    const later = players.flatMap((p, i) => Array.from({ length: 6 }, (_, k) => m(p.id, game.id, String(2 + k), String(3 + ((i * k) % 7)), t + 10_000 + k * 1000 + i)));
    const toVoid = first.filter((_, i) => i % 2 === 0);
    const at = new Date();
    const results = await Promise.all([
      ...toVoid.map((b) => sendRollbacks([rollback(b.id, "ROUND_CANCELLED", at)])),
      ...later.map((b) => sendBets({ events: [b] }).then((r) => r.json.results)),
    ]);
    expect(results.flat().map((r: { status: string }) => r.status)).toEqual(results.flat().map(() => "applied"));
    const voided = new Set(toVoid.map((b) => b.id));
    for (const b of boards) expect(await stored(b.id)).toEqual(recomputed(b, [...first, ...later], voided));
  });
});

describe("leaderboards: from SETTLEMENT on the board is frozen and the void is listed", () => {
  it("a void after settlement started leaves positions and prizes unchanged and is listed by listVoidsAfterSettlement", async () => {
    const game = await makeGame();
    const end = new Date(Date.now() - HOUR);
    const b = await board("WAGERED", [game.id], { start: new Date(end.getTime() - 5 * HOUR), end, status: "ENDED" });
    const players = [await makePlayer(), await makePlayer(), await makePlayer()];
    const t = end.getTime() - 2 * HOUR;
    const sent = [
      bet(players[0].id, game.id, "50", new Date(t)),
      bet(players[0].id, game.id, "15", new Date(t + 1000)),
      bet(players[1].id, game.id, "40", new Date(t + 2000)),
      bet(players[2].id, game.id, "30", new Date(t + 3000)),
    ];
    await sendBets({ events: sent });
    await voidBets([sent[3].id], "before settlement"); // recomputed now: players[2] leaves the board
    expect(await positions(b.id)).toEqual([players[0].id, players[1].id]);

    expect(await settleEarly(b.id, new Date())).toBe(true);
    expect(await settleBoard(b.id)).toEqual({ paid: 2, finished: true });
    const frozen = await db.leaderboardUser.findMany({ where: { leaderboardId: b.id }, orderBy: { userId: "asc" } });
    expect(await listVoidsAfterSettlement(b.id)).toEqual([]);

    // The winner's bets are voided after settlement; a bet stored after settlement started (it never
    // counted) is voided too, and a bet on another game.
    const late = bet(players[1].id, game.id, "99", new Date(t + 4000));
    await sendBets({ events: [late] });
    const voidedAt = await voidBets([sent[0].id, late.id], "duplicate round");
    await voidBets([sent[1].id], "provider error");

    expect(await db.leaderboardUser.findMany({ where: { leaderboardId: b.id }, orderBy: { userId: "asc" } })).toEqual(frozen);
    expect((await db.leaderboard.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("FINISHED");
    const payouts = await db.ledgerEntry.findMany({ where: { kind: "LEADERBOARD_PRIZE", sourceId: { startsWith: `${b.id}:` } } });
    expect(payouts).toHaveLength(2);

    const voids = await listVoidsAfterSettlement(b.id);
    expect(voids.map((v) => [v.betId, v.userId, v.usd, v.scoreAmount, v.reason, v.finalPosition, v.prizeUsd])).toEqual([
      [sent[0].id, players[0].id, "50.00", "50.00", "duplicate round", 1, "10.00"],
      [sent[1].id, players[0].id, "15.00", "15.00", "provider error", 1, "10.00"],
    ]);
    expect(voids[0].voidedAt).toBe(voidedAt.toISOString());
    expect(voids[0].username).toBe(players[0].username);
  });

  it("MULTIPLIER: the listed amount is the voided bet's multiplier", async () => {
    const game = await makeGame();
    const end = new Date(Date.now() - HOUR);
    const b = await board("MULTIPLIER", [game.id], { start: new Date(end.getTime() - 5 * HOUR), end, status: "ENDED" });
    const p = await makePlayer();
    const sent = [m(p.id, game.id, "3", "25.5", end.getTime() - 1000)];
    await sendBets({ events: sent });
    await settleEarly(b.id, new Date());
    await voidBets([sent[0].id]);
    const [entry] = await db.leaderboardUser.findMany({ where: { leaderboardId: b.id } });
    expect(entry.score.toFixed(1)).toBe("25.5");
    expect((await listVoidsAfterSettlement(b.id)).map((v) => [v.usd, v.scoreAmount, v.payoutMultiplier])).toEqual([["3.00", "25.5", "25.5"]]);
  });
});

describe("a rollback that arrives before its bet", () => {
  it("the bet is stored voided: it makes no board entry and wins no challenge", async () => {
    const game = await makeGame();
    const b = await board("WAGERED", [game.id]);
    const op = await makeOperator("PROMO_MANAGER");
    const ch = await db.challenge.create({
      data: {
        createdById: op.id, defaultTitle: "Hit 100x", targetGameId: game.id, minBetAmountUsd: "1", minBetMultiplier: "100",
        rewardCurrency: "USDT", rewardAmount: "50", rewardUsdAmount: "50", rewardUsdRate: "1",
      },
    });
    const [early, other] = [await makePlayer(), await makePlayer()];
    const t = Date.now() - HOUR;
    const first = m(early.id, game.id, "20", "150", t);
    const second = m(other.id, game.id, "5", "150", t + 1000);
    expect((await sendRollbacks([rollback(first.id, "ROUND_CANCELLED", new Date())]))[0].status).toBe("applied");
    await sendBets({ events: [first, second] });
    expect(await stored(b.id)).toEqual(recomputed(b, [first, second], new Set([first.id])));
    expect((await db.challenge.findUniqueOrThrow({ where: { id: ch.id } })).betId).toBe(second.id);
  });
});

// ---- challenges

describe("challenges: a voided winning bet", () => {
  async function challenge(gameId: number) {
    return db.challenge.create({
      data: {
        createdById: operator.id, defaultTitle: "Hit 100x", targetGameId: gameId, minBetAmountUsd: "1", minBetMultiplier: "100",
        rewardCurrency: "USDT", rewardAmount: "50", rewardUsdAmount: "50", rewardUsdRate: "1",
      },
    });
  }
  const hit = (p: number, g: number, at: number, mult = "150") => bet(p, g, "2", new Date(at), { payoutMultiplier: mult, payout: "300" });
  const state = async (id: string) => {
    const c = await db.challenge.findUniqueOrThrow({ where: { id } });
    return { winnerId: c.winnerId, betId: c.betId, selected: c.winnerSelectedAt !== null };
  };

  it("unconfirmed: the next earliest qualifying bet wins — the same player's other bet, then another's; none left → open again", async () => {
    const game = await makeGame();
    const ch = await challenge(game.id);
    const [a, b] = [await makePlayer(), await makePlayer()];
    const t = Date.now() - HOUR;
    const sent = [hit(a.id, game.id, t), hit(a.id, game.id, t + 1000), hit(b.id, game.id, t + 2000), hit(b.id, game.id, t - 5000, "99")];
    await sendBets({ events: sent });
    expect(await state(ch.id)).toEqual({ winnerId: a.id, betId: sent[0].id, selected: true });

    await voidBets([sent[0].id]);
    expect(await state(ch.id)).toEqual({ winnerId: a.id, betId: sent[1].id, selected: true });
    await voidBets([sent[1].id]);
    expect(await state(ch.id)).toEqual({ winnerId: b.id, betId: sent[2].id, selected: true });
    await voidBets([sent[2].id]);
    expect(await state(ch.id)).toEqual({ winnerId: null, betId: null, selected: false });
    expect((await getChallenge(ch.id))!.status).toBe("open");

    // A new qualifying bet wins it again; a voided bet is never selected from the stored bets.
    const late = hit(b.id, game.id, t + 9000);
    await sendBets({ events: [late] });
    expect(await state(ch.id)).toEqual({ winnerId: b.id, betId: late.id, selected: true });
    expect((await getChallenge(ch.id))!.winningBetVoidedAt).toBeNull();
  });

  it("several challenges won by bets voided in one batch are reselected together", async () => {
    const [g1, g2] = [await makeGame(), await makeGame()];
    const [c1, c2, c3] = [await challenge(g1.id), await challenge(g2.id), await challenge(g2.id)];
    const [a, b] = [await makePlayer(), await makePlayer()];
    const t = Date.now() - HOUR;
    const sent = [hit(a.id, g1.id, t), hit(b.id, g1.id, t + 1000), hit(a.id, g2.id, t), hit(b.id, g2.id, t + 1000)];
    await sendBets({ events: sent });
    await voidBets([sent[0].id, sent[2].id, sent[3].id]);
    expect(await state(c1.id)).toEqual({ winnerId: b.id, betId: sent[1].id, selected: true });
    for (const c of [c2, c3]) expect(await state(c.id)).toEqual({ winnerId: null, betId: null, selected: false });
  });

  it("confirmed: the winner stays; the winner panel's winningBetVoidedAt says the bet was voided after confirmation", async () => {
    const game = await makeGame();
    const ch = await challenge(game.id);
    const [a, b] = [await makePlayer(), await makePlayer()];
    const t = Date.now() - HOUR;
    const sent = [hit(a.id, game.id, t), hit(b.id, game.id, t + 1000)];
    await sendBets({ events: sent });
    await confirmChallengeWinner(operator, ch.id);
    expect((await getChallenge(ch.id))!.winningBetVoidedAt).toBeNull();

    const voidedAt = await voidBets([sent[0].id], "chargeback");
    const after = await db.challenge.findUniqueOrThrow({ where: { id: ch.id } });
    expect([after.winnerId, after.betId, after.winnerConfirmedAt]).toEqual([a.id, sent[0].id, expect.any(Date)]);
    const detail = (await getChallenge(ch.id))!;
    expect(detail.status).toBe("confirmed");
    expect(detail.winningBetVoidedAt).toBe(voidedAt.toISOString());
    expect(detail.winningBetVoidReason).toBe("chargeback");
    expect(await db.ledgerEntry.count({ where: { kind: "CHALLENGE_REWARD", sourceId: ch.id } })).toBe(1);
  });

  it("selections from stored bets (creation, rejection) skip voided bets", async () => {
    const game = await makeGame();
    const [a, b, c] = [await makePlayer(), await makePlayer(), await makePlayer()];
    const t = Date.now() - HOUR;
    const sent = [hit(a.id, game.id, t), hit(b.id, game.id, t + 1000), hit(c.id, game.id, t + 2000)];
    await sendBets({ events: sent });
    await voidBets([sent[0].id]);
    const { id } = await createChallenge(operator, {
      title: "Hit 100x", targetGameId: game.id, minBetAmountUsd: "1", minBetMultiplier: "100",
      rewardCurrency: "USDT", rewardAmount: "10", isHidden: false,
    });
    expect(await state(id)).toEqual({ winnerId: b.id, betId: sent[1].id, selected: true });
    await voidBets([sent[1].id]);
    expect(await state(id)).toEqual({ winnerId: c.id, betId: sent[2].id, selected: true });
    expect(await rejectChallengeWinner(operator, id, "multi-accounting")).toEqual({ winnerId: null, betId: null });
  });
});
