// Responsible play through POST /api/v1/events/users (issue #17): bonusOptOut, bonusBlockedUntil
// and jurisdiction are stored by the upsert rules; blocking a player or starting a pause cancels
// their open bonuses (BONUS_BLOCKED; an ACTIVE one's grant forfeited once); while blocked, paused
// (bonusBlockedUntil later than the bet) or opted out, a player's bets enter no leaderboard and win
// no challenge. The claim rules for such players are tested with the claims, not here.
// On a real PostgreSQL this file runs on a database of its own, so the stats rebuild it compares
// the standings with rewrites no other file's boards; its boards count only its own games.
import { beforeAll, describe, expect, it } from "vitest";

import { POST as claimRoute } from "@/app/api/v1/promo-codes/claim/route";
import type { TOperator } from "@/lib/server/auth/guards";
import { createChallenge } from "@/lib/server/challenges/mutations";
import { db } from "@/lib/server/db";
import { rebuildDerivedStats } from "@/lib/server/stats/rebuild";
import { call, creditsFor as feedFor, platformKey, playerToken } from "@/tests/fixtures/api";
import { bet, deposit, rollback, sendBets, sendDeposits, sendRollbacks, sendUsers } from "@/tests/fixtures/events";
import { ensureCurrencies, makeGame, makeOperator, makePlayer, makePromo, uniqueId } from "@/tests/fixtures/factories";
import { useOwnDatabase } from "@/tests/support/own-database";

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

type TResult = { id: unknown; status: string; error: { code: string; message: string } | null; warnings: string[] };
type TPlayer = { id: number; username: string };

useOwnDatabase("rollover_it_rp");
let operator: TOperator;
let key: string;
beforeAll(async () => {
  await ensureCurrencies();
  const op = await makeOperator("PROMO_MANAGER");
  operator = { id: op.id, email: op.email!, name: op.username, role: "PROMO_MANAGER", mustChangePassword: false };
  key = await platformKey("responsible play test");
});

let eventSeq = 0;
/** A users event for `p` under its own name, dated later than every one before it. */
const userEvent = (p: TPlayer, extra: Record<string, unknown> = {}) => ({
  id: p.id,
  username: p.username,
  updatedAt: new Date(Date.now() + ++eventSeq).toISOString(),
  ...extra,
});

async function send(events: unknown[]): Promise<TResult[]> {
  const res = await sendUsers({ events });
  expect(res.status).toBe(200);
  return res.json.results;
}
const ok = (id: number, status = "applied") => ({ id, status, error: null, warnings: [] });

async function sendBetEvents(events: ReturnType<typeof bet>[]) {
  const res = await sendBets({ events });
  expect(res.status).toBe(200);
  expect(res.json.results.map((r: TResult) => r.status)).toEqual(events.map(() => "applied"));
}
async function voidBet(betId: string) {
  const res = await sendRollbacks(rollback(betId));
  expect(res.json.results[0].status).toBe("applied");
}

/** A DEPOSIT promo claimed (through the claim route) an hour ago; `player` by default a new one. */
async function claimed(player?: TPlayer) {
  const promo = await makePromo({ bonusMultiplier: "1", wagerMultiplierToComplete: "10", timeSecondsToComplete: 3600 });
  const who = player ?? (await makePlayer());
  const res = await call(claimRoute, { token: await playerToken(who.id), body: { code: promo.code } });
  expect(res.status).toBe(201);
  await db.userPromoCode.update({ where: { id: res.json.claim.id }, data: { createdAt: new Date(Date.now() - HOUR) } });
  return { player: who, claimId: res.json.claim.id as string };
}
/** The same, activated a minute ago by a deposit of `usd` (a bonus of as much). */
async function activeBonus(usd = "10", player?: TPlayer) {
  const c = await claimed(player);
  expect((await sendDeposits(deposit(c.player.id, usd, new Date(Date.now() - MIN)))).status).toBe(200);
  expect((await claimOf(c.claimId)).status).toBe("ACTIVE");
  return c;
}

