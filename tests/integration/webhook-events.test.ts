// The webhook outbox's events (SPEC §2 "Grants and webhooks"): each state change writes its event in
// the transaction that causes it, with the payload WEBHOOK_DATA describes, only for subscribed
// enabled endpoints, marketing ones never for a player who doesn't take part. A database of its own:
// its endpoint (subscribed to everything) would otherwise make every other file's changes write
// events, and its "nothing subscribes" checks would see theirs.
import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { POST as cancelRoute } from "@/app/api/v1/me/promo-codes/[id]/cancel/route";
import { POST as claimRoute } from "@/app/api/v1/promo-codes/claim/route";
import { ZBetEvent } from "@/lib/schemas/api/events";
import { WEBHOOK_DATA, WEBHOOK_EVENT_TYPES, type TWebhookEventType } from "@/lib/schemas/webhooks";
import { claimMyCommissions } from "@/lib/server/affiliates/player";
import { confirmChallengeWinner } from "@/lib/server/challenges/mutations";
import { cancelOpenBonuses, expireDueBonuses } from "@/lib/server/claims/lifecycle";
import { db } from "@/lib/server/db";
import { applyStoredBets, effectsDue } from "@/lib/server/ingest/bet-effects";
import { insertNewBets } from "@/lib/server/ingest/bet-insert";
import { settleBoard, settleEarly } from "@/lib/server/leaderboards/lifecycle";
import { deactivatePromoCode } from "@/lib/server/promo-codes/mutations";
import { fanOutEvents } from "@/lib/server/webhooks/fan-out";
import { writeWebhookEvents } from "@/lib/server/webhooks/outbox";
import { call, playerToken } from "@/tests/fixtures/api";
import { bet, deposit, rollback, sendBets, sendDeposits, sendRollbacks, sendUsers, sendWithdrawals, withdrawal } from "@/tests/fixtures/events";
import { asOperator, ensureCurrencies, makeGame, makeOperator, makePlayer, makePromo, reserveIds } from "@/tests/fixtures/factories";
import { useDatabaseOfItsOwn } from "@/tests/fixtures/own-database";

const SEC = 1000;
const HOUR = 3600 * SEC;

useDatabaseOfItsOwn("rollover_it_wh");
let endpointId: string;
beforeAll(async () => {
  await ensureCurrencies();
  const endpoint = await db.webhookEndpoint.create({
    data: { url: "https://crm.example.com/rollover", eventTypes: [...WEBHOOK_EVENT_TYPES], secret: "whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVz" },
  });
  endpointId = endpoint.id;
});

type TEvent = { type: string; userId: number | null; dedupeKey: string | null; data: Record<string, unknown> };