const claimOf = (id: string) => db.userPromoCode.findUniqueOrThrow({ where: { id } });
const ended = async (id: string) => {
  const c = await claimOf(id);
  return [c.status, c.cancelReason, c.isActive];
};
const forfeits = (sourceId: string) => db.ledgerEntry.findMany({ where: { kind: "BONUS_FORFEIT", sourceId } });
const ledgerOf = (sourceId: string) => db.ledgerEntry.findMany({ where: { sourceId } });
const bonusBalance = async (userId: number) =>
  (await db.balance.findUnique({ where: { userId_currencyId_bucket: { userId, currencyId: "USDT", bucket: "BONUS" } } }))?.amount.toFixed(2);
const stored = (id: number) =>
  db.user.findUniqueOrThrow({ where: { id }, select: { username: true, bonusBlocked: true, bonusOptOut: true, bonusBlockedUntil: true, jurisdiction: true } });

/** The feed's entries for one claim (read again until it has them: `creditsFor`). */
const creditsFor = (sourceId: string, want: number) => feedFor(key, sourceId, want);

async function board(gameIds: number[], type: "WAGERED" | "MULTIPLIER" = "WAGERED") {
  return db.leaderboard.create({
    data: {
      name: `Responsible play ${type}`, type, status: "ACTIVE",
      startDate: new Date(Date.now() - 10 * HOUR), endDate: new Date(Date.now() + 10 * HOUR),
      config: { prizes: [{ from: 1, to: 3, usd: "10" }], gameIds, minBetUsd: "0", prizeCurrency: "USDT", settleAfterSeconds: 300 },
    },
  });
}
/** A board's entries, by user: [userId, score, usdAmount, scoreReachedAt ms]. */
async function entries(leaderboardId: string) {
  const rows = await db.leaderboardUser.findMany({ where: { leaderboardId }, orderBy: { userId: "asc" } });
  return rows.map((r) => [r.userId, r.score.toFixed(2), r.usdAmount.toFixed(2), r.scoreReachedAt.getTime()]);
}
async function challenge(gameId: number) {
  const { id } = await createChallenge(operator, {
    title: "Hit 100x", targetGameId: gameId, minBetAmountUsd: "1", minBetMultiplier: "100",
    rewardCurrency: "USDT", rewardAmount: "10", isHidden: false,
  });
  return id;
}
const winner = async (id: string) => {
  const ch = await db.challenge.findUniqueOrThrow({ where: { id } });
  return { winnerId: ch.winnerId, betId: ch.betId };
};
/** A bet that qualifies for challenge(): USD `usd` (≥ 1) at 150×. */
const hit = (userId: number, gameId: number, usd: string, at: number) => bet(userId, gameId, usd, new Date(at), { payoutMultiplier: "150", payout: "1" });

class RolledBack extends Error {
  constructor(readonly value: unknown) {
    super("rolled back");
  }
}
/** The board's entries as the stats rebuild recomputes them, in a transaction rolled back after. */
async function rebuiltEntries(leaderboardId: string) {
  return db
    .$transaction(async (tx) => {
      await rebuildDerivedStats(tx);
      const rows = await tx.leaderboardUser.findMany({ where: { leaderboardId }, orderBy: { userId: "asc" } });
      throw new RolledBack(rows.map((r) => [r.userId, r.score.toFixed(2), r.usdAmount.toFixed(2), r.scoreReachedAt.getTime()]));
    }, { timeout: 60_000 })
    .catch((e: unknown) => {
      if (e instanceof RolledBack) return e.value;
      throw e;
    });
}

describe("users event: blocking cancels the player's open bonuses", () => {
  it("bonusBlocked false → true cancels an ACTIVE bonus (BONUS_BLOCKED) and forfeits its grant once, in the credits feed; a replay is a duplicate", async () => {
    const { player, claimId } = await activeBonus("25");
    expect(await bonusBalance(player.id)).toBe("25.00");

    const event = userEvent(player, { bonusBlocked: true });
    expect(await send([event])).toEqual([ok(player.id)]);
    expect(await ended(claimId)).toEqual(["CANCELLED", "BONUS_BLOCKED", null]);
    expect((await claimOf(claimId)).endedAt).not.toBeNull();
    const taken = await forfeits(claimId);
    expect(taken.map((f) => [f.userId, f.bucket, f.currencyId, f.amount.toFixed(2), f.usdAmount.toFixed(2)])).toEqual([
      [player.id, "BONUS", "USDT", "-25.00", "-25.00"],
    ]);
    expect(await bonusBalance(player.id)).toBe("0.00");
    expect((await creditsFor(claimId, 2)).filter((c) => c.kind === "BONUS_FORFEIT")).toEqual([
      expect.objectContaining({ userId: player.id, amount: expect.stringMatching(/^-25(\.0+)?$/) }),
    ]);

    // The same event again: nothing changed, nothing more forfeited.
    expect(await send([event])).toEqual([ok(player.id, "duplicate")]);
    expect(await forfeits(claimId)).toHaveLength(1);
    expect(await bonusBalance(player.id)).toBe("0.00");
    // Still blocked, another field changes: no block starts, nothing more happens.
    expect(await send([userEvent(player, { bonusBlocked: true, jurisdiction: "GB" })])).toEqual([ok(player.id)]);
    expect(await forfeits(claimId)).toHaveLength(1);
  });

  it("a CLAIMED bonus is cancelled with nothing to forfeit: no ledger entry", async () => {
    const { player, claimId } = await claimed();
    expect(await send([userEvent(player, { bonusBlocked: true })])).toEqual([ok(player.id)]);
    expect(await ended(claimId)).toEqual(["CANCELLED", "BONUS_BLOCKED", null]);
    expect(await ledgerOf(claimId)).toEqual([]);
    expect(await bonusBalance(player.id)).toBeUndefined();
  });

  it("a pause (bonusBlockedUntil in the future) cancels the same way, from none or from a pause already over; moving it cancels nothing more", async () => {
    const { player, claimId } = await activeBonus("12");
    const until = new Date(Date.now() + 2 * HOUR);
    const event = userEvent(player, { bonusBlockedUntil: until.toISOString() });
    expect(await send([event])).toEqual([ok(player.id)]);
    expect(await ended(claimId)).toEqual(["CANCELLED", "BONUS_BLOCKED", null]);
    expect((await forfeits(claimId)).map((f) => f.amount.toFixed(2))).toEqual(["-12.00"]);
    expect((await stored(player.id)).bonusBlockedUntil?.getTime()).toBe(until.getTime());
    expect(await send([event])).toEqual([ok(player.id, "duplicate")]);
    // The same instant written in another zone is no change either.
    const sameInstant = new Date(until.getTime() + HOUR).toISOString().replace("Z", "+01:00");
    expect(await send([userEvent(player, { bonusBlockedUntil: sameInstant })])).toEqual([ok(player.id, "duplicate")]);
    // Extending the running pause starts nothing.
    expect(await send([userEvent(player, { bonusBlockedUntil: new Date(until.getTime() + HOUR).toISOString() })])).toEqual([ok(player.id)]);
    expect(await forfeits(claimId)).toHaveLength(1);
    // null ends the pause.
    expect(await send([userEvent(player, { bonusBlockedUntil: null })])).toEqual([ok(player.id)]);
    expect((await stored(player.id)).bonusBlockedUntil).toBeNull();

    // A stored pause that is over, then a new one: a new pause starts, the open bonus is cancelled.
    const again = await makePlayer({ bonusBlockedUntil: new Date(Date.now() - HOUR) });
    const second = await claimed(again);
    expect(await send([userEvent(again, { bonusBlockedUntil: new Date(Date.now() + HOUR).toISOString() })])).toEqual([ok(again.id)]);
    expect(await ended(second.claimId)).toEqual(["CANCELLED", "BONUS_BLOCKED", null]);
    expect(await ledgerOf(second.claimId)).toEqual([]);
  });

  it("opting out, or a pause that is already over, cancels nothing", async () => {
    const { player, claimId } = await activeBonus("8");
    expect(await send([userEvent(player, { bonusOptOut: true })])).toEqual([ok(player.id)]);
    expect((await stored(player.id)).bonusOptOut).toBe(true);
    expect(await ended(claimId)).toEqual(["ACTIVE", null, true]);
    expect(await forfeits(claimId)).toEqual([]);

    const past = await claimed();
    expect(await send([userEvent(past.player, { bonusBlockedUntil: new Date(Date.now() - MIN).toISOString() })])).toEqual([ok(past.player.id)]);
    expect(await ended(past.claimId)).toEqual(["CLAIMED", null, true]);
  });
});