/** The events of `type` about a player, oldest first, each parsed with its WEBHOOK_DATA schema. */
async function eventsOf(type: TWebhookEventType, userId: number): Promise<Record<string, unknown>[]> {
  const rows = (await db.webhookEvent.findMany({ where: { type, userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })) as TEvent[];
  return rows.map((r) => {
    const parsed = WEBHOOK_DATA[type].safeParse(r.data);
    if (!parsed.success) throw new Error(`${type} doesn't parse: ${JSON.stringify(r.data)} — ${parsed.error.message}`);
    expect(parsed.data).toEqual(r.data); // no field beyond the schema's
    return r.data;
  });
}
const countOf = (type: TWebhookEventType, userId: number) => db.webhookEvent.count({ where: { type, userId } });

/** A DEPOSIT promo claimed an hour ago: 100 % bonus, 10× (deposit + bonus), an hour to complete. */
async function claimed(promo: Parameters<typeof makePromo>[0] = {}) {
  const p = await makePromo({ bonusMultiplier: "1", wagerMultiplierToComplete: "10", timeSecondsToComplete: 3600, ...promo });
  const who = await makePlayer();
  const res = await call(claimRoute, { token: await playerToken(who.id), body: { code: p.code } });
  expect(res.status).toBe(201);
  await db.userPromoCode.update({ where: { id: res.json.claim.id }, data: { createdAt: new Date(Date.now() - HOUR) } });
  return { promo: p, player: who, claimId: res.json.claim.id as string };
}

/** claimed() and activated by a deposit of 100 half an hour ago: a bonus of 100 to wager 2,000. */
async function active(promo: Parameters<typeof makePromo>[0] = {}) {
  const c = await claimed(promo);
  const at = new Date(Date.now() - HOUR / 2);
  const dep = deposit(c.player.id, "100", at);
  await sendDeposits(dep);
  expect((await db.userPromoCode.findUniqueOrThrow({ where: { id: c.claimId } })).status).toBe("ACTIVE");
  return { ...c, at, depositId: dep.id };
}

async function applied(events: ReturnType<typeof bet>[]) {
  const res = await sendBets({ events });
  expect(res.status).toBe(200);
  return res.json.results.map((r: { status: string }) => r.status);
}

const forfeited = (c: { player: { id: number }; claimId: string; promo: { id: string } }, rest: Record<string, unknown>) => ({
  userId: c.player.id, claimId: c.claimId, promoCodeId: c.promo.id, ...rest,
});

describe("bonus events", () => {
  it("activation, 50 % and 90 % once each (not again after a replay or a rollback and a rebet), then completion", async () => {
    const c = await active();
    const game = await makeGame();
    const expiresAt = new Date(c.at.getTime() + HOUR).toISOString();
    expect(await eventsOf("bonus.activated", c.player.id)).toEqual([
      {
        userId: c.player.id, claimId: c.claimId, promoCodeId: c.promo.id, depositId: c.depositId, currencyId: "USDT",
        bonusAmount: "100.00", bonusUsdAmount: "100.00", wagerUsdAmountToComplete: "2000.00", activatedAt: c.at.toISOString(), expiresAt,
      },
    ]);

    const first = bet(c.player.id, game.id, "1100", new Date(c.at.getTime() + SEC));
    expect(await applied([first])).toEqual(["applied"]);
    const fifty = { userId: c.player.id, claimId: c.claimId, promoCodeId: c.promo.id, threshold: 50, wageredUsdAmount: "1100.00", wagerUsdAmountToComplete: "2000.00", leftUsdAmount: "900.00", expiresAt };
    expect(await eventsOf("bonus.progress", c.player.id)).toEqual([fifty]);
    expect(await applied([first])).toEqual(["duplicate"]);
    // The wagering goes back below 50 % and a new bet crosses it again: the threshold was told once.
    expect((await sendRollbacks(rollback(first.id))).json.results[0].status).toBe("applied");
    expect((await db.userPromoCodeProgress.findFirstOrThrow({ where: { userId: c.player.id } })).wageredUsdAmount.toFixed(2)).toBe("0.00");
    await applied([bet(c.player.id, game.id, "1100", new Date(c.at.getTime() + 2 * SEC))]);
    expect(await countOf("bonus.progress", c.player.id)).toBe(1);

    await applied([bet(c.player.id, game.id, "700", new Date(c.at.getTime() + 3 * SEC))]);
    expect(await eventsOf("bonus.progress", c.player.id)).toEqual([
      fifty,
      { ...fifty, threshold: 90, wageredUsdAmount: "1800.00", leftUsdAmount: "200.00" },
    ]);
    expect(await countOf("bonus.completed", c.player.id)).toBe(0);

    await applied([bet(c.player.id, game.id, "250", new Date(c.at.getTime() + 4 * SEC))]);
    const claim = await db.userPromoCode.findUniqueOrThrow({ where: { id: c.claimId } });
    expect(claim.status).toBe("COMPLETED");
    expect(await eventsOf("bonus.completed", c.player.id)).toEqual([
      { userId: c.player.id, claimId: c.claimId, promoCodeId: c.promo.id, currencyId: "USDT", releasedAmount: "100.00", wageredUsdAmount: "2050.00", completedAt: claim.endedAt!.toISOString() },
    ]);
    expect(await countOf("bonus.progress", c.player.id)).toBe(2);
    expect(await countOf("bonus.forfeited", c.player.id)).toBe(0);
  });

  it("one batch crossing both thresholds writes both", async () => {
    const c = await active();
    const game = await makeGame();
    await applied([bet(c.player.id, game.id, "1000", new Date(c.at.getTime() + SEC)), bet(c.player.id, game.id, "900", new Date(c.at.getTime() + 2 * SEC))]);
    const both = (await eventsOf("bonus.progress", c.player.id)).map((e) => [e.threshold, e.wageredUsdAmount]);
    expect(both.sort()).toEqual([
      [50, "1900.00"],
      [90, "1900.00"],
    ]);
    const keys = await db.webhookEvent.findMany({ where: { type: "bonus.progress", userId: c.player.id }, select: { dedupeKey: true } });
    expect(keys.map((k) => k.dedupeKey).sort()).toEqual([`bonus.progress:50:${c.claimId}`, `bonus.progress:90:${c.claimId}`]);
  });

  it("stored bets counted at activation cross thresholds too, and a bonus completed at once says so", async () => {
    const c = await claimed();
    const game = await makeGame();
    const at = new Date(Date.now() - HOUR / 2);
    // No bonus is ACTIVE yet: these bets count when the deposit activates it (2,000 to wager).
    await applied([bet(c.player.id, game.id, "1200", new Date(at.getTime() + SEC))]);
    await sendDeposits(deposit(c.player.id, "100", at));
    expect((await eventsOf("bonus.progress", c.player.id)).map((e) => e.threshold)).toEqual([50]);
    expect(await countOf("bonus.activated", c.player.id)).toBe(1);

    const zero = await claimed({ wagerMultiplierToComplete: "0" });
    await sendDeposits(deposit(zero.player.id, "50", new Date(Date.now() - HOUR / 2)));
    expect((await eventsOf("bonus.completed", zero.player.id)).map((e) => [e.releasedAmount, e.wageredUsdAmount])).toEqual([["50.00", "0.00"]]);
    expect(await countOf("bonus.progress", zero.player.id)).toBe(0);
  });
});

describe("bonus.forfeited, wherever a bonus ends EXPIRED or CANCELLED", () => {
  it("the player's cancel: ACTIVE forfeits the grant, CLAIMED had nothing granted", async () => {
    const a = await active();
    expect((await call(cancelRoute, { token: await playerToken(a.player.id), params: { id: a.claimId }, body: {} })).status).toBe(200);
    const endedA = (await db.userPromoCode.findUniqueOrThrow({ where: { id: a.claimId } })).endedAt!.toISOString();
    expect(await eventsOf("bonus.forfeited", a.player.id)).toEqual([
      forfeited(a, { status: "CANCELLED", reason: "Cancelled by player", currencyId: "USDT", forfeitedAmount: "100.00", endedAt: endedA }),
    ]);

    const c = await claimed();
    expect((await call(cancelRoute, { token: await playerToken(c.player.id), params: { id: c.claimId }, body: { reason: "changed my mind" } })).status).toBe(200);
    expect(await eventsOf("bonus.forfeited", c.player.id)).toEqual([
      forfeited(c, { status: "CANCELLED", reason: "changed my mind", currencyId: null, forfeitedAmount: null, endedAt: expect.any(String) }),
    ]);
  });

  it("expiry by the worker (ACTIVE and CLAIMED) and by a late bet", async () => {
    const a = await active({ timeSecondsToComplete: 60 });
    const expiresAt = new Date(a.at.getTime() + 60 * SEC).toISOString();
    const c = await claimed();
    await db.promoCode.update({ where: { id: c.promo.id }, data: { expiresAt: new Date(Date.now() - 10 * 60 * SEC) } });
    await db.$transaction((tx) => expireDueBonuses(tx, new Date(), [a.player.id, c.player.id]));
    expect(await eventsOf("bonus.forfeited", a.player.id)).toEqual([
      forfeited(a, { status: "EXPIRED", reason: null, currencyId: "USDT", forfeitedAmount: "100.00", endedAt: expiresAt }),
    ]);
    expect(await eventsOf("bonus.forfeited", c.player.id)).toEqual([
      forfeited(c, { status: "EXPIRED", reason: null, currencyId: null, forfeitedAmount: null, endedAt: expect.any(String) }),
    ]);
    await db.$transaction((tx) => expireDueBonuses(tx, new Date(), [a.player.id, c.player.id])); // nothing more
    expect(await countOf("bonus.forfeited", a.player.id)).toBe(1);

    const late = await active({ timeSecondsToComplete: 60 });
    await applied([bet(late.player.id, (await makeGame()).id, "5", new Date(late.at.getTime() + 120 * SEC))]);
    expect((await eventsOf("bonus.forfeited", late.player.id)).map((e) => [e.status, e.forfeitedAmount])).toEqual([["EXPIRED", "100.00"]]);
  });

  it("a withdrawal, a users event that blocks, and an operator's deactivation of the promo", async () => {
    const w = await active();
    expect((await sendWithdrawals(withdrawal(w.player.id, "10", new Date(w.at.getTime() + SEC)))).status).toBe(200);
    expect((await eventsOf("bonus.forfeited", w.player.id)).map((e) => [e.status, e.reason, e.forfeitedAmount])).toEqual([["CANCELLED", "WITHDRAWAL", "100.00"]]);

    const b = await active();
    const user = await db.user.findUniqueOrThrow({ where: { id: b.player.id } });
    expect((await sendUsers({ events: [{ id: user.id, username: user.username, bonusBlocked: true, updatedAt: new Date().toISOString() }] })).status).toBe(200);
    expect((await eventsOf("bonus.forfeited", b.player.id)).map((e) => [e.status, e.reason, e.forfeitedAmount])).toEqual([["CANCELLED", "BONUS_BLOCKED", "100.00"]]);

    const d = await claimed();
    await deactivatePromoCode(asOperator(await makeOperator("PROMO_MANAGER")), d.promo.id);
    expect((await eventsOf("bonus.forfeited", d.player.id)).map((e) => [e.status, e.reason, e.forfeitedAmount])).toEqual([["CANCELLED", "Promo deactivated", null]]);
  });

  it("deposit-time cancels: the deposit rule and a spent budget (nothing granted, no activation)", async () => {
    // A deposit dated before the claim can't activate it, and no later deposit is a first.
    const r = await claimed({ depositRule: "FIRST_DEPOSIT" });
    await sendDeposits(deposit(r.player.id, "30", new Date(Date.now() - 2 * HOUR)));
    expect(await eventsOf("bonus.forfeited", r.player.id)).toEqual([
      forfeited(r, { status: "CANCELLED", reason: "DEPOSIT_RULE", currencyId: null, forfeitedAmount: null, endedAt: expect.any(String) }),
    ]);

    const s = await claimed({ budgetUsdAmount: "50" });
    await db.promoCode.update({ where: { id: s.promo.id }, data: { grantedUsdAmount: "50" } });
    await sendDeposits(deposit(s.player.id, "100", new Date(Date.now() - HOUR / 2)));
    expect((await eventsOf("bonus.forfeited", s.player.id)).map((e) => [e.status, e.reason, e.forfeitedAmount])).toEqual([["CANCELLED", "BUDGET_SPENT", null]]);
    expect(await countOf("bonus.activated", s.player.id)).toBe(0);
  });
});

describe("challenge, leaderboard and commission events", () => {
  it("challenge.won at confirmation, once", async () => {
    const op = asOperator(await makeOperator("PROMO_MANAGER"));
    const game = await makeGame();
    const ch = await db.challenge.create({
      data: {
        createdById: op.id, defaultTitle: "Hit 100x", targetGameId: game.id, minBetAmountUsd: "1", minBetMultiplier: "100",
        rewardCurrency: "USDT", rewardAmount: "250", rewardUsdAmount: "250", rewardUsdRate: "1",
      },
    });
    const player = await makePlayer();
    const b = bet(player.id, game.id, "2", new Date(Date.now() - HOUR), { payoutMultiplier: "120", payout: "240" });
    await applied([b]);
    expect(await countOf("challenge.won", player.id)).toBe(0); // selected, not confirmed
    await confirmChallengeWinner(op, ch.id);
    await expect(confirmChallengeWinner(op, ch.id)).rejects.toMatchObject({ code: "NO_PENDING_WINNER" });
    const confirmedAt = (await db.challenge.findUniqueOrThrow({ where: { id: ch.id } })).winnerConfirmedAt!.toISOString();
    expect(await eventsOf("challenge.won", player.id)).toEqual([
      { userId: player.id, challengeId: ch.id, betId: b.id, currencyId: "USDT", rewardAmount: "250.00", confirmedAt },
    ]);
  });

  it("leaderboard.prize per paid prize, with its rank", async () => {
    const game = await makeGame();
    const now = new Date();
    const board = await db.leaderboard.create({
      data: {
        name: "Webhooks", type: "WAGERED", status: "ACTIVE", startDate: new Date(now.getTime() - 2 * HOUR), endDate: new Date(now.getTime() - HOUR),
        config: { prizes: [{ from: 1, to: 1, usd: "100" }, { from: 2, to: 2, usd: "10" }], gameIds: [game.id], minBetUsd: "0", prizeCurrency: "USDT" },
      },
    });
    const players = await Promise.all(Array.from({ length: 3 }, () => makePlayer()));
    await applied(players.map((p, i) => bet(p.id, game.id, String(10 * (i + 1)), new Date(now.getTime() - 90 * 60 * SEC))));
    await db.leaderboard.update({ where: { id: board.id }, data: { status: "ENDED" } });
    expect(await settleEarly(board.id, now)).toBe(true);
    expect(await settleBoard(board.id, now)).toEqual({ paid: 2, finished: true });
    expect(await eventsOf("leaderboard.prize", players[2].id)).toEqual([
      { userId: players[2].id, leaderboardId: board.id, rank: 1, currencyId: "USDT", amount: "100.00", usdAmount: "100.00", paidAt: now.toISOString() },
    ]);
    expect((await eventsOf("leaderboard.prize", players[1].id)).map((e) => [e.rank, e.amount])).toEqual([[2, "10.00"]]);
    expect(await countOf("leaderboard.prize", players[0].id)).toBe(0);
    await settleBoard(board.id, now);
    expect(await countOf("leaderboard.prize", players[2].id)).toBe(1);
  });

  it("commission.claimed: one event, every currency paid", async () => {
    const owner = await makePlayer();
    await db.affiliateUserStats.createMany({
      data: [
        { userId: owner.id, currencyId: "USDT", claimableAmount: "5.505" },
        { userId: owner.id, currencyId: "BTC", claimableAmount: "0.00001" },
      ],
    });
    await db.affiliateUserStatsUsd.create({ data: { userId: owner.id, claimableAmount: "6.5" } });
    const now = new Date();
    await claimMyCommissions(owner.id, now);
    expect(await eventsOf("commission.claimed", owner.id)).toEqual([
      {
        userId: owner.id,
        payouts: [
          { currencyId: "BTC", amount: "0.00001000", usdAmount: "1.00" },
          { currencyId: "USDT", amount: "5.50", usdAmount: "5.50" },
        ],
        claimedAt: now.toISOString(),
      },
    ]);
    await expect(claimMyCommissions(owner.id, now)).rejects.toMatchObject({ code: "NOTHING_TO_CLAIM" });
    expect(await countOf("commission.claimed", owner.id)).toBe(1);
  });
});

describe("who gets an event", () => {
  it("nothing when no enabled endpoint subscribes; one delivery per subscribed enabled endpoint", async () => {
    const cancel = async () => {
      const c = await claimed();
      expect((await call(cancelRoute, { token: await playerToken(c.player.id), params: { id: c.claimId }, body: {} })).status).toBe(200);
      return c.player.id;
    };
    await db.webhookEndpoint.update({ where: { id: endpointId }, data: { enabled: false } });
    expect(await countOf("bonus.forfeited", await cancel())).toBe(0);
    await db.webhookEndpoint.update({ where: { id: endpointId }, data: { enabled: true, eventTypes: ["claim.created", "bonus.completed"] } });
    expect(await countOf("bonus.forfeited", await cancel())).toBe(0);
    await db.webhookEndpoint.update({ where: { id: endpointId }, data: { eventTypes: [...WEBHOOK_EVENT_TYPES] } });

    const second = await db.webhookEndpoint.create({ data: { url: "https://other.example.com/hook", eventTypes: ["bonus.forfeited"], secret: "whsec_b3RoZXJvdGhlcm90aGVyb3RoZXJvdGhlcm90" } });
    const off = await db.webhookEndpoint.create({ data: { url: "https://off.example.com/hook", eventTypes: ["bonus.forfeited"], secret: "whsec_b2Zmb2Zmb2Zmb2Zmb2Zmb2Zmb2Zmb2Zmb2Zm", enabled: false } });
    try {
      const userId = await cancel();
      await fanOutEvents();
      const [event] = await db.webhookEvent.findMany({ where: { type: "bonus.forfeited", userId }, include: { deliveries: true } });
      expect(event.deliveries.map((d) => [d.endpointId, d.status]).sort()).toEqual([[endpointId, "PENDING"], [second.id, "PENDING"]].sort());
    } finally {
      await db.webhookEndpoint.deleteMany({ where: { id: { in: [second.id, off.id] } } });
    }
  });

  it("no marketing event for a blocked, paused or opted-out player; the others still get theirs", async () => {
    const [ok, blocked, paused, optedOut] = await Promise.all([active(), active(), active(), active()]);
    await db.user.update({ where: { id: blocked.player.id }, data: { bonusBlocked: true } });
    await db.user.update({ where: { id: paused.player.id }, data: { bonusBlockedUntil: new Date(Date.now() + 24 * HOUR), bonusBlockedFrom: new Date(Date.now() - HOUR) } });
    await db.user.update({ where: { id: optedOut.player.id }, data: { bonusOptOut: true } });
    const game = await makeGame();
    await applied([ok, blocked, paused, optedOut].map((c) => bet(c.player.id, game.id, "1900", new Date(c.at.getTime() + SEC))));
    expect(await countOf("bonus.progress", ok.player.id)).toBe(2);
    for (const c of [blocked, paused, optedOut]) expect(await countOf("bonus.progress", c.player.id)).toBe(0);

    // bonus.expiring (written by the worker) goes through the same gate.
    await writeWebhookEvents(
      db,
      "bonus.expiring",
      [ok, blocked, paused, optedOut].map((c) => ({
        userId: c.player.id, dedupeKey: `bonus.expiring:${c.claimId}`,
        data: { userId: c.player.id, claimId: c.claimId, promoCodeId: c.promo.id, wageredUsdAmount: "1900.00", wagerUsdAmountToComplete: "2000.00", leftUsdAmount: "100.00", expiresAt: new Date().toISOString() },
      })),
    );
    expect(await eventsOf("bonus.expiring", ok.player.id)).toHaveLength(1);
    for (const c of [blocked, paused, optedOut]) expect(await countOf("bonus.expiring", c.player.id)).toBe(0);
  });
});

describe("the bet path's outbox", () => {
  it("a batch of 500 bets crossing both thresholds writes its 1,000 events in one statement", async () => {
    const first = reserveIds(500);
    const ids = Array.from({ length: 500 }, (_, i) => first + i);
    await db.user.createMany({ data: ids.map((id) => ({ id, username: `wh_bulk_${id}` })) });
    const promo = await makePromo();
    const game = await makeGame();
    const at = new Date(Date.now() - HOUR / 2);
    // 500 ACTIVE bonuses of 100 to wager, written directly: the deposits path is not what this measures.
    await db.$executeRaw`
      WITH claims AS (
        INSERT INTO "UserPromoCode" ("userId", "promoCodeId", "isActive", status, "activatedAt", "createdAt")
        SELECT u, ${promo.id}::uuid, true, 'ACTIVE', ${at}, ${at} FROM unnest(${ids}::int[]) AS u RETURNING "userId"
      )
      INSERT INTO "UserPromoCodeProgress" ("userId", "promoCodeId", "activatedAt", "expiresAt", "baseUsdAmount", "bonusUsdAmount",
        "bonusAmount", "currencyId", "wagerMultiplierToComplete", "wagerUsdAmountToComplete")
      SELECT "userId", ${promo.id}::uuid, ${at}, ${new Date(at.getTime() + HOUR)}, 50, 50, 50, 'USDT', 1, 100 FROM claims`;
    // Each INSERT statement into the outbox records how many events of each type it wrote.
    await db.$executeRawUnsafe(`CREATE TABLE test_outbox_statements (type text, n int)`);
    await db.$executeRawUnsafe(`CREATE FUNCTION test_outbox_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO test_outbox_statements SELECT type, count(*) FROM new_rows GROUP BY type; RETURN NULL; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER test_outbox_count AFTER INSERT ON "WebhookEvent" REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION test_outbox_count()`);
    try {
      const results = await applied(ids.map((id) => bet(id, game.id, "95", new Date(at.getTime() + SEC))));
      expect(results.every((s: string) => s === "applied")).toBe(true);
      expect(await db.$queryRaw`SELECT type, n FROM test_outbox_statements WHERE type = 'bonus.progress'`).toEqual([{ type: "bonus.progress", n: 1000 }]);
      expect(await db.webhookEvent.count({ where: { type: "bonus.progress", userId: { in: ids } } })).toBe(1000);
      // The batch wrote events only; the worker's fan-out gives each its delivery.
      expect(await db.webhookDelivery.count({ where: { event: { type: "bonus.progress", userId: { in: ids } } } })).toBe(0);
      while ((await fanOutEvents()).events > 0);
      expect(await db.webhookDelivery.count({ where: { event: { type: "bonus.progress", userId: { in: ids } } } })).toBe(1000);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER test_outbox_count ON "WebhookEvent"`);
      await db.$executeRawUnsafe(`DROP FUNCTION test_outbox_count()`);
      await db.$executeRawUnsafe(`DROP TABLE test_outbox_statements`);
    }
  });

  it("a rolled-back transaction writes nothing", async () => {
    const c = await active();
    const game = await makeGame();
    const events = [bet(c.player.id, game.id, "1900", new Date(c.at.getTime() + SEC))].map((e) => ZBetEvent.parse(e));
    await expect(
      db.$transaction(async (tx) => {
        const rows = await insertNewBets(tx, events);
        await applyStoredBets(tx, rows.map((r) => r.id), new Date(), effectsDue(rows));
        expect(await tx.webhookEvent.count({ where: { type: "bonus.progress", userId: c.player.id } })).toBe(2); // written, in the transaction
        await cancelOpenBonuses(tx, c.player.id, "BONUS_BLOCKED", new Date());
        throw new Error("the batch fails");
      }),
    ).rejects.toThrow("the batch fails");
    expect(await db.webhookEvent.count({ where: { userId: c.player.id, type: { in: ["bonus.progress", "bonus.forfeited"] } } })).toBe(0);
    await fanOutEvents();
    expect(await db.webhookDelivery.count({ where: { event: { userId: c.player.id, type: { in: ["bonus.progress", "bonus.forfeited"] } } } })).toBe(0);
    // The same bets sent for real then write their events once.
    await applied([bet(c.player.id, game.id, "1900", new Date(c.at.getTime() + SEC))]);
    expect(await countOf("bonus.progress", c.player.id)).toBe(2);
  });
});

describe("the worker's fan-out", () => {
  /** `n` outbox events of `type` as a causing transaction writes them: not fanned out yet. */
  async function written(type: string, n: number) {
    const ids = Array.from({ length: n }, () => `msg_${randomUUID().replaceAll("-", "")}`);
    await db.webhookEvent.createMany({ data: ids.map((id) => ({ id, type, data: { userId: 1 } })) });
    return ids;
  }
  const deliveriesOf = (eventIds: string[]) =>
    db.webhookDelivery.findMany({ where: { eventId: { in: eventIds } }, select: { eventId: true, endpointId: true } });

  it("gives each event one delivery per subscribed endpoint, once, across two concurrent workers", async () => {
    while ((await fanOutEvents()).events > 0); // what earlier tests wrote
    const ids = await written("challenge.won", 3000);
    // Two workers at once, each until nothing is left: SKIP LOCKED splits the events between them.
    const drain = async () => {
      let events = 0;
      for (let r = await fanOutEvents(); r.events > 0; r = await fanOutEvents()) events += r.events;
      return events;
    };
    const [a, b] = await Promise.all([drain(), drain()]);
    expect(a + b).toBe(3000);
    const deliveries = await deliveriesOf(ids);
    expect(deliveries).toHaveLength(3000);
    expect(new Set(deliveries.map((d) => d.eventId)).size).toBe(3000);
    expect(deliveries.every((d) => d.endpointId === endpointId)).toBe(true);
    expect(await drain()).toBe(0);
    expect(await deliveriesOf(ids)).toHaveLength(3000);
  });

  it("sends to the endpoints enabled and subscribed when it runs, not when the event was written", async () => {
    const later = await db.webhookEndpoint.create({
      data: { url: "https://crm.example.com/later", eventTypes: ["leaderboard.prize"], secret: "whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVz" },
    });
    const other = await db.webhookEndpoint.create({
      data: { url: "https://crm.example.com/other", eventTypes: ["bonus.activated"], secret: "whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVz" },
    });
    try {
      const [prize] = await written("leaderboard.prize", 1);
      await db.webhookEndpoint.update({ where: { id: endpointId }, data: { enabled: false } });
      await fanOutEvents();
      // The endpoint subscribed after the commit gets it; the one disabled meanwhile and the one
      // subscribed to another type don't.
      expect(await deliveriesOf([prize])).toEqual([{ eventId: prize, endpointId: later.id }]);
    } finally {
      await db.webhookEndpoint.update({ where: { id: endpointId }, data: { enabled: true } });
      await db.webhookEndpoint.deleteMany({ where: { id: { in: [later.id, other.id] } } });
    }
  });
});