describe("blocked, paused or opted-out players enter no leaderboard and win no challenge", () => {
  it("during a pause a player's bets don't enter a board or win a challenge while another player's do; bets dated after it count again — in the bet path, the void recompute, the reselection and the rebuild", async () => {
    const game = await makeGame();
    const b = await board([game.id]);
    const [paused, other] = [await makePlayer(), await makePlayer()];
    const now = Date.now();
    const until = now + 2 * HOUR;
    expect(await send([userEvent(paused, { bonusBlockedUntil: new Date(until).toISOString() })])).toEqual([ok(paused.id)]);
    const ch = await challenge(game.id);

    // Inside the pause: the paused player's bet is earlier and bigger, and still counts nowhere.
    const during = hit(paused.id, game.id, "50", now + 10 * MIN);
    const others = hit(other.id, game.id, "5", now + 20 * MIN);
    await sendBetEvents([during, others]);
    expect(await entries(b.id)).toEqual([[other.id, "5.00", "5.00", now + 20 * MIN]]);
    expect(await winner(ch)).toEqual({ winnerId: other.id, betId: others.id });

    // Dated after the pause: they count again (a challenge still goes to the earliest).
    const after1 = hit(paused.id, game.id, "7", until + MIN);
    const after2 = bet(paused.id, game.id, "3", new Date(until + 2 * MIN));
    await sendBetEvents([after1, after2]);
    expect(await entries(b.id)).toEqual([
      [paused.id, "10.00", "10.00", until + 2 * MIN],
      [other.id, "5.00", "5.00", now + 20 * MIN],
    ].sort((x, y) => (x[0] as number) - (y[0] as number)));
    expect(await winner(ch)).toEqual({ winnerId: other.id, betId: others.id });
    expect(await rebuiltEntries(b.id)).toEqual(await entries(b.id));

    // The other's winning bet voided: the reselection skips the bet made during the pause.
    await voidBet(others.id);
    expect(await winner(ch)).toEqual({ winnerId: paused.id, betId: after1.id });
    expect(await entries(b.id)).toEqual([[paused.id, "10.00", "10.00", until + 2 * MIN]]);
    // One of the paused player's later bets voided: recomputed from the rest, the paused one still out.
    await voidBet(after2.id);
    expect(await entries(b.id)).toEqual([[paused.id, "7.00", "7.00", until + MIN]]);
    expect(await rebuiltEntries(b.id)).toEqual(await entries(b.id));
    // A challenge created now selects from the stored bets by the same rule.
    expect(await winner(await challenge(game.id))).toEqual({ winnerId: paused.id, betId: after1.id });
  });

  it("bets dated before a pause began still count, live and in the rebuild alike", async () => {
    const game = await makeGame();
    const b = await board([game.id]);
    const player = await makePlayer();
    const now = Date.now();
    expect(await send([userEvent(player, { bonusBlockedUntil: new Date(now + 2 * HOUR).toISOString() })])).toEqual([ok(player.id)]);
    await sendBetEvents([bet(player.id, game.id, "4", new Date(now - 10 * MIN)), bet(player.id, game.id, "9", new Date(now + 10 * MIN))]);
    expect(await entries(b.id)).toEqual([[player.id, "4.00", "4.00", now - 10 * MIN]]);
    expect(await rebuiltEntries(b.id)).toEqual(await entries(b.id));
  });

  it("a pause that is over still keeps out the bets made during it", async () => {
    const game = await makeGame();
    const b = await board([game.id], "MULTIPLIER");
    const player = await makePlayer();
    const now = Date.now();
    expect(await send([userEvent(player, { bonusBlockedUntil: new Date(now - HOUR).toISOString() })])).toEqual([ok(player.id)]);
    const ch = await challenge(game.id);
    const inside = hit(player.id, game.id, "2", now - 2 * HOUR);
    const outside = bet(player.id, game.id, "1", new Date(now - 30 * MIN), { payoutMultiplier: "3", payout: "3" });
    await sendBetEvents([inside, outside]);
    expect(await entries(b.id)).toEqual([[player.id, "3.00", "1.00", now - 30 * MIN]]);
    expect(await winner(ch)).toEqual({ winnerId: null, betId: null });
    expect(await rebuiltEntries(b.id)).toEqual(await entries(b.id));
  });

  it("an opted-out player keeps their bonus, but their bets enter no board and win no challenge; opted in again, later bets count", async () => {
    const game = await makeGame();
    const b = await board([game.id]);
    const { player, claimId } = await activeBonus("5");
    const other = await makePlayer();
    expect(await send([userEvent(player, { bonusOptOut: true })])).toEqual([ok(player.id)]);
    const ch = await challenge(game.id);
    const now = Date.now();
    const mine = hit(player.id, game.id, "40", now - 3 * MIN);
    const theirs = hit(other.id, game.id, "4", now - 2 * MIN);
    await sendBetEvents([mine, theirs]);
    expect(await entries(b.id)).toEqual([[other.id, "4.00", "4.00", now - 2 * MIN]]);
    expect(await winner(ch)).toEqual({ winnerId: other.id, betId: theirs.id });
    expect(await rebuiltEntries(b.id)).toEqual(await entries(b.id));
    expect((await claimOf(claimId)).status).toBe("ACTIVE");

    expect(await send([userEvent(player, { bonusOptOut: false })])).toEqual([ok(player.id)]);
    await sendBetEvents([bet(player.id, game.id, "6", new Date(now - MIN))]);
    expect((await entries(b.id)).find((e) => e[0] === player.id)).toBeDefined();
  });

  it("a blocked player's bets win no challenge (as they enter no board)", async () => {
    const game = await makeGame();
    const b = await board([game.id]);
    const [blocked, other] = [await makePlayer(), await makePlayer()];
    expect(await send([userEvent(blocked, { bonusBlocked: true })])).toEqual([ok(blocked.id)]);
    const ch = await challenge(game.id);
    const now = Date.now();
    const theirs = hit(other.id, game.id, "2", now - MIN);
    await sendBetEvents([hit(blocked.id, game.id, "20", now - 2 * MIN), theirs]);
    expect(await winner(ch)).toEqual({ winnerId: other.id, betId: theirs.id });
    expect(await entries(b.id)).toEqual([[other.id, "2.00", "2.00", now - MIN]]);
  });
});

describe("users event: the new fields' values", () => {
  it("jurisdiction is stored, kept when left out, replaced, cleared by null; an older event is ignored", async () => {
    const player = await makePlayer();
    expect(await send([userEvent(player, { jurisdiction: "CA-ON" })])).toEqual([ok(player.id)]);
    expect(await stored(player.id)).toMatchObject({ jurisdiction: "CA-ON" });
    expect(await send([userEvent(player, { jurisdiction: "CA-ON" })])).toEqual([ok(player.id, "duplicate")]);
    expect(await send([userEvent(player, { username: `${player.username}_x` })])).toEqual([ok(player.id)]);
    expect(await stored(player.id)).toMatchObject({ username: `${player.username}_x`, jurisdiction: "CA-ON" });
    const renamed = { ...player, username: `${player.username}_x` };
    const older = { ...userEvent(renamed, { jurisdiction: "DK" }), updatedAt: new Date(Date.now() - HOUR).toISOString() };
    const [ignored] = await send([older]);
    expect(ignored.status).toBe("duplicate");
    expect(await stored(player.id)).toMatchObject({ jurisdiction: "CA-ON" });
    expect(await send([userEvent(renamed, { jurisdiction: "GB" })])).toEqual([ok(player.id)]);
    expect(await stored(player.id)).toMatchObject({ jurisdiction: "GB" });
    expect(await send([userEvent(renamed, { jurisdiction: null })])).toEqual([ok(player.id)]);
    expect(await stored(player.id)).toMatchObject({ jurisdiction: null });

    // A new user with all three.
    const id = uniqueId();
    const until = new Date(Date.now() + HOUR);
    expect(await send([{ id, username: `rp_${id}`, jurisdiction: "SE", bonusOptOut: true, bonusBlockedUntil: until.toISOString() }])).toEqual([ok(id)]);
    expect(await stored(id)).toEqual({ username: `rp_${id}`, bonusBlocked: false, bonusOptOut: true, bonusBlockedUntil: until, jurisdiction: "SE" });
  });

  const BAD: [string, Record<string, unknown>, string][] = [
    ["a bonusBlockedUntil that is a word", { bonusBlockedUntil: "tomorrow" }, "bonusBlockedUntil"],
    ["a bonusBlockedUntil in month 13", { bonusBlockedUntil: "2026-13-01T00:00:00Z" }, "bonusBlockedUntil"],
    ["a bonusBlockedUntil without a zone", { bonusBlockedUntil: "2026-12-01T00:00:00" }, "bonusBlockedUntil"],
    ["a lower-case jurisdiction", { jurisdiction: "gb" }, "jurisdiction"],
    ["an unassigned country with a region", { jurisdiction: "XX-ON" }, "jurisdiction"],
    ["a region too long", { jurisdiction: "GB-TOOLONG" }, "jurisdiction"],
    ["a bonusOptOut that is a string", { bonusOptOut: "yes" }, "bonusOptOut"],
  ];
  it.each(BAD)("%s: that event alone is rejected (INVALID_EVENT), the others in its batch apply, nothing of it is written", async (_name, bad, field) => {
    const [before, existing, after] = [await makePlayer(), await makePlayer({ jurisdiction: "FR" }), await makePlayer()];
    const fresh = uniqueId();
    const results = await send([
      userEvent(before, { jurisdiction: "DE" }),
      userEvent(existing, { username: `${existing.username}_renamed`, ...bad }),
      { id: fresh, username: `rp_${fresh}`, ...bad },
      userEvent(after, { bonusOptOut: true }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["applied", "rejected", "rejected", "applied"]);
    expect(results.slice(1, 3).map((r) => r.error?.code)).toEqual(["INVALID_EVENT", "INVALID_EVENT"]);
    expect(results[1].error?.message).toContain(field);
    expect(await stored(before.id)).toMatchObject({ jurisdiction: "DE" });
    expect(await stored(after.id)).toMatchObject({ bonusOptOut: true });
    expect(await stored(existing.id)).toEqual({ username: existing.username, bonusBlocked: false, bonusOptOut: false, bonusBlockedUntil: null, jurisdiction: "FR" });
    expect(await db.user.findUnique({ where: { id: fresh } })).toBeNull();
  });
});
